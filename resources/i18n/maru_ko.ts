<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>AboutBox</name>
    <message>
        <location filename="../../desktop/ui/about_box.py" line="16"/>
        <source>Version %1</source>
        <translation>버전 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/about_box.py" line="18"/>
        <source>An AI assistant that runs on this computer. No telemetry; nothing leaves this computer except downloads you ask for.</source>
        <translation>이 컴퓨터에서 실행되는 AI 어시스턴트입니다. 원격 분석을 하지 않으며, 사용자가 요청한 다운로드 외에는 어떤 데이터도 이 컴퓨터 밖으로 나가지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/about_box.py" line="21"/>
        <source>Models run with llama.cpp. Icons: Lucide (ISC licence).</source>
        <translation>모델은 llama.cpp로 실행됩니다. 아이콘: Lucide(ISC 라이선스).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/about_box.py" line="30"/>
        <source>About Maru</source>
        <translation>Maru 정보</translation>
    </message>
</context>
<context>
    <name>AnswerAnnouncer</name>
    <message>
        <location filename="../../desktop/ui/answer_announcer.py" line="30"/>
        <source>Your messages and Maru&apos;s answers. Tab moves between the links under each message: Copy, Edit, Regenerate, Delete.</source>
        <translation>내 메시지와 Maru의 답변입니다. Tab 키로 각 메시지 아래의 링크(복사, 편집, 다시 생성, 삭제) 사이를 이동합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/answer_announcer.py" line="37"/>
        <source>Maru is writing an answer; it is read out when it is done.</source>
        <translation>Maru가 답변을 작성하고 있습니다. 작성이 끝나면 읽어 줍니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/answer_announcer.py" line="52"/>
        <source>Answer stopped.</source>
        <translation>답변이 중지되었습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/answer_announcer.py" line="55"/>
        <source>Nothing in your documents matches this question.</source>
        <translation>문서에서 이 질문과 일치하는 내용을 찾지 못했습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/answer_announcer.py" line="56"/>
        <source>The answer is empty.</source>
        <translation>답변이 비어 있습니다.</translation>
    </message>
</context>
<context>
    <name>CatalogView</name>
    <message>
        <location filename="../../desktop/ui/catalog_view.py" line="34"/>
        <source>Show</source>
        <translation>표시</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/catalog_view.py" line="35"/>
        <source>All models</source>
        <translation>모든 모델</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/catalog_view.py" line="35"/>
        <source>Good at Korean</source>
        <translation>한국어에 강한 모델</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/catalog_view.py" line="36"/>
        <source>Chat models</source>
        <translation>채팅 모델</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/catalog_view.py" line="37"/>
        <source>Embedding models (for documents)</source>
        <translation>임베딩 모델(문서용)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/catalog_view.py" line="40"/>
        <source>Catalog</source>
        <translation>카탈로그</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/catalog_view.py" line="42"/>
        <source>Models Maru recommends. Choosing one lists its files below.</source>
        <translation>Maru가 추천하는 모델입니다. 하나를 선택하면 아래에 파일 목록이 표시됩니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/catalog_view.py" line="49"/>
        <source>Show:</source>
        <translation>표시:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/catalog_view.py" line="83"/>
        <source>%1B parameters</source>
        <translation>매개변수 %1B</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/catalog_view.py" line="92"/>
        <source>Context: %1 tokens</source>
        <translation>컨텍스트: %1 토큰</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/catalog_view.py" line="94"/>
        <source>The author asks you to accept terms on the Hub first; Maru will ask for an access token.</source>
        <translation>작성자가 허브에서 먼저 이용 약관에 동의하도록 요구합니다. Maru가 액세스 토큰을 요청합니다.</translation>
    </message>
</context>
<context>
    <name>ChatPage</name>
    <message>
        <location filename="../../desktop/ui/chat_page.py" line="54"/>
        <source>Notice</source>
        <translation>알림</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/chat_page.py" line="56"/>
        <source>Send</source>
        <translation>보내기</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/chat_page.py" line="57"/>
        <source>Stop</source>
        <translation>중지</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/chat_page.py" line="58"/>
        <source>Stop the answer (Esc)</source>
        <translation>답변 중지(Esc)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/chat_page.py" line="165"/>
        <source>Editing a message: Enter resends it and replaces the later turns; Esc cancels.</source>
        <translation>메시지 편집 중: Enter를 누르면 다시 보내고 이후 대화를 대체합니다. Esc를 누르면 취소합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/chat_page.py" line="169"/>
        <source>Delete message</source>
        <translation>메시지 삭제</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/chat_page.py" line="170"/>
        <source>Delete this message? This cannot be undone.</source>
        <translation>이 메시지를 삭제할까요? 삭제한 메시지는 되돌릴 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/chat_page.py" line="184"/>
        <source>This conversation no longer fits in the model&apos;s context (%1 tokens). Maru left out the oldest %2 message(s) and kept the system prompt. Start a new conversation or raise the context size to keep everything.</source>
        <translation>이 대화가 더 이상 모델의 컨텍스트(%1 토큰)에 들어가지 않습니다. Maru가 가장 오래된 메시지 %2개를 제외하고 시스템 프롬프트는 유지했습니다. 모든 내용을 유지하려면 새 대화를 시작하거나 컨텍스트 크기를 늘리세요.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/chat_page.py" line="203"/>
        <source>Documents are not available in this window; %n file(s) not added.</source>
        <translation>
            <numerusform>이 창에서는 문서를 사용할 수 없어 파일 %n개를 추가하지 않았습니다.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/chat_page.py" line="238"/>
        <source>%n attached file(s) could not be read: </source>
        <translation>
            <numerusform>첨부 파일 %n개를 읽지 못했습니다: </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/chat_page.py" line="240"/>
        <source> and %n more.</source>
        <translation>
            <numerusform> 외 %n개.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/chat_page.py" line="244"/>
        <source>Searching your documents…</source>
        <translation>문서를 검색하는 중…</translation>
    </message>
</context>
<context>
    <name>ClassifyPanel</name>
    <message>
        <location filename="../../desktop/ui/classify_panel.py" line="59"/>
        <source>Sentiment</source>
        <translation>감성</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/classify_panel.py" line="60"/>
        <source>Spam or not</source>
        <translation>스팸 여부</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/classify_panel.py" line="61"/>
        <source>Topic</source>
        <translation>주제</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/classify_panel.py" line="62"/>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/classify_panel.py" line="64"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/classify_panel.py" line="64"/>
        <source>Text</source>
        <translation>텍스트</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/classify_panel.py" line="65"/>
        <source>Label</source>
        <translation>레이블</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/classify_panel.py" line="66"/>
        <source>Confidence</source>
        <translation>신뢰도</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/classify_panel.py" line="138"/>
        <source>(none)</source>
        <translation>(없음)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/classify_panel.py" line="207"/>
        <source>Items to classify, one per line; or open a CSV, TSV, JSONL or text file.</source>
        <translation>분류할 항목을 한 줄에 하나씩 입력하거나 CSV, TSV, JSONL 또는 텍스트 파일을 여세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/classify_panel.py" line="208"/>
        <source>Items (*.csv *.tsv *.jsonl *.ndjson *.txt);;All files (*)</source>
        <translation>항목 (*.csv *.tsv *.jsonl *.ndjson *.txt);;모든 파일 (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/classify_panel.py" line="209"/>
        <source>Items to classify</source>
        <translation>분류할 항목</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/classify_panel.py" line="210"/>
        <source>&amp;Classify</source>
        <translation>분류(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/classify_panel.py" line="211"/>
        <source>Classify</source>
        <translation>분류</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/classify_panel.py" line="222"/>
        <source>Custom</source>
        <translation>사용자 지정</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/classify_panel.py" line="225"/>
        <source>Preset</source>
        <translation>프리셋</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/classify_panel.py" line="228"/>
        <location filename="../../desktop/ui/classify_panel.py" line="231"/>
        <source>One label per line; add &apos;: description&apos; to explain it</source>
        <translation>레이블을 한 줄에 하나씩 입력하고, 설명을 붙이려면 &apos;: 설명&apos;을 덧붙이세요</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/classify_panel.py" line="229"/>
        <source>Labels</source>
        <translation>레이블</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/classify_panel.py" line="233"/>
        <source>&amp;Multi-label: an item may have several labels, or none</source>
        <translation>다중 레이블: 항목마다 레이블이 여러 개이거나 없을 수 있음(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/classify_panel.py" line="235"/>
        <source>Multi-label</source>
        <translation>다중 레이블</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/classify_panel.py" line="238"/>
        <location filename="../../desktop/ui/classify_panel.py" line="241"/>
        <source>Optional examples, one per line: text =&gt; label (or label1, label2)</source>
        <translation>예시(선택 사항), 한 줄에 하나씩: 텍스트 =&gt; 레이블 (또는 레이블1, 레이블2)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/classify_panel.py" line="239"/>
        <source>Examples</source>
        <translation>예시</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/classify_panel.py" line="244"/>
        <source>Column of the items</source>
        <translation>항목이 있는 열</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/classify_panel.py" line="247"/>
        <source>Results</source>
        <translation>결과</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/classify_panel.py" line="249"/>
        <source>Each item with its label and how sure the model is, added as items are sorted.</source>
        <translation>각 항목과 레이블, 모델의 확신도를 보여 주며, 항목이 분류될 때마다 추가됩니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/classify_panel.py" line="255"/>
        <source>&amp;Export CSV…</source>
        <translation>CSV 내보내기(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/classify_panel.py" line="256"/>
        <source>Export the results as CSV</source>
        <translation>결과를 CSV로 내보내기</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/classify_panel.py" line="270"/>
        <source>&amp;Preset:</source>
        <translation>프리셋(&amp;P):</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/classify_panel.py" line="272"/>
        <source>&amp;Labels:</source>
        <translation>레이블(&amp;L):</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/classify_panel.py" line="275"/>
        <source>E&amp;xamples:</source>
        <translation>예시(&amp;X):</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/classify_panel.py" line="282"/>
        <source>Col&amp;umn:</source>
        <translation>열(&amp;U):</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/classify_panel.py" line="357"/>
        <source>Example line %1 needs the form: text =&gt; label</source>
        <translation>예시 %1번째 줄은 다음 형식이어야 합니다: 텍스트 =&gt; 레이블</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/classify_panel.py" line="366"/>
        <source>Export CSV</source>
        <translation>CSV 내보내기</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/classify_panel.py" line="367"/>
        <source>results.csv</source>
        <translation>결과.csv</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/classify_panel.py" line="367"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/classify_panel.py" line="373"/>
        <source>%1 could not be saved: %2</source>
        <translation>%1을(를) 저장하지 못했습니다: %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/classify_panel.py" line="376"/>
        <source>Saved %1.</source>
        <translation>%1을(를) 저장했습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/classify_panel.py" line="390"/>
        <source>Automatic</source>
        <translation>자동</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/classify_panel.py" line="412"/>
        <location filename="../../desktop/ui/classify_panel.py" line="418"/>
        <source>Stopped; the items done so far are kept.</source>
        <translation>중지되었습니다. 지금까지 처리한 항목은 유지됩니다.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/classify_panel.py" line="416"/>
        <source>%n item(s) classified.</source>
        <translation>
            <numerusform>항목 %n개를 분류했습니다.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CollectionsList</name>
    <message>
        <location filename="../../desktop/ui/collections_list.py" line="33"/>
        <source>Collections</source>
        <translation>컬렉션 목록</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/collections_list.py" line="35"/>
        <source>Your document collections. Choose one to see its files and indexing.</source>
        <translation>내 문서 컬렉션입니다. 하나를 선택하면 파일과 색인 상태를 볼 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/collections_list.py" line="36"/>
        <source>&amp;New collection…</source>
        <translation>새 컬렉션(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/collections_list.py" line="37"/>
        <source>Re&amp;name…</source>
        <translation>이름 바꾸기(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/collections_list.py" line="38"/>
        <source>De&amp;lete…</source>
        <translation>삭제(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/collections_list.py" line="39"/>
        <location filename="../../desktop/ui/collections_list.py" line="89"/>
        <source>New collection</source>
        <translation>새 컬렉션</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/collections_list.py" line="40"/>
        <location filename="../../desktop/ui/collections_list.py" line="125"/>
        <source>Rename collection</source>
        <translation>컬렉션 이름 바꾸기</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/collections_list.py" line="41"/>
        <location filename="../../desktop/ui/collections_list.py" line="135"/>
        <source>Delete collection</source>
        <translation>컬렉션 삭제</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/collections_list.py" line="89"/>
        <source>Name of the new collection:</source>
        <translation>새 컬렉션 이름:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/collections_list.py" line="106"/>
        <source>The name cannot be empty.</source>
        <translation>이름은 비워 둘 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/collections_list.py" line="108"/>
        <source>Names starting with &quot;chat-&quot; are kept for conversations.</source>
        <translation>&quot;chat-&quot;으로 시작하는 이름은 대화용으로 예약되어 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/collections_list.py" line="110"/>
        <source>There is already a collection with this name.</source>
        <translation>같은 이름의 컬렉션이 이미 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/collections_list.py" line="125"/>
        <source>New name:</source>
        <translation>새 이름:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/collections_list.py" line="136"/>
        <source>Delete the collection %1 and its index? The files themselves are not deleted.</source>
        <translation>%1 컬렉션과 색인을 삭제할까요? 파일 자체는 삭제되지 않습니다.</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location filename="../../desktop/ui/composer.py" line="41"/>
        <source>Message</source>
        <translation>메시지</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/composer.py" line="42"/>
        <source>Write to Maru. Enter sends the message, Shift+Enter starts a new line.</source>
        <translation>Maru에게 메시지를 쓰세요. Enter로 보내고 Shift+Enter로 줄을 바꿉니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/composer.py" line="44"/>
        <source>Ask anything. Enter sends, Shift+Enter adds a line.</source>
        <translation>무엇이든 물어보세요. Enter로 보내고 Shift+Enter로 줄을 바꿉니다.</translation>
    </message>
</context>
<context>
    <name>ConversationFiles</name>
    <message>
        <location filename="../../desktop/ui/conversation_files.py" line="28"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conversation_files.py" line="29"/>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conversation_files.py" line="30"/>
        <source>Export conversation</source>
        <translation>대화 내보내기</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conversation_files.py" line="34"/>
        <source>Exported to %1.</source>
        <translation>%1에 내보냈습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conversation_files.py" line="38"/>
        <source>Import conversation</source>
        <translation>대화 가져오기</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conversation_files.py" line="39"/>
        <source>Maru conversation (*.json)</source>
        <translation>Maru 대화 (*.json)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conversation_files.py" line="42"/>
        <source>Imported %1.</source>
        <translation>%1 파일을 가져왔습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conversation_files.py" line="48"/>
        <source>Maru</source>
        <translation>Maru</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conversation_files.py" line="49"/>
        <source>That did not work: %1</source>
        <translation>작업을 완료하지 못했습니다: %1</translation>
    </message>
</context>
<context>
    <name>DataFolder</name>
    <message>
        <location filename="../../desktop/ui/data_move_progress.py" line="25"/>
        <location filename="../../desktop/ui/data_move_progress.py" line="63"/>
        <source>Maru</source>
        <translation>Maru</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/data_move_progress.py" line="27"/>
        <source>Maru&apos;s data folder %1 is not there. If it is on a drive that is not connected, connect it and start Maru again.

Start with a new, empty data folder there instead?</source>
        <translation>Maru 데이터 폴더 %1이(가) 없습니다. 연결되지 않은 드라이브에 있다면 드라이브를 연결한 뒤 Maru를 다시 시작하세요.

대신 그 위치에 비어 있는 새 데이터 폴더를 만들어 시작할까요?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/data_move_progress.py" line="42"/>
        <source>Another Maru is using the data folder, so it was not moved. It moves the next time Maru starts while no other Maru runs.</source>
        <translation>다른 Maru가 데이터 폴더를 사용하고 있어 이동하지 않았습니다. 다른 Maru가 실행되고 있지 않을 때 Maru를 시작하면 이동합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/data_move_progress.py" line="48"/>
        <source>Maru&apos;s data folder was not moved: %1 Nothing was changed; Maru goes on using %2.</source>
        <translation>Maru 데이터 폴더를 이동하지 못했습니다: %1 아무것도 변경되지 않았으며, Maru는 계속 %2을(를) 사용합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/data_move_progress.py" line="60"/>
        <source>Moving Maru&apos;s data to %1…</source>
        <translation>Maru 데이터를 %1(으)로 이동하는 중…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/data_move_progress.py" line="62"/>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/privacy_data_box.py" line="32"/>
        <source>This is the folder Maru uses now.</source>
        <translation>Maru가 지금 사용하고 있는 폴더입니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/privacy_data_box.py" line="33"/>
        <source>The new folder cannot be inside the current data folder.</source>
        <translation>새 폴더는 현재 데이터 폴더 안에 둘 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/privacy_data_box.py" line="35"/>
        <source>That is a file, not a folder.</source>
        <translation>폴더가 아니라 파일입니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/privacy_data_box.py" line="36"/>
        <source>The folder is not empty. Choose an empty folder, or make a new one.</source>
        <translation>폴더가 비어 있지 않습니다. 빈 폴더를 선택하거나 새 폴더를 만드세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/privacy_data_box.py" line="38"/>
        <source>Maru may not write in that folder. Choose a folder you own, on a disk that is not read-only.</source>
        <translation>Maru가 그 폴더에 쓸 수 없습니다. 읽기 전용이 아닌 디스크에서 본인 소유의 폴더를 선택하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/privacy_data_box.py" line="40"/>
        <source>The disk of that folder has too little free space for Maru&apos;s data.</source>
        <translation>그 폴더가 있는 디스크에 Maru 데이터를 저장할 여유 공간이 부족합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/privacy_data_box.py" line="42"/>
        <source>Copying failed part way (the disk may have been removed or be failing).</source>
        <translation>복사하는 도중에 실패했습니다(디스크가 분리되었거나 고장 났을 수 있습니다).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/privacy_data_box.py" line="44"/>
        <source>A copied file did not match its original.</source>
        <translation>복사한 파일이 원본과 일치하지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/privacy_data_box.py" line="45"/>
        <source>The move was cancelled.</source>
        <translation>이동이 취소되었습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/privacy_data_box.py" line="48"/>
        <source>Something went wrong while moving.</source>
        <translation>이동하는 중에 문제가 발생했습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/privacy_data_box.py" line="191"/>
        <source>Move Maru&apos;s data to</source>
        <translation>Maru 데이터를 이동할 위치</translation>
    </message>
</context>
<context>
    <name>DocumentDropMenu</name>
    <message>
        <location filename="../../desktop/ui/document_drop_menu.py" line="19"/>
        <source>Where should the dropped documents go?</source>
        <translation>끌어다 놓은 문서를 어디에 추가할까요?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/document_drop_menu.py" line="21"/>
        <source>%n document(s)</source>
        <translation>문서 %n개</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/document_drop_menu.py" line="22"/>
        <source>Attach to this conversation</source>
        <translation>이 대화에 첨부</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/document_drop_menu.py" line="26"/>
        <source>Add to a collection</source>
        <translation>컬렉션에 추가</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/document_drop_menu.py" line="29"/>
        <source>New collection…</source>
        <translation>새 컬렉션…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/document_drop_menu.py" line="43"/>
        <source>New collection</source>
        <translation>새 컬렉션</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/document_drop_menu.py" line="44"/>
        <source>Name of the new collection:</source>
        <translation>새 컬렉션 이름:</translation>
    </message>
</context>
<context>
    <name>DocumentFilesModel</name>
    <message>
        <location filename="../../desktop/services/document_files_model.py" line="54"/>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <location filename="../../desktop/services/document_files_model.py" line="55"/>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <location filename="../../desktop/services/document_files_model.py" line="56"/>
        <source>Passages</source>
        <translation>구절</translation>
    </message>
    <message>
        <location filename="../../desktop/services/document_files_model.py" line="57"/>
        <source>Parts</source>
        <translation>분량</translation>
    </message>
    <message>
        <location filename="../../desktop/services/document_files_model.py" line="58"/>
        <source>Folder</source>
        <translation>폴더</translation>
    </message>
    <message>
        <location filename="../../desktop/services/document_files_model.py" line="61"/>
        <source>Queued</source>
        <translation>대기 중</translation>
    </message>
    <message>
        <location filename="../../desktop/services/document_files_model.py" line="62"/>
        <source>Indexing…</source>
        <translation>색인 중…</translation>
    </message>
    <message>
        <location filename="../../desktop/services/document_files_model.py" line="63"/>
        <source>Indexed</source>
        <translation>색인됨</translation>
    </message>
    <message>
        <location filename="../../desktop/services/document_files_model.py" line="64"/>
        <source>Unchanged</source>
        <translation>변경 없음</translation>
    </message>
    <message>
        <location filename="../../desktop/services/document_files_model.py" line="65"/>
        <source>Failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <location filename="../../desktop/services/document_files_model.py" line="66"/>
        <source>Removed</source>
        <translation>제거됨</translation>
    </message>
    <message>
        <location filename="../../desktop/services/document_files_model.py" line="69"/>
        <source>not a supported format</source>
        <translation>지원하지 않는 형식</translation>
    </message>
    <message>
        <location filename="../../desktop/services/document_files_model.py" line="70"/>
        <source>the file is empty</source>
        <translation>빈 파일</translation>
    </message>
    <message>
        <location filename="../../desktop/services/document_files_model.py" line="71"/>
        <source>no text in it (scanned pages?)</source>
        <translation>텍스트 없음(스캔한 페이지일 수 있음)</translation>
    </message>
    <message>
        <location filename="../../desktop/services/document_files_model.py" line="73"/>
        <source>the file is damaged</source>
        <translation>파일 손상</translation>
    </message>
    <message>
        <location filename="../../desktop/services/document_files_model.py" line="74"/>
        <source>password-protected</source>
        <translation>암호로 보호됨</translation>
    </message>
    <message>
        <location filename="../../desktop/services/document_files_model.py" line="75"/>
        <source>too large, or looks like a zip bomb</source>
        <translation>너무 크거나 압축 폭탄으로 의심됨</translation>
    </message>
    <message>
        <location filename="../../desktop/services/document_files_model.py" line="77"/>
        <source>reading it took too long</source>
        <translation>읽는 데 시간이 너무 오래 걸림</translation>
    </message>
    <message>
        <location filename="../../desktop/services/document_files_model.py" line="78"/>
        <source>reading it needed too much memory</source>
        <translation>읽는 데 메모리가 너무 많이 필요함</translation>
    </message>
    <message>
        <location filename="../../desktop/services/document_files_model.py" line="80"/>
        <source>the reader crashed</source>
        <translation>읽기 모듈이 비정상 종료됨</translation>
    </message>
    <message>
        <location filename="../../desktop/services/document_files_model.py" line="81"/>
        <source>cannot be opened</source>
        <translation>열 수 없음</translation>
    </message>
    <message>
        <location filename="../../desktop/services/document_files_model.py" line="82"/>
        <source>moved or deleted</source>
        <translation>이동되었거나 삭제됨</translation>
    </message>
    <message>
        <location filename="../../desktop/services/document_files_model.py" line="86"/>
        <source>%n page</source>
        <translation>%n페이지</translation>
    </message>
    <message>
        <location filename="../../desktop/services/document_files_model.py" line="87"/>
        <source>%n pages</source>
        <translation>%n페이지</translation>
    </message>
    <message>
        <location filename="../../desktop/services/document_files_model.py" line="88"/>
        <source>%n slide</source>
        <translation>슬라이드 %n개</translation>
    </message>
    <message>
        <location filename="../../desktop/services/document_files_model.py" line="89"/>
        <source>%n slides</source>
        <translation>슬라이드 %n개</translation>
    </message>
    <message>
        <location filename="../../desktop/services/document_files_model.py" line="90"/>
        <source>%n section</source>
        <translation>섹션 %n개</translation>
    </message>
    <message>
        <location filename="../../desktop/services/document_files_model.py" line="91"/>
        <source>%n sections</source>
        <translation>섹션 %n개</translation>
    </message>
    <message>
        <location filename="../../desktop/services/document_files_model.py" line="95"/>
        <source>page %1 has no text (scanned?)</source>
        <translation>%1페이지에 텍스트 없음(스캔본?)</translation>
    </message>
    <message>
        <location filename="../../desktop/services/document_files_model.py" line="96"/>
        <source>pages %1 have no text (scanned?)</source>
        <translation>%1페이지에 텍스트 없음(스캔본?)</translation>
    </message>
    <message>
        <location filename="../../desktop/services/document_files_model.py" line="98"/>
        <source>slide %1 has no text (pictures only?)</source>
        <translation>슬라이드 %1에 텍스트 없음(그림만 있음?)</translation>
    </message>
    <message>
        <location filename="../../desktop/services/document_files_model.py" line="100"/>
        <source>slides %1 have no text (pictures only?)</source>
        <translation>슬라이드 %1에 텍스트 없음(그림만 있음?)</translation>
    </message>
    <message>
        <location filename="../../desktop/services/document_files_model.py" line="102"/>
        <source>section %1 has no text</source>
        <translation>섹션 %1에 텍스트 없음</translation>
    </message>
    <message>
        <location filename="../../desktop/services/document_files_model.py" line="103"/>
        <source>sections %1 have no text</source>
        <translation>섹션 %1에 텍스트 없음</translation>
    </message>
    <message>
        <location filename="../../desktop/services/document_files_model.py" line="104"/>
        <source>part %1 has no text</source>
        <translation>부분 %1에 텍스트 없음</translation>
    </message>
    <message>
        <location filename="../../desktop/services/document_files_model.py" line="105"/>
        <source>parts %1 have no text</source>
        <translation>부분 %1에 텍스트 없음</translation>
    </message>
    <message>
        <location filename="../../desktop/services/document_files_model.py" line="120"/>
        <source>unknown reason</source>
        <translation>알 수 없는 이유</translation>
    </message>
    <message>
        <location filename="../../desktop/services/document_files_model.py" line="144"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../../desktop/services/document_files_model.py" line="148"/>
        <source>%1; %2</source>
        <translation>%1; %2</translation>
    </message>
</context>
<context>
    <name>DocumentFilesView</name>
    <message>
        <location filename="../../desktop/ui/document_files_view.py" line="30"/>
        <source>Files in the collection</source>
        <translation>컬렉션의 파일</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/document_files_view.py" line="32"/>
        <source>The collection&apos;s files and how their indexing went. Enter opens a file; its context menu (Shift+F10) shows it in its folder or removes it.</source>
        <translation>컬렉션의 파일과 색인 결과입니다. Enter를 누르면 파일이 열리고, 컨텍스트 메뉴(Shift+F10)에서 파일을 폴더에서 보거나 제거할 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/document_files_view.py" line="59"/>
        <source>&amp;Open file</source>
        <translation>파일 열기(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/document_files_view.py" line="60"/>
        <source>Show in &amp;folder</source>
        <translation>폴더에서 보기(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/document_files_view.py" line="62"/>
        <source>&amp;Remove from collection</source>
        <translation>컬렉션에서 제거(&amp;R)</translation>
    </message>
</context>
<context>
    <name>DocumentScopeBar</name>
    <message>
        <location filename="../../desktop/ui/document_scope_bar.py" line="30"/>
        <source>Documents this conversation uses</source>
        <translation>이 대화에서 사용하는 문서</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/document_scope_bar.py" line="31"/>
        <source>Documents</source>
        <translation>문서</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/document_scope_bar.py" line="33"/>
        <source>Choose documents for this conversation</source>
        <translation>이 대화에 사용할 문서 선택</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/document_scope_bar.py" line="54"/>
        <source>%n attached file(s)</source>
        <translation>
            <numerusform>첨부 파일 %n개</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/document_scope_bar.py" line="56"/>
        <source>Answers use: %1</source>
        <translation>답변에 사용: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/document_scope_bar.py" line="61"/>
        <source>Attach files…</source>
        <translation>파일 첨부…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/document_scope_bar.py" line="62"/>
        <source>Attach a folder…</source>
        <translation>폴더 첨부…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/document_scope_bar.py" line="65"/>
        <source>Ask these collections</source>
        <translation>질문할 컬렉션</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/document_scope_bar.py" line="74"/>
        <source>Manage documents…</source>
        <translation>문서 관리…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/document_scope_bar.py" line="83"/>
        <source>Attach documents</source>
        <translation>문서 첨부</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/document_scope_bar.py" line="88"/>
        <source>Attach a folder</source>
        <translation>폴더 첨부</translation>
    </message>
</context>
<context>
    <name>DocumentsPage</name>
    <message>
        <location filename="../../desktop/ui/documents_page.py" line="83"/>
        <source>Collection</source>
        <translation>컬렉션</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/documents_page.py" line="86"/>
        <source>Add &amp;files…</source>
        <translation>파일 추가(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/documents_page.py" line="87"/>
        <source>Add f&amp;older…</source>
        <translation>폴더 추가(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/documents_page.py" line="88"/>
        <source>&amp;Re-index</source>
        <translation>다시 색인(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/documents_page.py" line="89"/>
        <source>&amp;Cancel</source>
        <translation>취소(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/documents_page.py" line="90"/>
        <location filename="../../desktop/ui/documents_page.py" line="219"/>
        <source>Add files</source>
        <translation>파일 추가</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/documents_page.py" line="91"/>
        <location filename="../../desktop/ui/documents_page.py" line="224"/>
        <source>Add a folder</source>
        <translation>폴더 추가</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/documents_page.py" line="92"/>
        <source>Re-index every file</source>
        <translation>모든 파일 다시 색인</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/documents_page.py" line="93"/>
        <source>Cancel indexing</source>
        <translation>색인 취소</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/documents_page.py" line="96"/>
        <source>Indexing progress</source>
        <translation>색인 진행률</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/documents_page.py" line="97"/>
        <source>Answer only from these &amp;documents</source>
        <translation>이 문서에서만 답변(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/documents_page.py" line="98"/>
        <source>Answer only from these documents</source>
        <translation>이 문서에서만 답변</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/documents_page.py" line="101"/>
        <source>No collections yet. Drag files or folders here, or click New collection…</source>
        <translation>아직 컬렉션이 없습니다. 파일이나 폴더를 여기로 끌어다 놓거나 ‘새 컬렉션…’을 클릭하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/documents_page.py" line="139"/>
        <source>New collection</source>
        <translation>새 컬렉션</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/documents_page.py" line="139"/>
        <source>Name of the collection for these documents:</source>
        <translation>이 문서를 넣을 컬렉션 이름:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/documents_page.py" line="191"/>
        <source>%1 — %2, %3</source>
        <translation>%1 — %2, %3</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/documents_page.py" line="192"/>
        <source>1 file</source>
        <translation>파일 1개</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/documents_page.py" line="192"/>
        <source>%1 files</source>
        <translation>파일 %1개</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/documents_page.py" line="193"/>
        <source>1 passage</source>
        <translation>구절 1개</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/documents_page.py" line="193"/>
        <source>%1 passages</source>
        <translation>구절 %1개</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/documents_page.py" line="220"/>
        <source>Documents (%1);;All files (*)</source>
        <translation>문서 (%1);;모든 파일 (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/documents_page.py" line="236"/>
        <source>Reading files: %v of %m</source>
        <translation>파일 읽는 중: %m개 중 %v개</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/documents_page.py" line="240"/>
        <source>Indexing for search by meaning: %v of %m passages</source>
        <translation>의미 검색용 색인 중: 구절 %m개 중 %v개</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/documents_page.py" line="257"/>
        <source>Last run: %1 indexed, %2 unchanged, %3 failed.</source>
        <translation>지난 실행: 색인 %1개, 변경 없음 %2개, 실패 %3개.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/documents_page.py" line="262"/>
        <source>Cancelled before the end.</source>
        <translation>완료 전에 취소되었습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/documents_page.py" line="286"/>
        <source>Remove from collection</source>
        <translation>컬렉션에서 제거</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/documents_page.py" line="287"/>
        <source>%1 came from the folder %2. Remove the whole folder from the collection? The files themselves are not deleted.</source>
        <translation>%1 파일은 %2 폴더에서 추가되었습니다. 폴더 전체를 컬렉션에서 제거할까요? 파일 자체는 삭제되지 않습니다.</translation>
    </message>
</context>
<context>
    <name>DownloadsView</name>
    <message>
        <location filename="../../desktop/ui/downloads_view.py" line="31"/>
        <source>Failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/downloads_view.py" line="32"/>
        <source>Waiting</source>
        <translation>대기 중</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/downloads_view.py" line="33"/>
        <source>Downloading</source>
        <translation>다운로드 중</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/downloads_view.py" line="34"/>
        <source>Paused</source>
        <translation>일시 정지됨</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/downloads_view.py" line="35"/>
        <source>Installed</source>
        <translation>설치됨</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/downloads_view.py" line="46"/>
        <source>%1 h %2 min</source>
        <translation>%1시간 %2분</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/downloads_view.py" line="49"/>
        <source>%1 min %2 s</source>
        <translation>%1분 %2초</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/downloads_view.py" line="51"/>
        <source>%1 s</source>
        <translation>%1초</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/downloads_view.py" line="62"/>
        <source>Model</source>
        <translation>모델</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/downloads_view.py" line="62"/>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/downloads_view.py" line="62"/>
        <source>Progress</source>
        <translation>진행률</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/downloads_view.py" line="63"/>
        <source>Speed</source>
        <translation>속도</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/downloads_view.py" line="63"/>
        <source>Time left</source>
        <translation>남은 시간</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/downloads_view.py" line="69"/>
        <source>Downloads</source>
        <translation>다운로드</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/downloads_view.py" line="71"/>
        <source>Downloads and their progress. Pause, Resume and Cancel act on the selected one.</source>
        <translation>다운로드 목록과 진행 상황입니다. 일시 정지, 다시 시작, 취소는 선택한 항목에 적용됩니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/downloads_view.py" line="72"/>
        <source>No downloads. Pick a model in the Catalog or Search tab and press Download.</source>
        <translation>다운로드 항목이 없습니다. 카탈로그 또는 검색 탭에서 모델을 선택하고 다운로드를 누르세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/downloads_view.py" line="74"/>
        <source>&amp;Pause</source>
        <translation>일시 정지(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/downloads_view.py" line="75"/>
        <source>&amp;Resume</source>
        <translation>다시 시작(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/downloads_view.py" line="76"/>
        <source>&amp;Cancel download</source>
        <translation>다운로드 취소(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/downloads_view.py" line="104"/>
        <source>Download progress</source>
        <translation>다운로드 진행률</translation>
    </message>
</context>
<context>
    <name>EmbeddingBanner</name>
    <message>
        <location filename="../../desktop/ui/embedding_banner.py" line="29"/>
        <source>Search by keywords only. Install the recommended embedding model for search by meaning (handles Korean and English).</source>
        <translation>지금은 키워드로만 검색합니다. 의미로 검색하려면 권장 임베딩 모델을 설치하세요(한국어와 영어 지원).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/embedding_banner.py" line="31"/>
        <source>&amp;Get it…</source>
        <translation>받기(&amp;G)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/embedding_banner.py" line="32"/>
        <source>Get the embedding model</source>
        <translation>임베딩 모델 받기</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/embedding_banner.py" line="37"/>
        <source>Embedding model</source>
        <translation>임베딩 모델</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/embedding_banner.py" line="51"/>
        <source>Semantic search: %1</source>
        <translation>의미 검색: %1</translation>
    </message>
</context>
<context>
    <name>EmptyChat</name>
    <message>
        <location filename="../../desktop/ui/empty_chat.py" line="26"/>
        <source>Summarize a document</source>
        <translation>문서 요약</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/empty_chat.py" line="27"/>
        <source>Translate text</source>
        <translation>텍스트 번역</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/empty_chat.py" line="28"/>
        <source>Ask your documents</source>
        <translation>내 문서에 질문하기</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/empty_chat.py" line="29"/>
        <source>Find a better model</source>
        <translation>더 나은 모델 찾기</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/empty_chat.py" line="44"/>
        <source>Getting started</source>
        <translation>시작하기</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/empty_chat.py" line="45"/>
        <source>Start a conversation</source>
        <translation>대화 시작하기</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/empty_chat.py" line="51"/>
        <source>Type a message below and press Enter.</source>
        <translation>아래에 메시지를 입력하고 Enter를 누르세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/empty_chat.py" line="52"/>
        <source>Or start with:</source>
        <translation>또는 다음으로 시작:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/empty_chat.py" line="100"/>
        <source>%1 will answer. It runs on this computer; nothing you type leaves it.</source>
        <translation>%1 모델이 답변합니다. 이 컴퓨터에서 실행되므로 입력한 내용이 외부로 나가지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/empty_chat.py" line="103"/>
        <source>No model loaded — pick one in the panel on the right or in Models.</source>
        <translation>불러온 모델이 없습니다. 오른쪽 패널이나 모델 화면에서 모델을 선택하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/empty_chat.py" line="108"/>
        <source>Loading the model…</source>
        <translation>모델 불러오는 중…</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="12"/>
        <source>The model process stopped unexpectedly.</source>
        <translation>모델 프로세스가 예기치 않게 중지되었습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="13"/>
        <source>Maru restarts it by itself. Press Regenerate to try again; if it happens again, the model may need more memory than is free: pick a smaller model or a smaller context.</source>
        <translation>Maru가 자동으로 다시 시작합니다. 다시 시도하려면 다시 생성을 누르세요. 같은 문제가 반복되면 모델에 필요한 메모리가 사용 가능한 메모리보다 클 수 있으니, 더 작은 모델이나 더 작은 컨텍스트를 선택하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="18"/>
        <source>Maru could not start the model process.</source>
        <translation>Maru가 모델 프로세스를 시작하지 못했습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="19"/>
        <source>Close other programs to free memory, then try again.</source>
        <translation>다른 프로그램을 닫아 메모리를 확보한 뒤 다시 시도하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="22"/>
        <source>The model could not be loaded.</source>
        <translation>모델을 불러오지 못했습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="23"/>
        <source>Pick another model in the panel on the right, or a smaller context size.</source>
        <translation>오른쪽 패널에서 다른 모델을 선택하거나 컨텍스트 크기를 줄이세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="27"/>
        <source>This model needs more memory than this computer has free, so Maru did not load it.</source>
        <translation>이 모델은 이 컴퓨터에서 지금 사용할 수 있는 메모리보다 많은 메모리가 필요해서 Maru가 불러오지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="29"/>
        <source>Pick a smaller model or a smaller context size, or close other programs and try again.</source>
        <translation>더 작은 모델이나 더 작은 컨텍스트 크기를 고르거나, 다른 프로그램을 닫은 뒤 다시 시도하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="33"/>
        <source>The model file was not found.</source>
        <translation>모델 파일을 찾을 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="34"/>
        <source>Pick an installed model in the panel on the right.</source>
        <translation>오른쪽 패널에서 설치된 모델을 선택하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="37"/>
        <source>This file is not a GGUF model.</source>
        <translation>이 파일은 GGUF 모델이 아닙니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="38"/>
        <location filename="../../desktop/ui/error_text.py" line="46"/>
        <location filename="../../desktop/ui/error_text.py" line="56"/>
        <source>Pick another model.</source>
        <translation>다른 모델을 선택하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="41"/>
        <source>The model file is incomplete (cut off).</source>
        <translation>모델 파일이 불완전합니다(잘림).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="42"/>
        <source>Download it again, or pick another model.</source>
        <translation>다시 다운로드하거나 다른 모델을 선택하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="45"/>
        <source>This model&apos;s format is not supported by Maru&apos;s engine.</source>
        <translation>Maru의 엔진은 이 모델의 형식을 지원하지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="49"/>
        <source>No model is loaded.</source>
        <translation>불러온 모델이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="50"/>
        <source>Pick a model in the panel on the right, then press Regenerate.</source>
        <translation>오른쪽 패널에서 모델을 선택한 뒤 다시 생성을 누르세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="54"/>
        <source>The model&apos;s chat template tried something unsafe and was refused.</source>
        <translation>모델의 채팅 템플릿이 안전하지 않은 동작을 시도하여 차단되었습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="59"/>
        <source>The model&apos;s chat template failed on this conversation.</source>
        <translation>모델의 채팅 템플릿이 이 대화에서 실패했습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="60"/>
        <source>Start a new conversation or pick another model.</source>
        <translation>새 대화를 시작하거나 다른 모델을 선택하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="63"/>
        <source>The model&apos;s chat template took too long or used too much memory, so Maru stopped it.</source>
        <translation>모델의 채팅 템플릿이 너무 오래 걸리거나 메모리를 너무 많이 써서 Maru가 중단했습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="65"/>
        <source>Pick another model: this one&apos;s chat template looks broken or hostile.</source>
        <translation>다른 모델을 고르세요. 이 모델의 채팅 템플릿은 고장 났거나 악의적인 것으로 보입니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="69"/>
        <source>The message is too long for the model&apos;s context.</source>
        <translation>메시지가 모델의 컨텍스트에 비해 너무 깁니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="70"/>
        <source>Shorten the message or raise the context size in the panel on the right.</source>
        <translation>메시지를 줄이거나 오른쪽 패널에서 컨텍스트 크기를 늘리세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="74"/>
        <source>The engine refused the request.</source>
        <translation>엔진이 요청을 거부했습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="75"/>
        <source>Check the sampling settings, or press Reset.</source>
        <translation>샘플링 설정을 확인하거나 초기화를 누르세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="78"/>
        <source>The disk is full: the conversation could not be saved.</source>
        <translation>디스크가 가득 차서 대화를 저장하지 못했습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="79"/>
        <source>Free some disk space; Maru keeps the text on screen.</source>
        <translation>디스크 공간을 확보하세요. 화면의 텍스트는 Maru가 그대로 유지합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="82"/>
        <source>The history file is read-only.</source>
        <translation>기록 파일이 읽기 전용입니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="83"/>
        <source>Check the permissions of Maru&apos;s data folder.</source>
        <translation>Maru 데이터 폴더의 권한을 확인하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="86"/>
        <source>The history file is damaged.</source>
        <translation>기록 파일이 손상되었습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="87"/>
        <source>Quit Maru and see Troubleshooting in the README.</source>
        <translation>Maru를 종료하고 README의 문제 해결 항목을 참고하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="94"/>
        <source>Maru could not reach the Hugging Face Hub.</source>
        <translation>Maru가 Hugging Face 허브에 연결하지 못했습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="95"/>
        <source>Check the network connection and try again; a download keeps the bytes it has and resumes from there.</source>
        <translation>네트워크 연결을 확인하고 다시 시도하세요. 다운로드는 받은 데이터를 유지하고 중단된 지점부터 이어서 받습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="99"/>
        <source>The Hub has no such repository or file.</source>
        <translation>허브에 해당 저장소나 파일이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="100"/>
        <source>Check the name; the file may have been renamed or removed by its author.</source>
        <translation>이름을 확인하세요. 작성자가 파일 이름을 바꾸었거나 삭제했을 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="104"/>
        <source>This repository is gated or private: the Hub asks for an access token.</source>
        <translation>이 저장소는 접근이 제한되었거나 비공개입니다. 허브에서 액세스 토큰을 요구합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="106"/>
        <source>Accept the model&apos;s terms on its Hub page, then enter a Hugging Face access token.</source>
        <translation>허브의 모델 페이지에서 이용 약관에 동의한 뒤 Hugging Face 액세스 토큰을 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="110"/>
        <source>The Hub refused access with this token.</source>
        <translation>허브가 이 토큰의 접근을 거부했습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="111"/>
        <source>Accept the model&apos;s terms on its Hub page with the same account, or enter another token.</source>
        <translation>같은 계정으로 허브의 모델 페이지에서 이용 약관에 동의하거나 다른 토큰을 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="115"/>
        <source>There is not enough free disk space for this model.</source>
        <translation>이 모델을 저장할 디스크 공간이 부족합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="116"/>
        <source>Free some space or remove a model you no longer use; nothing was installed.</source>
        <translation>공간을 확보하거나 더 이상 쓰지 않는 모델을 삭제하세요. 아무것도 설치되지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="120"/>
        <source>The downloaded file did not match the Hub&apos;s checksum and was deleted.</source>
        <translation>다운로드한 파일이 허브의 체크섬과 일치하지 않아 삭제했습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="122"/>
        <source>Download it again; if it fails again, the network or a proxy is changing the data.</source>
        <translation>다시 다운로드하세요. 또 실패하면 네트워크나 프록시가 데이터를 변경하고 있는 것입니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="126"/>
        <source>The Hub answered with an error.</source>
        <translation>허브가 오류를 반환했습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="127"/>
        <source>Try again in a few minutes.</source>
        <translation>몇 분 뒤에 다시 시도하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="130"/>
        <source>Offline mode is on.</source>
        <translation>오프라인 모드가 켜져 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="131"/>
        <source>Turn it off in Settings to search the Hub or download.</source>
        <translation>허브를 검색하거나 다운로드하려면 설정에서 오프라인 모드를 끄세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="134"/>
        <source>Maru&apos;s engine does not know this model&apos;s architecture.</source>
        <translation>Maru의 엔진은 이 모델의 아키텍처를 지원하지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="135"/>
        <source>A newer Maru may support it; pick another model for now.</source>
        <translation>최신 버전의 Maru에서 지원될 수 있습니다. 지금은 다른 모델을 선택하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="140"/>
        <source>Something went wrong.</source>
        <translation>문제가 발생했습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="141"/>
        <source>Try again; if it keeps happening, restart Maru.</source>
        <translation>다시 시도하세요. 계속 발생하면 Maru를 다시 시작하세요.</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../desktop/ui/first_run_dialog.py" line="51"/>
        <location filename="../../desktop/ui/first_run_dialog.py" line="52"/>
        <source>Welcome to Maru</source>
        <translation>Maru에 오신 것을 환영합니다</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run_dialog.py" line="57"/>
        <source>Maru is an AI assistant that runs entirely on this computer. Here is what to know before you start.</source>
        <translation>Maru는 이 컴퓨터에서만 실행되는 AI 도우미입니다. 시작하기 전에 알아 두면 좋은 내용을 안내해 드립니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run_dialog.py" line="63"/>
        <source>Get started</source>
        <translation>시작하기</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run_dialog.py" line="74"/>
        <source>Same as the system</source>
        <translation>시스템 설정과 같게</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run_dialog.py" line="78"/>
        <source>&amp;Language:</source>
        <translation>언어(&amp;L):</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run_dialog.py" line="80"/>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run_dialog.py" line="81"/>
        <source>The new language applies the next time Maru starts.</source>
        <translation>새 언어는 Maru를 다음에 시작할 때 적용됩니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run_dialog.py" line="83"/>
        <source>Restart now</source>
        <translation>지금 다시 시작</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run_dialog.py" line="91"/>
        <source>No model is installed yet. Download one from the catalog; it will run on this computer, and nothing you type leaves it.</source>
        <translation>아직 설치된 모델이 없습니다. 카탈로그에서 모델을 다운로드하세요. 모델은 이 컴퓨터에서 실행되며, 입력한 내용은 외부로 전송되지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run_dialog.py" line="95"/>
        <source>Maru answers with %1 (%2). It runs on this computer; nothing you type leaves it.</source>
        <translation>Maru는 %1(%2) 모델로 답변합니다. 이 모델은 이 컴퓨터에서 실행되며, 입력한 내용은 외부로 전송되지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run_dialog.py" line="99"/>
        <source>Browse the catalog for a better model</source>
        <translation>카탈로그에서 더 좋은 모델 찾아보기</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run_dialog.py" line="104"/>
        <source>Your conversations, models and documents are kept in this folder:</source>
        <translation>대화, 모델, 문서는 다음 폴더에 보관됩니다:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run_dialog.py" line="111"/>
        <source>Data folder</source>
        <translation>데이터 폴더</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run_dialog.py" line="124"/>
        <source>Your model</source>
        <translation>내 모델</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run_dialog.py" line="127"/>
        <source>Your data</source>
        <translation>내 데이터</translation>
    </message>
</context>
<context>
    <name>FitText</name>
    <message>
        <location filename="../../desktop/ui/fit_text.py" line="16"/>
        <source>This build of the engine has no GPU support, so the model runs on the CPU.</source>
        <translation>이 엔진 빌드는 GPU를 지원하지 않아 모델이 CPU에서 실행됩니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/fit_text.py" line="18"/>
        <source>Free GPU memory could not be measured, so Maru keeps the model on the CPU.</source>
        <translation>사용 가능한 GPU 메모리를 측정할 수 없어 Maru가 모델을 CPU에서 실행합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/fit_text.py" line="20"/>
        <source>The whole model fits in free GPU memory.</source>
        <translation>모델 전체가 사용 가능한 GPU 메모리에 들어갑니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/fit_text.py" line="22"/>
        <source>Only part of the model fits in free GPU memory; the rest runs on the CPU.</source>
        <translation>모델의 일부만 사용 가능한 GPU 메모리에 들어가며, 나머지는 CPU에서 실행됩니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/fit_text.py" line="24"/>
        <source>Free GPU memory is too small for even one layer.</source>
        <translation>사용 가능한 GPU 메모리가 레이어 하나를 올리기에도 부족합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/fit_text.py" line="26"/>
        <source>You set the number of GPU layers.</source>
        <translation>GPU 레이어 수를 직접 설정했습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/fit_text.py" line="27"/>
        <source>The GPU layers you set need more GPU memory than is free.</source>
        <translation>설정한 GPU 레이어 수에 필요한 GPU 메모리가 사용 가능한 메모리보다 많습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/fit_text.py" line="29"/>
        <source>It needs more memory than is free now; closing other programs may help.</source>
        <translation>지금 사용 가능한 메모리보다 더 많은 메모리가 필요합니다. 다른 프로그램을 닫으면 도움이 될 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/fit_text.py" line="31"/>
        <source>It needs more memory than this computer has.</source>
        <translation>이 컴퓨터의 메모리보다 더 많은 메모리가 필요합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/fit_text.py" line="33"/>
        <source>The file does not describe its layers, so Maru keeps it on the CPU.</source>
        <translation>파일에 레이어 정보가 없어 Maru가 모델을 CPU에서 실행합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/fit_text.py" line="49"/>
        <source>Not estimated</source>
        <translation>예상치 없음</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/fit_text.py" line="51"/>
        <source>Runs fully on the GPU</source>
        <translation>GPU에서 모두 실행</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/fit_text.py" line="53"/>
        <source>Partly on the GPU (%1 of %2 layers)</source>
        <translation>일부 GPU에서 실행(레이어 %2개 중 %1개)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/fit_text.py" line="56"/>
        <source>Runs on the CPU</source>
        <translation>CPU에서 실행</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/fit_text.py" line="57"/>
        <source>Will not fit in free memory</source>
        <translation>사용 가능한 메모리 부족</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/fit_text.py" line="64"/>
        <source>Needs about %1 of memory (weights %2, context %3, buffers %4).</source>
        <translation>메모리가 약 %1 필요합니다(가중치 %2, 컨텍스트 %3, 버퍼 %4).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/fit_text.py" line="71"/>
        <source>%1 of it on the GPU.</source>
        <translation>이 중 %1은(는) GPU에 올라갑니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/fit_text.py" line="74"/>
        <source>%1 of memory is free.</source>
        <translation>사용 가능한 메모리는 %1입니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/fit_text.py" line="77"/>
        <source>%1 of GPU memory is free.</source>
        <translation>사용 가능한 GPU 메모리는 %1입니다.</translation>
    </message>
</context>
<context>
    <name>GlossaryDialog</name>
    <message>
        <location filename="../../desktop/ui/glossary_dialog.py" line="44"/>
        <source>Glossary</source>
        <translation>용어집</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/glossary_dialog.py" line="54"/>
        <source>Glossary name</source>
        <translation>용어집 이름</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/glossary_dialog.py" line="56"/>
        <source>Term</source>
        <translation>용어</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/glossary_dialog.py" line="56"/>
        <source>Translation</source>
        <translation>번역</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/glossary_dialog.py" line="59"/>
        <source>Terms and their translations</source>
        <translation>용어와 번역</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/glossary_dialog.py" line="60"/>
        <source>&amp;Add term</source>
        <translation>용어 추가(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/glossary_dialog.py" line="61"/>
        <source>Add a term</source>
        <translation>용어 추가</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/glossary_dialog.py" line="62"/>
        <source>&amp;Remove term</source>
        <translation>용어 제거(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/glossary_dialog.py" line="63"/>
        <source>Remove the selected terms</source>
        <translation>선택한 용어 제거</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/glossary_dialog.py" line="66"/>
        <source>Error</source>
        <translation>오류</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/glossary_dialog.py" line="70"/>
        <source>Save the glossary</source>
        <translation>용어집 저장</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/glossary_dialog.py" line="72"/>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/glossary_dialog.py" line="74"/>
        <source>&amp;Name:</source>
        <translation>이름(&amp;N):</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/glossary_dialog.py" line="112"/>
        <source>Give the glossary a name.</source>
        <translation>용어집 이름을 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/glossary_dialog.py" line="114"/>
        <source>Add at least one term with its translation.</source>
        <translation>용어와 번역을 하나 이상 추가하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/glossary_dialog.py" line="120"/>
        <source>The glossary could not be saved: %1</source>
        <translation>용어집을 저장하지 못했습니다: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/glossary_dialog.py" line="133"/>
        <source>The glossary could not be read: %1</source>
        <translation>용어집을 읽지 못했습니다: %1</translation>
    </message>
</context>
<context>
    <name>HubSearchView</name>
    <message>
        <location filename="../../desktop/ui/hub_search_view.py" line="37"/>
        <source>Search GGUF models on Hugging Face, e.g. &quot;qwen 7b&quot; or &quot;korean&quot;</source>
        <translation>Hugging Face에서 GGUF 모델 검색(예: &quot;qwen 7b&quot;, &quot;korean&quot;)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hub_search_view.py" line="39"/>
        <source>Search the Hub</source>
        <translation>허브 검색</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hub_search_view.py" line="42"/>
        <source>Sort by</source>
        <translation>정렬 기준</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hub_search_view.py" line="43"/>
        <source>Most downloaded</source>
        <translation>다운로드 많은 순</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hub_search_view.py" line="44"/>
        <source>Most liked</source>
        <translation>좋아요 많은 순</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hub_search_view.py" line="45"/>
        <source>Recently updated</source>
        <translation>최근 업데이트 순</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hub_search_view.py" line="47"/>
        <source>&amp;Search</source>
        <translation>검색(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hub_search_view.py" line="49"/>
        <source>Search results</source>
        <translation>검색 결과</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hub_search_view.py" line="51"/>
        <source>Repositories found on the Hub. Choosing one lists its files below.</source>
        <translation>허브에서 찾은 저장소입니다. 하나를 선택하면 아래에 파일 목록이 표시됩니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hub_search_view.py" line="84"/>
        <source>Searching the Hub…</source>
        <translation>허브에서 검색하는 중…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hub_search_view.py" line="92"/>
        <source>%1 downloads · %2 likes</source>
        <translation>다운로드 %1회 · 좋아요 %2개</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hub_search_view.py" line="95"/>
        <source>gated</source>
        <translation>접근 제한</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/hub_search_view.py" line="98"/>
        <source>No GGUF repositories match.</source>
        <translation>일치하는 GGUF 저장소가 없습니다.</translation>
    </message>
</context>
<context>
    <name>InstalledModelsView</name>
    <message>
        <location filename="../../desktop/ui/installed_models_view.py" line="39"/>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/installed_models_view.py" line="39"/>
        <source>Quantization</source>
        <translation>양자화</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/installed_models_view.py" line="40"/>
        <source>Architecture</source>
        <translation>아키텍처</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/installed_models_view.py" line="40"/>
        <source>Context</source>
        <translation>컨텍스트</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/installed_models_view.py" line="40"/>
        <source>Size</source>
        <translation>크기</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/installed_models_view.py" line="41"/>
        <source>Where</source>
        <translation>위치</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/installed_models_view.py" line="46"/>
        <source>Installed models</source>
        <translation>설치된 모델</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/installed_models_view.py" line="48"/>
        <source>The models on this computer. Enter uses the selected one in the chat.</source>
        <translation>이 컴퓨터에 있는 모델입니다. Enter를 누르면 선택한 모델을 채팅에 사용합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/installed_models_view.py" line="51"/>
        <source>&amp;Use in chat</source>
        <translation>채팅에 사용(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/installed_models_view.py" line="52"/>
        <source>Set as &amp;default</source>
        <translation>기본 모델로 설정(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/installed_models_view.py" line="53"/>
        <source>Model &amp;settings…</source>
        <translation>모델 설정(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/installed_models_view.py" line="54"/>
        <source>&amp;Remove…</source>
        <translation>삭제(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/installed_models_view.py" line="55"/>
        <source>&amp;Import a GGUF file…</source>
        <translation>GGUF 파일 가져오기(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/installed_models_view.py" line="85"/>
        <source>Bundled</source>
        <translation>기본 제공</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/installed_models_view.py" line="85"/>
        <source>Linked in place</source>
        <translation>원래 위치에 연결됨</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/installed_models_view.py" line="86"/>
        <source>Models folder</source>
        <translation>모델 폴더</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/installed_models_view.py" line="88"/>
        <source>%1 · default</source>
        <translation>%1 · 기본 모델</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/installed_models_view.py" line="91"/>
        <source>unreadable</source>
        <translation>읽을 수 없음</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/installed_models_view.py" line="117"/>
        <source>This file cannot be used: %1</source>
        <translation>이 파일은 사용할 수 없습니다: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/installed_models_view.py" line="122"/>
        <source>With %1 tokens of context: %2</source>
        <translation>컨텍스트 %1 토큰 기준: %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/installed_models_view.py" line="125"/>
        <source>No chat template in the file: Maru uses a generic one.</source>
        <translation>파일에 채팅 템플릿이 없어 Maru가 범용 템플릿을 사용합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/installed_models_view.py" line="151"/>
        <source>Forget the link to %1? The file itself stays where it is.</source>
        <translation>%1 연결을 해제할까요? 파일은 원래 위치에 그대로 남습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/installed_models_view.py" line="153"/>
        <source>Delete %1 from the models folder? This frees %2.</source>
        <translation>모델 폴더에서 %1을(를) 삭제할까요? %2의 공간이 확보됩니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/installed_models_view.py" line="156"/>
        <source>Remove model</source>
        <translation>모델 삭제</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="75"/>
        <source>Maru</source>
        <translation>Maru</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="81"/>
        <source>Pages</source>
        <translation>화면</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="84"/>
        <source>Chat</source>
        <translation>채팅</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="90"/>
        <source>Summarize</source>
        <translation>요약</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="91"/>
        <source>Translate</source>
        <translation>번역</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="92"/>
        <source>Classify</source>
        <translation>분류</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="97"/>
        <source>Documents</source>
        <translation>문서</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="102"/>
        <source>Models</source>
        <translation>모델</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="150"/>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="151"/>
        <source>&amp;New chat</source>
        <translation>새 채팅(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="154"/>
        <source>&amp;Import conversation…</source>
        <translation>대화 가져오기(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="156"/>
        <source>Export as &amp;Markdown…</source>
        <translation>Markdown으로 내보내기(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="158"/>
        <source>Export as &amp;JSON…</source>
        <translation>JSON으로 내보내기(&amp;J)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="161"/>
        <source>Import a &amp;model file…</source>
        <translation>모델 파일 가져오기(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="164"/>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="165"/>
        <source>&amp;Edit</source>
        <translation>편집(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="166"/>
        <source>&amp;Search conversations</source>
        <translation>대화 검색(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="169"/>
        <source>Focus the &amp;composer</source>
        <translation>입력창으로 이동(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="172"/>
        <source>&amp;Settings…</source>
        <translation>설정(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="175"/>
        <location filename="../../desktop/ui/main_window.py" line="179"/>
        <source>&amp;Chat</source>
        <translation>채팅(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="176"/>
        <source>&amp;Stop</source>
        <translation>중지(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="178"/>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="180"/>
        <source>S&amp;ummarize</source>
        <translation>요약(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="181"/>
        <source>&amp;Translate</source>
        <translation>번역(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="182"/>
        <source>C&amp;lassify</source>
        <translation>분류(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="183"/>
        <source>&amp;Documents</source>
        <translation>문서(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="184"/>
        <source>&amp;Models</source>
        <translation>모델(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="190"/>
        <source>Show &amp;sidebar</source>
        <translation>사이드바 표시(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="192"/>
        <source>Show &amp;settings panel</source>
        <translation>설정 패널 표시(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="194"/>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="196"/>
        <source>&amp;Getting started</source>
        <translation>시작하기(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="197"/>
        <source>&amp;About Maru</source>
        <translation>Maru 정보(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="343"/>
        <location filename="../../desktop/ui/main_window.py" line="354"/>
        <source>New chat</source>
        <translation>새 채팅</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="344"/>
        <source>%1 — Maru</source>
        <translation>%1 — Maru</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="351"/>
        <source>Undo</source>
        <translation>실행 취소</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="352"/>
        <source>Undo delete</source>
        <translation>삭제 취소</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="354"/>
        <source>Deleted “%1”.</source>
        <translation>“%1” 대화를 삭제했습니다.</translation>
    </message>
</context>
<context>
    <name>ModelDefaultsDialog</name>
    <message>
        <location filename="../../desktop/ui/model_defaults_dialog.py" line="31"/>
        <source>Settings for %1</source>
        <translation>%1 설정</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_defaults_dialog.py" line="33"/>
        <source>Maru&apos;s default</source>
        <translation>Maru 기본값</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_defaults_dialog.py" line="35"/>
        <source>Context size</source>
        <translation>컨텍스트 크기</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_defaults_dialog.py" line="37"/>
        <source>Automatic (as many as fit)</source>
        <translation>자동(가능한 만큼)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_defaults_dialog.py" line="39"/>
        <source>-1: every layer on the GPU; 0: CPU only</source>
        <translation>-1: 모든 레이어를 GPU에, 0: CPU만 사용</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_defaults_dialog.py" line="40"/>
        <source>GPU layers</source>
        <translation>GPU 레이어</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_defaults_dialog.py" line="42"/>
        <source>Default system prompt</source>
        <translation>기본 시스템 프롬프트</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_defaults_dialog.py" line="45"/>
        <source>Chat template override</source>
        <translation>채팅 템플릿 재정의</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_defaults_dialog.py" line="46"/>
        <source>Empty: the template stored in the file</source>
        <translation>비워 두면 파일에 저장된 템플릿 사용</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_defaults_dialog.py" line="49"/>
        <source>&amp;Context size:</source>
        <translation>컨텍스트 크기(&amp;C):</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_defaults_dialog.py" line="50"/>
        <source>&amp;GPU layers:</source>
        <translation>GPU 레이어(&amp;G):</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_defaults_dialog.py" line="51"/>
        <source>System &amp;prompt for new chats:</source>
        <translation>새 채팅의 시스템 프롬프트(&amp;P):</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_defaults_dialog.py" line="52"/>
        <source>Chat &amp;template (Jinja):</source>
        <translation>채팅 템플릿(Jinja)(&amp;T):</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_defaults_dialog.py" line="59"/>
        <source>These apply the next time the model loads.</source>
        <translation>다음에 모델을 불러올 때 적용됩니다.</translation>
    </message>
</context>
<context>
    <name>ModelStatus</name>
    <message>
        <location filename="../../desktop/ui/model_status.py" line="24"/>
        <location filename="../../desktop/ui/model_status.py" line="44"/>
        <location filename="../../desktop/ui/model_status.py" line="58"/>
        <location filename="../../desktop/ui/model_status.py" line="73"/>
        <source>No model loaded</source>
        <translation>불러온 모델 없음</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_status.py" line="28"/>
        <source>Loading the model</source>
        <translation>모델 불러오는 중</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_status.py" line="48"/>
        <source>GPU %1/%2 layers</source>
        <translation>GPU %1/%2 레이어</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_status.py" line="49"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_status.py" line="52"/>
        <source>Context: %1 tokens</source>
        <translation>컨텍스트: %1 토큰</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_status.py" line="60"/>
        <source>Maru did not open %1 by itself: the last time it was loaded, loading never finished (the model may have crashed Maru). Pick it in the panel on the right to try again.</source>
        <translation>Maru가 %1 모델을 자동으로 열지 않았습니다. 지난번에 이 모델을 불러오다가 끝나지 못했습니다(모델 때문에 Maru가 멈췄을 수 있습니다). 다시 시도하려면 오른쪽 패널에서 고르세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_status.py" line="68"/>
        <source>Loading the model…</source>
        <translation>모델 불러오는 중…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_status.py" line="78"/>
        <source>%1 tokens/s</source>
        <translation>%1 토큰/초</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/model_status.py" line="82"/>
        <source>Context: %1 / %2</source>
        <translation>컨텍스트: %1 / %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/model_status.py" line="85"/>
        <source>(oldest %n message(s) left out)</source>
        <translation>
            <numerusform>(오래된 메시지 %n개 제외)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ModelsPage</name>
    <message>
        <location filename="../../desktop/ui/models_page.py" line="59"/>
        <source>&amp;Installed</source>
        <translation>설치됨(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/models_page.py" line="60"/>
        <source>&amp;Catalog</source>
        <translation>카탈로그(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/models_page.py" line="61"/>
        <source>Searc&amp;h the Hub</source>
        <translation>허브 검색(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/models_page.py" line="62"/>
        <source>&amp;Downloads</source>
        <translation>다운로드(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/models_page.py" line="92"/>
        <source>Import a GGUF model</source>
        <translation>GGUF 모델 가져오기</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/models_page.py" line="93"/>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF 모델 (*.gguf)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/models_page.py" line="115"/>
        <source>Cannot import %1</source>
        <translation>%1 가져오기 실패</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/models_page.py" line="119"/>
        <source>%1: %2, %3, context %4 tokens, %5.</source>
        <translation>%1: %2, %3, 컨텍스트 %4 토큰, %5.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/models_page.py" line="123"/>
        <source>The file has no chat template: Maru will use a generic one, which may answer worse.</source>
        <translation>이 파일에는 채팅 템플릿이 없습니다. Maru가 범용 템플릿을 사용하므로 답변 품질이 떨어질 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/models_page.py" line="125"/>
        <source>Import %1</source>
        <translation>%1 가져오기</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/models_page.py" line="132"/>
        <source>Use the file where it is, or copy it into Maru&apos;s models folder?</source>
        <translation>파일을 현재 위치에서 그대로 사용할까요, 아니면 Maru의 모델 폴더로 복사할까요?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/models_page.py" line="134"/>
        <source>Use in &amp;place</source>
        <translation>현재 위치에서 사용(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/models_page.py" line="135"/>
        <source>&amp;Copy into Maru</source>
        <translation>Maru로 복사(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/models_page.py" line="144"/>
        <source>Models</source>
        <translation>모델</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/models_page.py" line="155"/>
        <source>Hugging Face access token</source>
        <translation>Hugging Face 액세스 토큰</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/models_page.py" line="156"/>
        <source>%1 is gated or private. Accept its terms on the Hub, create a read token at %2 and paste it here. Maru keeps it in a file only your user can read.</source>
        <translation>%1 저장소는 접근이 제한되었거나 비공개입니다. 허브에서 이용 약관에 동의하고 %2에서 읽기 토큰을 만든 다음 여기에 붙여 넣으세요. Maru는 이 토큰을 현재 사용자만 읽을 수 있는 파일에 보관합니다.</translation>
    </message>
</context>
<context>
    <name>PrivacyDataBox</name>
    <message>
        <location filename="../../desktop/ui/privacy_data_box.py" line="67"/>
        <source>Privacy &amp;&amp; data</source>
        <translation>개인 정보 &amp;&amp; 데이터</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/privacy_data_box.py" line="71"/>
        <source>&amp;Offline mode</source>
        <translation>오프라인 모드(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/privacy_data_box.py" line="73"/>
        <source>Maru never uses the network: searching the Hub and downloading models are off.</source>
        <translation>Maru가 네트워크를 전혀 사용하지 않습니다. 허브 검색과 모델 다운로드가 꺼집니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/privacy_data_box.py" line="92"/>
        <source>Data folder</source>
        <translation>데이터 폴더</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/privacy_data_box.py" line="94"/>
        <source>Where Maru keeps conversations, models, document indexes and glossaries</source>
        <translation>Maru가 대화, 모델, 문서 색인, 용어집을 저장하는 곳</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/privacy_data_box.py" line="95"/>
        <source>&amp;Data folder:</source>
        <translation>데이터 폴더(&amp;D):</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/privacy_data_box.py" line="97"/>
        <source>&amp;Move…</source>
        <translation>이동(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/privacy_data_box.py" line="98"/>
        <source>Move the data folder to another place at the next start</source>
        <translation>다음에 시작할 때 데이터 폴더를 다른 위치로 이동</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/privacy_data_box.py" line="100"/>
        <source>&amp;Keep it here</source>
        <translation>여기에 두기(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/privacy_data_box.py" line="104"/>
        <source>MARU_HOME sets the data folder.</source>
        <translation>MARU_HOME 환경 변수로 데이터 폴더가 지정되어 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/privacy_data_box.py" line="107"/>
        <source>C&amp;lear caches</source>
        <translation>캐시 지우기(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/privacy_data_box.py" line="109"/>
        <source>Delete saved Hub file headers and other data Maru can fetch again; never models, downloads, chats or indexes</source>
        <translation>저장된 허브 파일 헤더 등 Maru가 다시 받을 수 있는 데이터를 삭제합니다. 모델, 다운로드, 채팅, 색인은 삭제하지 않습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/privacy_data_box.py" line="111"/>
        <source>Measuring…</source>
        <translation>크기 계산 중…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/privacy_data_box.py" line="142"/>
        <source>Cannot move there: %1</source>
        <translation>그곳으로 이동할 수 없습니다: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/privacy_data_box.py" line="167"/>
        <source>The data folder moves to %1 at the next start. Maru copies everything, checks the copy, and only then removes the old folder.</source>
        <translation>다음에 시작할 때 데이터 폴더가 %1(으)로 이동합니다. Maru는 모든 데이터를 복사하고 사본을 확인한 뒤에만 이전 폴더를 삭제합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/privacy_data_box.py" line="176"/>
        <source>Clearing…</source>
        <translation>지우는 중…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/privacy_data_box.py" line="180"/>
        <source>Caches take %1. Models, downloads, chats and indexes are never cleared.</source>
        <translation>캐시 사용량: %1. 모델, 다운로드, 채팅, 색인은 지우지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/privacy_data_box.py" line="186"/>
        <source>Freed %1.</source>
        <translation>%1의 공간을 확보했습니다.</translation>
    </message>
</context>
<context>
    <name>RepoFilesPanel</name>
    <message>
        <location filename="../../desktop/ui/repo_files_panel.py" line="51"/>
        <source>Context size for the fit estimate</source>
        <translation>실행 가능 여부 추정에 사용할 컨텍스트 크기</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/repo_files_panel.py" line="53"/>
        <source>%1 tokens</source>
        <translation>%1 토큰</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/repo_files_panel.py" line="56"/>
        <source>Quantization</source>
        <translation>양자화</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/repo_files_panel.py" line="56"/>
        <source>Size</source>
        <translation>크기</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/repo_files_panel.py" line="56"/>
        <source>Files</source>
        <translation>파일</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/repo_files_panel.py" line="57"/>
        <source>On this machine</source>
        <translation>이 컴퓨터에서</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/repo_files_panel.py" line="59"/>
        <source>Model files</source>
        <translation>모델 파일</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/repo_files_panel.py" line="61"/>
        <source>One row per quantization: its size, its files and how it runs on this computer. Enter downloads the selected one.</source>
        <translation>양자화마다 한 행씩 크기, 파일, 이 컴퓨터에서의 실행 가능 여부를 보여 줍니다. Enter를 누르면 선택한 항목을 다운로드합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/repo_files_panel.py" line="65"/>
        <source>&amp;Download</source>
        <translation>다운로드(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/repo_files_panel.py" line="77"/>
        <source>Context:</source>
        <translation>컨텍스트:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/repo_files_panel.py" line="96"/>
        <source>Listing the files on the Hub…</source>
        <translation>허브에서 파일 목록을 가져오는 중…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/repo_files_panel.py" line="109"/>
        <source>This repository has no GGUF model files.</source>
        <translation>이 저장소에는 GGUF 모델 파일이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/repo_files_panel.py" line="111"/>
        <source>The fit cannot be estimated: the model&apos;s header could not be read.</source>
        <translation>모델 헤더를 읽지 못해 실행 가능 여부를 추정할 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/repo_files_panel.py" line="131"/>
        <source>incomplete</source>
        <translation>불완전</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/repo_files_panel.py" line="166"/>
        <source>Added to the downloads.</source>
        <translation>다운로드 목록에 추가했습니다.</translation>
    </message>
</context>
<context>
    <name>RunBar</name>
    <message>
        <location filename="../../desktop/ui/task_input_box.py" line="211"/>
        <source>Ctrl+Enter</source>
        <translation>Ctrl+Enter</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/task_input_box.py" line="212"/>
        <source>S&amp;top</source>
        <translation>중지(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/task_input_box.py" line="213"/>
        <source>Stop the run</source>
        <translation>실행 중지</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/task_input_box.py" line="215"/>
        <source>Progress</source>
        <translation>진행률</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/task_input_box.py" line="217"/>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/task_input_box.py" line="220"/>
        <source>Error</source>
        <translation>오류</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/task_input_box.py" line="247"/>
        <source>Another task is running: wait for it or stop it.</source>
        <translation>다른 작업이 실행 중입니다. 끝날 때까지 기다리거나 중지하세요.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="44"/>
        <location filename="../../desktop/ui/settings_dialog.py" line="95"/>
        <source>Same as the system</source>
        <translation>시스템 설정과 같게</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="45"/>
        <source>Light</source>
        <translation>밝게</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="46"/>
        <source>Dark</source>
        <translation>어둡게</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="67"/>
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="73"/>
        <source>&amp;Restart now</source>
        <translation>지금 다시 시작(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="99"/>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="105"/>
        <source>Theme</source>
        <translation>테마</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="106"/>
        <source>S&amp;ystem size</source>
        <translation>시스템 크기(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="109"/>
        <source> pt</source>
        <translation> pt</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="111"/>
        <source>Text size in points</source>
        <translation>텍스트 크기(포인트)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="112"/>
        <source>General</source>
        <translation>일반</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="114"/>
        <source>&amp;Language:</source>
        <translation>언어(&amp;L):</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="115"/>
        <source>&amp;Theme:</source>
        <translation>테마(&amp;T):</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="120"/>
        <source>Text si&amp;ze:</source>
        <translation>텍스트 크기(&amp;Z):</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="124"/>
        <source>None: the model used last</source>
        <translation>없음: 마지막으로 사용한 모델</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="128"/>
        <source>%1 (not installed)</source>
        <translation>%1(설치되지 않음)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="132"/>
        <source>Default model</source>
        <translation>기본 모델</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="134"/>
        <source>Automatic</source>
        <translation>자동</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="136"/>
        <source>Threads</source>
        <translation>스레드</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="138"/>
        <source>Automatic (as many as fit)</source>
        <translation>자동(가능한 만큼)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="138"/>
        <source>CPU only</source>
        <translation>CPU만 사용</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="139"/>
        <source>All layers</source>
        <translation>모든 레이어</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="139"/>
        <source>This many layers:</source>
        <translation>레이어 수 지정:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="141"/>
        <source>GPU layers</source>
        <translation>GPU 레이어</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="143"/>
        <source>Number of GPU layers</source>
        <translation>GPU 레이어 수</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="149"/>
        <source>Models</source>
        <translation>모델</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="151"/>
        <source>&amp;Default model:</source>
        <translation>기본 모델(&amp;D):</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="155"/>
        <source>T&amp;hreads:</source>
        <translation>스레드(&amp;H):</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="160"/>
        <source>&amp;GPU layers:</source>
        <translation>GPU 레이어(&amp;G):</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="161"/>
        <source>These apply the next time a model loads.</source>
        <translation>이 설정은 다음에 모델을 불러올 때 적용됩니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="222"/>
        <source>The settings could not be saved: %1</source>
        <translation>설정을 저장하지 못했습니다: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="240"/>
        <source>The new language applies the next time Maru starts.</source>
        <translation>새 언어는 Maru를 다음에 시작할 때 적용됩니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="242"/>
        <source>The data folder moves the next time Maru starts.</source>
        <translation>데이터 폴더는 Maru를 다음에 시작할 때 이동됩니다.</translation>
    </message>
</context>
<context>
    <name>SettingsPanel</name>
    <message>
        <location filename="../../desktop/ui/settings_panel.py" line="66"/>
        <location filename="../../desktop/ui/settings_panel.py" line="72"/>
        <source>Model</source>
        <translation>모델</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_panel.py" line="75"/>
        <source>Loading the model</source>
        <translation>모델 불러오는 중</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_panel.py" line="82"/>
        <location filename="../../desktop/ui/settings_panel.py" line="84"/>
        <source>System prompt</source>
        <translation>시스템 프롬프트</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_panel.py" line="86"/>
        <source>Instructions Maru follows in this conversation, such as a role or how to answer</source>
        <translation>이 대화에서 Maru가 따를 지침(예: 역할, 답변 방식)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_panel.py" line="87"/>
        <source>How Maru should answer in this conversation (optional)</source>
        <translation>이 대화에서 Maru가 답변할 방식(선택 사항)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_panel.py" line="95"/>
        <source>Sampling</source>
        <translation>샘플링</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_panel.py" line="104"/>
        <source>Random</source>
        <translation>무작위</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_panel.py" line="106"/>
        <source>Temperature</source>
        <translation>온도</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_panel.py" line="106"/>
        <source>Top P</source>
        <translation>Top P</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_panel.py" line="107"/>
        <source>Top K</source>
        <translation>Top K</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_panel.py" line="107"/>
        <source>Min P</source>
        <translation>Min P</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_panel.py" line="108"/>
        <source>Repeat penalty</source>
        <translation>반복 페널티</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_panel.py" line="109"/>
        <source>Max answer tokens</source>
        <translation>최대 답변 토큰</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_panel.py" line="110"/>
        <source>Context size</source>
        <translation>컨텍스트 크기</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_panel.py" line="110"/>
        <source>Seed</source>
        <translation>시드</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_panel.py" line="115"/>
        <source>Reset</source>
        <translation>초기화</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_panel.py" line="116"/>
        <source>Use the values the model recommends</source>
        <translation>모델 권장값 사용</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_panel.py" line="118"/>
        <location filename="../../desktop/ui/settings_panel.py" line="130"/>
        <source>Presets</source>
        <translation>프리셋</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_panel.py" line="120"/>
        <source>Save as…</source>
        <translation>다른 이름으로 저장…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_panel.py" line="121"/>
        <source>Delete</source>
        <translation>삭제</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_panel.py" line="122"/>
        <source>Delete preset</source>
        <translation>프리셋 삭제</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_panel.py" line="166"/>
        <source>No model loaded.</source>
        <translation>불러온 모델이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_panel.py" line="169"/>
        <source>GPU: %1 of %2 layers</source>
        <translation>GPU: 레이어 %2개 중 %1개</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/settings_panel.py" line="172"/>
        <source>CPU, %n thread(s)</source>
        <translation>
            <numerusform>CPU, 스레드 %n개</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_panel.py" line="173"/>
        <source>%1 · context %2 tokens</source>
        <translation>%1 · 컨텍스트 %2 토큰</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_panel.py" line="221"/>
        <source>Choose a preset…</source>
        <translation>프리셋 선택…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_panel.py" line="231"/>
        <source>Save preset</source>
        <translation>프리셋 저장</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_panel.py" line="231"/>
        <source>Preset name:</source>
        <translation>프리셋 이름:</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <location filename="../../desktop/ui/sidebar.py" line="30"/>
        <source>Pinned</source>
        <translation>고정됨</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sidebar.py" line="31"/>
        <source>Today</source>
        <translation>오늘</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sidebar.py" line="32"/>
        <source>Yesterday</source>
        <translation>어제</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sidebar.py" line="33"/>
        <source>Previous 7 days</source>
        <translation>지난 7일</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sidebar.py" line="34"/>
        <source>Previous 30 days</source>
        <translation>지난 30일</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sidebar.py" line="35"/>
        <source>Older</source>
        <translation>이전</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sidebar.py" line="60"/>
        <location filename="../../desktop/ui/sidebar.py" line="71"/>
        <location filename="../../desktop/ui/sidebar.py" line="187"/>
        <source>New chat</source>
        <translation>새 채팅</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sidebar.py" line="73"/>
        <source>Search all conversations</source>
        <translation>모든 대화 검색</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sidebar.py" line="75"/>
        <source>Search conversations</source>
        <translation>대화 검색</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sidebar.py" line="81"/>
        <source>Conversations</source>
        <translation>대화 목록</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sidebar.py" line="83"/>
        <source>Your conversations, newest first. Enter opens one, F2 renames it, Delete deletes it.</source>
        <translation>최근 대화가 맨 위에 표시됩니다. Enter를 누르면 열고, F2를 누르면 이름을 바꾸고, Delete를 누르면 삭제합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sidebar.py" line="87"/>
        <source>Search results</source>
        <translation>검색 결과</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sidebar.py" line="89"/>
        <source>Conversations that contain the search words. Enter opens one at the message found.</source>
        <translation>검색어가 포함된 대화입니다. Enter를 누르면 찾은 메시지 위치에서 대화를 엽니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sidebar.py" line="151"/>
        <source>Rename…</source>
        <translation>이름 바꾸기…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sidebar.py" line="152"/>
        <source>Unpin</source>
        <translation>고정 해제</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sidebar.py" line="152"/>
        <source>Pin</source>
        <translation>고정</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sidebar.py" line="155"/>
        <source>Delete</source>
        <translation>삭제</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sidebar.py" line="164"/>
        <source>Rename conversation</source>
        <translation>대화 이름 바꾸기</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sidebar.py" line="164"/>
        <source>Title:</source>
        <translation>제목:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sidebar.py" line="193"/>
        <source>No conversation contains “%1”.</source>
        <translation>“%1”에 대한 검색 결과가 없습니다.</translation>
    </message>
</context>
<context>
    <name>SourcePanel</name>
    <message>
        <location filename="../../desktop/ui/source_panel.py" line="45"/>
        <source>Source</source>
        <translation>출처</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/source_panel.py" line="46"/>
        <source>Open file</source>
        <translation>파일 열기</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/source_panel.py" line="47"/>
        <source>Open the file in its own app</source>
        <translation>해당 앱에서 파일 열기</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/source_panel.py" line="48"/>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/source_panel.py" line="49"/>
        <source>Close the source panel</source>
        <translation>출처 패널 닫기</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/source_panel.py" line="51"/>
        <source>Page image</source>
        <translation>페이지 이미지</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/source_panel.py" line="55"/>
        <source>Text of the page, with the cited passage marked</source>
        <translation>인용된 구절이 표시된 페이지 텍스트</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/source_panel.py" line="56"/>
        <source>What Maru indexed from this page. Open file shows the whole document.</source>
        <translation>Maru가 이 페이지에서 색인한 내용입니다. 파일 열기를 누르면 전체 문서가 표시됩니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/source_panel.py" line="86"/>
        <source>The file was moved or deleted since it was indexed. The passage below is what Maru indexed.</source>
        <translation>색인된 뒤 파일이 이동되었거나 삭제되었습니다. 아래 구절은 Maru가 색인한 내용입니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/source_panel.py" line="103"/>
        <source>This passage is no longer in the index (the file changed or was removed).</source>
        <translation>이 구절은 더 이상 색인에 없습니다(파일이 변경되었거나 제거됨).</translation>
    </message>
</context>
<context>
    <name>SummarizePanel</name>
    <message>
        <location filename="../../desktop/ui/summarize_panel.py" line="46"/>
        <source>One line</source>
        <translation>한 줄</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/summarize_panel.py" line="47"/>
        <source>Key points</source>
        <translation>핵심 요점</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/summarize_panel.py" line="48"/>
        <source>Detailed</source>
        <translation>자세히</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/summarize_panel.py" line="49"/>
        <location filename="../../desktop/ui/summarize_panel.py" line="91"/>
        <source>Custom instruction</source>
        <translation>직접 지시</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/summarize_panel.py" line="68"/>
        <source>Paste the text to summarize here, or drop a file on this box.</source>
        <translation>요약할 텍스트를 여기에 붙여 넣거나 이 상자에 파일을 끌어다 놓으세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/summarize_panel.py" line="69"/>
        <source>Text to summarize</source>
        <translation>요약할 텍스트</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/summarize_panel.py" line="70"/>
        <source>&amp;Summarize</source>
        <translation>요약(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/summarize_panel.py" line="71"/>
        <source>Summarize</source>
        <translation>요약</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/summarize_panel.py" line="82"/>
        <source>This &amp;conversation</source>
        <translation>이 대화(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/summarize_panel.py" line="83"/>
        <source>Summarize this conversation</source>
        <translation>이 대화 요약</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/summarize_panel.py" line="88"/>
        <source>Summary style</source>
        <translation>요약 스타일</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/summarize_panel.py" line="90"/>
        <source>e.g. List the decisions and who owns them</source>
        <translation>예: 결정 사항과 담당자를 정리하세요</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/summarize_panel.py" line="92"/>
        <source>Same as the text</source>
        <translation>원문과 같은 언어</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/summarize_panel.py" line="93"/>
        <source>Summary language</source>
        <translation>요약 언어</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/summarize_panel.py" line="95"/>
        <source>Summary</source>
        <translation>요약</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/summarize_panel.py" line="96"/>
        <source>The summary, written here as the model writes it.</source>
        <translation>요약입니다. 모델이 작성하는 대로 여기에 표시됩니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/summarize_panel.py" line="99"/>
        <source>&amp;Copy</source>
        <translation>복사(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/summarize_panel.py" line="100"/>
        <source>Copy the summary</source>
        <translation>요약 복사</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/summarize_panel.py" line="111"/>
        <source>St&amp;yle:</source>
        <translation>스타일(&amp;Y):</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/summarize_panel.py" line="112"/>
        <source>&amp;Language:</source>
        <translation>언어(&amp;L):</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/summarize_panel.py" line="198"/>
        <location filename="../../desktop/ui/summarize_panel.py" line="202"/>
        <location filename="../../desktop/ui/summarize_panel.py" line="226"/>
        <source>Stopped; the summary so far is kept.</source>
        <translation>중지되었습니다. 지금까지 생성된 요약은 유지됩니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/summarize_panel.py" line="203"/>
        <source>Summary done.</source>
        <translation>요약을 완료했습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/summarize_panel.py" line="233"/>
        <source>same as the text</source>
        <translation>원문과 같은 언어</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/summarize_panel.py" line="234"/>
        <source>Conversation</source>
        <translation>대화</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/summarize_panel.py" line="235"/>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
</context>
<context>
    <name>TaskHistoryList</name>
    <message>
        <location filename="../../desktop/ui/task_history_list.py" line="37"/>
        <location filename="../../desktop/ui/task_history_list.py" line="39"/>
        <source>Recent runs</source>
        <translation>최근 실행</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/task_history_list.py" line="41"/>
        <source>Earlier runs of this task, newest first. Choosing one shows its result; Delete removes it.</source>
        <translation>이 작업의 이전 실행 기록이며 최근 항목이 맨 위에 표시됩니다. 항목을 선택하면 결과가 표시되고, Delete를 누르면 삭제됩니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/task_history_list.py" line="45"/>
        <source>&amp;Delete</source>
        <translation>삭제(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/task_history_list.py" line="46"/>
        <source>Delete the selected run</source>
        <translation>선택한 실행 기록 삭제</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/task_history_list.py" line="47"/>
        <source>Delete</source>
        <translation>삭제</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/task_history_list.py" line="106"/>
        <source>Conversation</source>
        <translation>대화</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/task_history_list.py" line="108"/>
        <source>stopped</source>
        <translation>중지됨</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/task_history_list.py" line="108"/>
        <source>failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/task_history_list.py" line="109"/>
        <source>running</source>
        <translation>실행 중</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/task_history_list.py" line="111"/>
        <source>%1 (%2) · %3</source>
        <translation>%1 (%2) · %3</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/task_history_list.py" line="112"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>TaskInputBox</name>
    <message>
        <location filename="../../desktop/ui/task_input_box.py" line="40"/>
        <source>Documents (*.txt *.md *.pdf *.docx *.pptx *.hwpx *.html *.htm);;All files (*)</source>
        <translation>문서 (*.txt *.md *.pdf *.docx *.pptx *.hwpx *.html *.htm);;모든 파일 (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/task_input_box.py" line="117"/>
        <source>Type or paste the text here. A file dropped here or chosen with Open file is read instead.</source>
        <translation>여기에 텍스트를 입력하거나 붙여 넣으세요. 여기에 끌어다 놓거나 파일 열기로 선택한 파일이 있으면 그 파일을 대신 읽습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/task_input_box.py" line="120"/>
        <source>&amp;Open file…</source>
        <translation>파일 열기(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/task_input_box.py" line="121"/>
        <location filename="../../desktop/ui/task_input_box.py" line="178"/>
        <source>Open a file</source>
        <translation>파일 열기</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/task_input_box.py" line="138"/>
        <source>Chosen file</source>
        <translation>선택한 파일</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/task_input_box.py" line="140"/>
        <source>Stop using this file</source>
        <translation>이 파일 사용 안 함</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/task_input_box.py" line="141"/>
        <source>Use the text instead of this file</source>
        <translation>이 파일 대신 텍스트 사용</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/task_input_box.py" line="164"/>
        <source>%1 (read instead of the text)</source>
        <translation>%1 (텍스트 대신 읽음)</translation>
    </message>
</context>
<context>
    <name>TaskText</name>
    <message>
        <location filename="../../desktop/ui/task_text.py" line="22"/>
        <source>There is nothing to work on: the text is empty.</source>
        <translation>처리할 내용이 없습니다. 텍스트가 비어 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/task_text.py" line="24"/>
        <source>%1 is not a text or document file Maru can read.</source>
        <translation>%1은(는) Maru가 읽을 수 있는 텍스트 또는 문서 파일이 아닙니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/task_text.py" line="26"/>
        <source>Maru could not read the file: %1</source>
        <translation>Maru가 파일을 읽지 못했습니다: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/task_text.py" line="28"/>
        <source>The file has no column %1.</source>
        <translation>파일에 %1 열이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/task_text.py" line="30"/>
        <source>Maru does not know the language %1. Pick one from the list.</source>
        <translation>%1은(는) Maru가 지원하지 않는 언어입니다. 목록에서 선택하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/task_text.py" line="32"/>
        <source>Each label must be different: %1 appears twice.</source>
        <translation>레이블은 모두 달라야 합니다. %1이(가) 두 번 나옵니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/task_text.py" line="34"/>
        <source>Give at least two labels.</source>
        <translation>레이블을 두 개 이상 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/task_text.py" line="35"/>
        <source>A label cannot be used (%1). Keep each label on one line, short and not empty.</source>
        <translation>사용할 수 없는 레이블이 있습니다(%1). 레이블은 한 줄에 하나씩, 비워 두지 말고 짧게 쓰세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/task_text.py" line="38"/>
        <source>An example cannot be used (%1). Write each as &quot;text =&gt; label&quot; with labels from the list.</source>
        <translation>사용할 수 없는 예시가 있습니다(%1). 각 예시는 목록에 있는 레이블로 &quot;텍스트 =&gt; 레이블&quot; 형식으로 쓰세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/task_text.py" line="41"/>
        <source>The glossary cannot be used (%1). Each line needs a term and its translation.</source>
        <translation>용어집을 사용할 수 없습니다(%1). 각 줄에 용어와 번역이 모두 있어야 합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/task_text.py" line="68"/>
        <source>The file could not be read: %1.</source>
        <translation>파일을 읽지 못했습니다: %1.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/task_text.py" line="74"/>
        <source>Write the custom instruction first.</source>
        <translation>먼저 직접 지시를 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/task_text.py" line="78"/>
        <source>This file is not a text or document file Maru can read.</source>
        <translation>Maru가 읽을 수 있는 텍스트 또는 문서 파일이 아닙니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/task_text.py" line="85"/>
        <source>This file has no columns: only CSV, TSV and JSONL files do.</source>
        <translation>이 파일에는 열이 없습니다. 열이 있는 파일은 CSV, TSV, JSONL뿐입니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/task_text.py" line="90"/>
        <source>Its columns are: %1.</source>
        <translation>파일의 열: %1.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/task_text.py" line="99"/>
        <source>Reading the file…</source>
        <translation>파일 읽는 중…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/task_text.py" line="101"/>
        <source>Writing the summary…</source>
        <translation>요약 작성 중…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/task_text.py" line="104"/>
        <source>Summarizing part %1 of %2</source>
        <translation>부분 %2개 중 %1번째 요약 중</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/task_text.py" line="106"/>
        <source>Combining summaries: %1 of %2</source>
        <translation>요약 합치는 중: %2개 중 %1개</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/task_text.py" line="108"/>
        <source>Paragraph %1 of %2</source>
        <translation>문단 %2개 중 %1번째</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/task_text.py" line="110"/>
        <source>%1 of %2 items</source>
        <translation>항목 %2개 중 %1개</translation>
    </message>
</context>
<context>
    <name>TranscriptView</name>
    <message>
        <location filename="../../desktop/ui/transcript_view.py" line="84"/>
        <source>Conversation</source>
        <translation>대화</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/transcript_view.py" line="159"/>
        <location filename="../../desktop/ui/transcript_view.py" line="292"/>
        <source>Copy code</source>
        <translation>코드 복사</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/transcript_view.py" line="272"/>
        <source>You</source>
        <translation>나</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/transcript_view.py" line="272"/>
        <source>Maru</source>
        <translation>Maru</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/transcript_view.py" line="273"/>
        <source>Copy</source>
        <translation>복사</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/transcript_view.py" line="275"/>
        <source>Edit</source>
        <translation>편집</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/transcript_view.py" line="277"/>
        <source>Regenerate</source>
        <translation>다시 생성</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/transcript_view.py" line="278"/>
        <source>Delete</source>
        <translation>삭제</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/transcript_view.py" line="297"/>
        <source>Nothing in your documents matches this question, so Maru did not answer from thin air. Try other words, add documents, or turn off “Answer only from these documents” for this collection.</source>
        <translation>문서에서 이 질문과 관련된 내용을 찾지 못해 Maru가 근거 없이 답변하지 않았습니다. 다른 단어로 질문하거나, 문서를 추가하거나, 이 컬렉션에서 “이 문서에서만 답변”을 끄세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/transcript_view.py" line="318"/>
        <source>p. %1</source>
        <translation>%1페이지</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/transcript_view.py" line="318"/>
        <source>slide %1</source>
        <translation>슬라이드 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/transcript_view.py" line="319"/>
        <source>section %1</source>
        <translation>섹션 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/transcript_view.py" line="332"/>
        <source>Stopped. The text so far is kept.</source>
        <translation>중지되었습니다. 지금까지 작성된 텍스트는 유지됩니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/transcript_view.py" line="334"/>
        <source>Maru closed while this answer was being written; the text so far is kept.</source>
        <translation>답변을 작성하는 중에 Maru가 종료되었습니다. 지금까지 작성된 텍스트는 유지됩니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/transcript_view.py" line="338"/>
        <source>Stopped because the answer kept repeating itself. Regenerate, or raise the repeat penalty.</source>
        <translation>답변이 같은 내용을 계속 되풀이해서 중지했습니다. 다시 생성하거나 반복 페널티를 높이세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/transcript_view.py" line="341"/>
        <source>%1 · %2 tokens/s</source>
        <translation>%1 · %2 토큰/초</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/transcript_view.py" line="346"/>
        <source>The oldest %n message(s) were left out to fit the context; the system prompt was kept.</source>
        <translation>
            <numerusform>컨텍스트에 맞추기 위해 가장 오래된 메시지 %n개를 제외했습니다. 시스템 프롬프트는 유지했습니다.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TranslatePanel</name>
    <message>
        <location filename="../../desktop/ui/translate_panel.py" line="49"/>
        <source>Stopped; the translation so far is kept.</source>
        <translation>중지되었습니다. 지금까지의 번역은 유지됩니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/translate_panel.py" line="62"/>
        <source>Paste the text to translate here, or drop a file on this box.</source>
        <translation>번역할 텍스트를 여기에 붙여 넣거나 파일을 이 상자에 끌어다 놓으세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/translate_panel.py" line="64"/>
        <source>Text to translate</source>
        <translation>번역할 텍스트</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/translate_panel.py" line="65"/>
        <source>&amp;Translate</source>
        <translation>번역(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/translate_panel.py" line="66"/>
        <source>Translate</source>
        <translation>번역</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/translate_panel.py" line="78"/>
        <source>Detect</source>
        <translation>자동 감지</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/translate_panel.py" line="79"/>
        <source>Translate from</source>
        <translation>원본 언어</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/translate_panel.py" line="81"/>
        <source>Detected language</source>
        <translation>감지된 언어</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/translate_panel.py" line="83"/>
        <source>Translate to</source>
        <translation>번역할 언어</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/translate_panel.py" line="85"/>
        <source>Glossary</source>
        <translation>용어집</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/translate_panel.py" line="86"/>
        <source>&amp;Edit…</source>
        <translation>편집(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/translate_panel.py" line="87"/>
        <source>Edit the glossary</source>
        <translation>용어집 편집</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/translate_panel.py" line="89"/>
        <source>Source</source>
        <translation>원문</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/translate_panel.py" line="89"/>
        <source>Translation</source>
        <translation>번역</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/translate_panel.py" line="93"/>
        <source>Source and translation</source>
        <translation>원문과 번역</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/translate_panel.py" line="95"/>
        <source>Each paragraph of the text next to its translation, added as it is translated.</source>
        <translation>텍스트의 각 단락과 번역을 나란히 표시하며, 번역되는 대로 추가됩니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/translate_panel.py" line="96"/>
        <source>&amp;Copy translation</source>
        <translation>번역 복사(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/translate_panel.py" line="97"/>
        <source>Copy the translation</source>
        <translation>번역 복사</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/translate_panel.py" line="98"/>
        <source>Sa&amp;ve as…</source>
        <translation>다른 이름으로 저장(&amp;V)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/translate_panel.py" line="99"/>
        <source>Save the translation to a file</source>
        <translation>번역을 파일로 저장</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/translate_panel.py" line="111"/>
        <source>&amp;From:</source>
        <translation>원본(&amp;F):</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/translate_panel.py" line="112"/>
        <source>T&amp;o:</source>
        <translation>대상(&amp;O):</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/translate_panel.py" line="113"/>
        <source>&amp;Glossary:</source>
        <translation>용어집(&amp;G):</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/translate_panel.py" line="169"/>
        <source>None</source>
        <translation>없음</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/translate_panel.py" line="193"/>
        <source>Detected: %1</source>
        <translation>감지됨: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/translate_panel.py" line="213"/>
        <source>The glossary could not be read: %1</source>
        <translation>용어집을 읽지 못했습니다: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/translate_panel.py" line="242"/>
        <source>Translation done.</source>
        <translation>번역을 마쳤습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/translate_panel.py" line="254"/>
        <source>Save the translation</source>
        <translation>번역 저장</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/translate_panel.py" line="254"/>
        <source>translation.txt</source>
        <translation>번역.txt</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/translate_panel.py" line="255"/>
        <source>Text (*.txt);;Markdown (*.md);;All files (*)</source>
        <translation>텍스트 (*.txt);;Markdown (*.md);;모든 파일 (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/translate_panel.py" line="261"/>
        <source>%1 could not be saved: %2</source>
        <translation>%1을(를) 저장하지 못했습니다: %2</translation>
    </message>
</context>
</TS>
