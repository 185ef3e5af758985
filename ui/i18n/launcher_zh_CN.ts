<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>StartScreen</name>
    <message>
        <location filename="../launcher/start_screen.py" line="64"/>
        <source>Cannot open the meeting</source>
        <translation>无法打开会议</translation>
    </message>
    <message>
        <location filename="../launcher/start_screen.py" line="68"/>
        <source>Start a sign-in desk</source>
        <translation>启动签到台</translation>
    </message>
    <message>
        <location filename="../launcher/start_screen.py" line="69"/>
        <location filename="../launcher/start_screen.py" line="253"/>
        <source>Which desk is this computer?</source>
        <translation>本机是哪个签到台？</translation>
    </message>
    <message>
        <location filename="../launcher/start_screen.py" line="123"/>
        <source>Sign members in at a meeting and watch turnout live.</source>
        <translation>会议签到，实时查看出席情况。</translation>
    </message>
    <message>
        <location filename="../launcher/start_screen.py" line="125"/>
        <source>New meeting…</source>
        <translation>新建会议…</translation>
    </message>
    <message>
        <location filename="../launcher/start_screen.py" line="126"/>
        <source>Open meeting…</source>
        <translation>打开会议…</translation>
    </message>
    <message>
        <location filename="../launcher/start_screen.py" line="204"/>
        <source>Start a sign-in desk for “%1”…</source>
        <translation>为“%1”启动签到台…</translation>
    </message>
    <message>
        <location filename="../launcher/start_screen.py" line="207"/>
        <source>Start a sign-in desk (choose the meeting file)…</source>
        <translation>启动签到台（选择会议文件）…</translation>
    </message>
    <message>
        <location filename="../launcher/start_screen.py" line="128"/>
        <source>Join a meeting on the network…</source>
        <translation>加入网络上的会议…</translation>
    </message>
    <message>
        <location filename="../launcher/start_screen.py" line="129"/>
        <location filename="../launcher/start_screen.py" line="252"/>
        <source>Resume the desk on this computer</source>
        <translation>继续使用本机的签到台</translation>
    </message>
    <message>
        <location filename="../launcher/start_screen.py" line="151"/>
        <source>Recent meetings (double-click to open)</source>
        <translation>最近的会议（双击打开）</translation>
    </message>
    <message>
        <location filename="../launcher/start_screen.py" line="153"/>
        <source>Open the selected meeting</source>
        <translation>打开选中的会议</translation>
    </message>
    <message>
        <location filename="../launcher/start_screen.py" line="176"/>
        <source>Resume the desk on this computer ({name})</source>
        <translation>继续使用本机的签到台（{name}）</translation>
    </message>
</context>
</TS>
