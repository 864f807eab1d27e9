<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;About ZoneDesk</source>
        <translation>关于 ZoneDesk(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Archive: {location}</source>
        <translation>档案库：{location}</translation>
    </message>
    <message numerus="yes">
        <source>The archive is open. It holds %n article(s).</source>
        <translation>
            <numerusform>档案库已打开，共有 %n 篇文章。</numerusform>
        </translation>
    </message>
    <message>
        <source>The editor is on its way.</source>
        <translation>编辑器即将推出。</translation>
    </message>
    <message>
        <source>About ZoneDesk</source>
        <translation>关于 ZoneDesk</translation>
    </message>
    <message>
        <source>{title}

A newsroom editor for development-zone news: write in Markdown, preview the portal page, keep every article in a searchable archive.</source>
        <translation>{title}

开发区新闻的编辑工具：用 Markdown 撰写，按门户网站的样子预览，把每篇文章保存在可检索的档案库里。</translation>
    </message>
</context>
<context>
    <name>ZoneDesk</name>
    <message>
        <source>ZoneDesk cannot open the archive</source>
        <translation>ZoneDesk 无法打开档案库</translation>
    </message>
    <message>
        <source>The archive {url} could not be opened:</source>
        <translation>无法打开档案库 {url}：</translation>
    </message>
</context>
</TS>
