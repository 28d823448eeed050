# dmgbuild settings for Maru's disk image: the app and an Applications link to drag it onto.
#   dmgbuild -s packaging/macos/dmg_settings.py -D app=build/dist/Maru.app \
#       Maru build/Maru-<version>.dmg
# dmgbuild runs this file with `defines` (the -D values) in scope.
import os.path

application = defines.get("app", "build/dist/Maru.app")  # noqa: F821 (given by dmgbuild)
appname = os.path.basename(application)

# ULFO: LZFSE compression, smaller and faster to open than UDZO (zlib); macOS 10.11 and later.
format = defines.get("format", "ULFO")  # noqa: F821
size = None  # let dmgbuild measure the app
files = [application]
symlinks = {"Applications": "/Applications"}
icon = os.path.join(application, "Contents", "Resources", "maru.icns")  # the volume's icon
if not os.path.exists(icon):
    icon = None

background = "builtin-arrow"
show_status_bar = False
show_tab_view = False
show_toolbar = False
show_pathbar = False
show_sidebar = False
default_view = "icon-view"
window_rect = ((200, 120), (640, 400))
icon_size = 128
text_size = 13
icon_locations = {
    appname: (160, 200),
    "Applications": (480, 200),
}
