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
        <location filename="../launcher/start_screen.py" line="208"/>
        <source>Which desk is this computer?</source>
        <translation>本机是哪个签到台？</translation>
    </message>
    <message>
        <location filename="../launcher/start_screen.py" line="101"/>
        <source>Sign members in at a meeting and watch turnout live.</source>
        <translation>会议签到，实时查看出席情况。</translation>
    </message>
    <message>
        <location filename="../launcher/start_screen.py" line="103"/>
        <source>New meeting…</source>
        <translation>新建会议…</translation>
    </message>
    <message>
        <location filename="../launcher/start_screen.py" line="104"/>
        <source>Open meeting…</source>
        <translation>打开会议…</translation>
    </message>
    <message>
        <location filename="../launcher/start_screen.py" line="105"/>
        <source>Start a sign-in desk…</source>
        <translation>启动签到台…</translation>
    </message>
    <message>
        <location filename="../launcher/start_screen.py" line="106"/>
        <source>Join a meeting on the network…</source>
        <translation>加入网络上的会议…</translation>
    </message>
    <message>
        <location filename="../launcher/start_screen.py" line="107"/>
        <location filename="../launcher/start_screen.py" line="207"/>
        <source>Resume the desk on this computer</source>
        <translation>继续使用本机的签到台</translation>
    </message>
    <message>
        <location filename="../launcher/start_screen.py" line="127"/>
        <source>Recent meetings (double-click to open)</source>
        <translation>最近的会议（双击打开）</translation>
    </message>
    <message>
        <location filename="../launcher/start_screen.py" line="129"/>
        <source>Open the selected meeting</source>
        <translation>打开选中的会议</translation>
    </message>
    <message>
        <location filename="../launcher/start_screen.py" line="151"/>
        <source>Resume the desk on this computer ({name})</source>
        <translation>继续使用本机的签到台（{name}）</translation>
    </message>
</context>
</TS>
