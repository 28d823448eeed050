; NSIS installer for Maru (Windows): packs the PyInstaller one-folder freeze.
; This file is UTF-8 with a BOM so makensis reads its Korean strings on any host.
;
;   makensis /DAPP_DIR=<freeze> [/DCUDA_DIR=<overlay>] [/DVERSION=0.1.0] [/DOUTFILE=<setup.exe>] maru.nsi
;
; APP_DIR   the freeze from packaging/pyinstaller/maru.spec (build/dist/maru: maru.exe + _internal\).
; CUDA_DIR  optional CUDA overlay made by split-cuda.sh (default: APP_DIR + "-cuda"): files laid out
;           as in the app folder (ggml-cuda.dll beside the other backend modules in
;           _internal\llama_cpp\lib, the CUDA runtime DLLs in _internal\), so Maru finds the backend
;           where it finds every other one. When the folder is absent, the installer has no CUDA part.
;
; Per-user install (%LOCALAPPDATA%\Programs\Maru, no administrator rights), because Maru's data is
; per-user anyway (%LOCALAPPDATA%\Maru, see desktop/paths.py), users on managed PCs can install it,
; and a later self-update needs no elevation. The .gguf association goes to HKCU\Software\Classes.

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel user

!ifndef APP_DIR
  !error "Pass /DAPP_DIR=<PyInstaller freeze folder> (build/dist/maru)"
!endif
!ifndef EXE
  !define EXE "maru.exe"
!endif
!if ! /FileExists "${APP_DIR}\${EXE}"
  !error "${APP_DIR}\${EXE} is missing: build the freeze first (packaging/pyinstaller/maru.spec)"
!endif
!ifndef VERSION
  !define VERSION "0.0.0"
!endif
!ifndef OUTFILE
  !define OUTFILE "Maru-${VERSION}-setup.exe"
!endif
!ifndef CUDA_DIR
  !define CUDA_DIR "${APP_DIR}-cuda"
!endif
!if /FileExists "${CUDA_DIR}\*"
  !define HAVE_CUDA
!endif

!define APP "Maru"
!define PUBLISHER "The Maru developers"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP}"
!define PROGID "Maru.gguf"
; platformdirs' user_data_dir("Maru") on Windows; config and logs live inside it too.
!define DATA_DIR "$LOCALAPPDATA\${APP}"

Name "${APP}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP}"
InstallDirRegKey HKCU "Software\${APP}" "InstallDir"
BrandingText "${APP} ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${APP}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "${APP} Setup"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "LegalCopyright" "MIT License"

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"
!include "x64.nsh"
!include "WinVer.nsh"

!if /FileExists "${__FILEDIR__}\maru.ico"
  !define MUI_ICON "${__FILEDIR__}\maru.ico"
  !define MUI_UNICON "${__FILEDIR__}\maru.ico"
!endif
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_NODESC
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

; The uninstaller's components page is where the user chooses to keep or delete their data:
; "Delete my data" starts unticked, and a silent uninstall (/S) keeps the data.
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is the fallback; NSIS picks the one matching Windows' display language.
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "Korean"

LangString SecApp ${LANG_ENGLISH} "Maru (required)"
LangString SecApp ${LANG_KOREAN} "마루 (필수)"
LangString SecCuda ${LANG_ENGLISH} "NVIDIA CUDA backend (faster on NVIDIA graphics cards)"
LangString SecCuda ${LANG_KOREAN} "NVIDIA CUDA 백엔드 (NVIDIA 그래픽 카드에서 더 빠름)"
LangString SecUnApp ${LANG_ENGLISH} "Maru app, Start menu entry, .gguf file association"
LangString SecUnApp ${LANG_KOREAN} "마루 앱, 시작 메뉴 항목, .gguf 파일 연결"
LangString SecUnData ${LANG_ENGLISH} "Delete my chats, models and settings (${DATA_DIR})"
LangString SecUnData ${LANG_KOREAN} "내 대화, 모델, 설정 삭제 (${DATA_DIR})"
LangString ConfirmData ${LANG_ENGLISH} "Delete your chats, downloaded models, document indexes and settings in ${DATA_DIR}? This cannot be undone. (A data folder you moved elsewhere is not deleted.)"
LangString ConfirmData ${LANG_KOREAN} "${DATA_DIR}에 있는 대화, 내려받은 모델, 문서 색인, 설정을 삭제할까요? 되돌릴 수 없습니다. (다른 곳으로 옮긴 데이터 폴더는 삭제하지 않습니다.)"
LangString NeedWin10 ${LANG_ENGLISH} "Maru needs 64-bit Windows 10 or later."
LangString NeedWin10 ${LANG_KOREAN} "마루는 64비트 Windows 10 이상에서 실행됩니다."
LangString FileType ${LANG_ENGLISH} "GGUF AI model"
LangString FileType ${LANG_KOREAN} "GGUF AI 모델"


; Refuse the data folder as install folder: the uninstaller must never remove it by accident.
Function .onVerifyInstDir
  ${If} $INSTDIR == "${DATA_DIR}"
    Abort
  ${EndIf}
FunctionEnd

Section "$(SecApp)" SEC_APP
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; An update replaces the whole library folder: a stale backend module from an older build
  ; (or a CUDA part the user no longer chose) must not be loaded.
  ${If} ${FileExists} "$INSTDIR\${EXE}"
    RMDir /r "$INSTDIR\_internal"
  ${EndIf}
  File /r "${APP_DIR}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  ; Windows 10/11 list Start-menu shortcuts flat: no folder.
  CreateShortcut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\${EXE}"

  ; .gguf: "Open with Maru". Take the default only when no other program owns .gguf.
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "$(FileType)"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\${EXE},0"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\${EXE}" "%1"'
  WriteRegStr HKCU "Software\Classes\.gguf\OpenWithProgids" "${PROGID}" ""
  ReadRegStr $0 HKCU "Software\Classes\.gguf" ""
  ${If} $0 == ""
    WriteRegStr HKCU "Software\Classes\.gguf" "" "${PROGID}"
  ${EndIf}
  WriteRegStr HKCU "Software\Classes\Applications\${EXE}\SupportedTypes" ".gguf" ""
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'  ; SHCNE_ASSOCCHANGED

  WriteRegStr HKCU "Software\${APP}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${EXE},0"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
SectionEnd

!ifdef HAVE_CUDA
Section /o "$(SecCuda)" SEC_CUDA
  SetOutPath "$INSTDIR"
  File /r "${CUDA_DIR}\*.*"
SectionEnd
!endif

; Runs last, so the size includes the CUDA part when chosen.
Section "-EstimatedSize"
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" $0
SectionEnd

; After the sections: it refers to SEC_CUDA.
Function .onInit
  ${IfNot} ${RunningX64}
  ${OrIfNot} ${AtLeastWin10}
    MessageBox MB_OK|MB_ICONSTOP "$(NeedWin10)" /SD IDOK
    Abort
  ${EndIf}
!ifdef HAVE_CUDA
  ; Preselect CUDA when the NVIDIA driver is there (it installs nvcuda.dll into System32).
  ${DisableX64FSRedirection}
  ${If} ${FileExists} "$WINDIR\System32\nvcuda.dll"
    !insertmacro SelectSection ${SEC_CUDA}
  ${EndIf}
  ${EnableX64FSRedirection}
!endif
FunctionEnd

Function un.onInit
  ${IfNot} ${FileExists} "$INSTDIR\${EXE}"
    Abort  ; not an install folder of Maru: remove nothing
  ${EndIf}
FunctionEnd

Section "un.$(SecUnApp)" UNSEC_APP
  SectionIn RO
  Delete "$SMPROGRAMS\${APP}.lnk"
  ; A PyInstaller one-folder app is the exe and _internal\; remove exactly that (plus DLLs a
  ; CUDA overlay may put beside the exe), never the folder's other contents.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\*.dll"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"

  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  DeleteRegValue HKCU "Software\Classes\.gguf\OpenWithProgids" "${PROGID}"
  ReadRegStr $0 HKCU "Software\Classes\.gguf" ""
  ${If} $0 == "${PROGID}"
    DeleteRegValue HKCU "Software\Classes\.gguf" ""
  ${EndIf}
  DeleteRegKey /ifempty HKCU "Software\Classes\.gguf\OpenWithProgids"
  DeleteRegKey /ifempty HKCU "Software\Classes\.gguf"
  DeleteRegKey HKCU "Software\Classes\Applications\${EXE}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
  DeleteRegKey HKCU "${UNINST_KEY}"
  DeleteRegKey HKCU "Software\${APP}"
SectionEnd

Section /o "un.$(SecUnData)" UNSEC_DATA
  MessageBox MB_YESNO|MB_ICONEXCLAMATION|MB_DEFBUTTON2 "$(ConfirmData)" /SD IDYES IDNO keep
    RMDir /r "${DATA_DIR}"
  keep:
SectionEnd
