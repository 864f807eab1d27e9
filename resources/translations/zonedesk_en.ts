<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About ZoneDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archive: {location}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The archive is open. It holds %n article(s).</source>
        <translation>
            <numerusform>The archive is open. It holds %n article.</numerusform>
            <numerusform>The archive is open. It holds %n articles.</numerusform>
        </translation>
    </message>
    <message>
        <source>The editor is on its way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About ZoneDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title}

A newsroom editor for development-zone news: write in Markdown, preview the portal page, keep every article in a searchable archive.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ZoneDesk</name>
    <message>
        <source>ZoneDesk cannot open the archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The archive {url} could not be opened:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
