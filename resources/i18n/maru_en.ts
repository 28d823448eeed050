<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ChatPage</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/chat_page.py" line="203"/>
        <source>Documents are not available in this window; %n file(s) not added.</source>
        <translation>
            <numerusform>Documents are not available in this window; %n file not added.</numerusform>
            <numerusform>Documents are not available in this window; %n files not added.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/chat_page.py" line="238"/>
        <source>%n attached file(s) could not be read: </source>
        <translation>
            <numerusform>%n attached file could not be read: </numerusform>
            <numerusform>%n attached files could not be read: </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/chat_page.py" line="240"/>
        <source> and %n more.</source>
        <translation>
            <numerusform> and %n more.</numerusform>
            <numerusform> and %n more.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ClassifyPanel</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/classify_panel.py" line="416"/>
        <source>%n item(s) classified.</source>
        <translation>
            <numerusform>%n item classified.</numerusform>
            <numerusform>%n items classified.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DocumentScopeBar</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/document_scope_bar.py" line="54"/>
        <source>%n attached file(s)</source>
        <translation>
            <numerusform>%n attached file</numerusform>
            <numerusform>%n attached files</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ModelStatus</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/model_status.py" line="85"/>
        <source>(oldest %n message(s) left out)</source>
        <translation>
            <numerusform>(oldest message left out)</numerusform>
            <numerusform>(oldest %n messages left out)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsPanel</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/settings_panel.py" line="172"/>
        <source>CPU, %n thread(s)</source>
        <translation>
            <numerusform>CPU, %n thread</numerusform>
            <numerusform>CPU, %n threads</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TranscriptView</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/transcript_view.py" line="346"/>
        <source>The oldest %n message(s) were left out to fit the context; the system prompt was kept.</source>
        <translation>
            <numerusform>The oldest message was left out to fit the context; the system prompt was kept.</numerusform>
            <numerusform>The oldest %n messages were left out to fit the context; the system prompt was kept.</numerusform>
        </translation>
    </message>
</context>
</TS>
