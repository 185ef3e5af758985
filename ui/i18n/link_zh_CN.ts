<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>HubPanel</name>
    <message>
        <location filename="../link_widgets.py" line="90"/>
        <source>New code</source>
        <translation>换一个配对码</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="92"/>
        <source>Desks join with this code</source>
        <translation>签到台用此配对码加入</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="107"/>
        <source>Desk</source>
        <translation>签到台</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="107"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="107"/>
        <source>Last contact</source>
        <translation>最后联系</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="107"/>
        <source>Waiting</source>
        <translation>待发送</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="108"/>
        <source>Duplicates</source>
        <translation>重复签到</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="133"/>
        <source>Address: %1</source>
        <translation>地址：%1</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="140"/>
        <source>Revoked</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="142"/>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="144"/>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="151"/>
        <source>Revoke</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="185"/>
        <source>Revoke desk</source>
        <translation>撤销签到台</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="186"/>
        <source>Revoke %1? It will no longer be able to send or receive check-ins until it is paired again.</source>
        <translation>撤销 %1？撤销后该签到台不能再发送或接收签到记录，除非重新配对。</translation>
    </message>
</context>
<context>
    <name>LinkStatusLabel</name>
    <message>
        <location filename="../link_widgets.py" line="232"/>
        <source>waiting to be sent: %1</source>
        <translation>待发送：%1 条</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="235"/>
        <source>all check-ins sent</source>
        <translation>签到记录已全部发送</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="243"/>
        <source>%1 was already signed in at %2 (%3); that check-in counts.</source>
        <translation>%1 已在 %2（%3）签到，以那次签到为准。</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="247"/>
        <source>(%1 duplicates)</source>
        <translation>（%1 条重复）</translation>
    </message>
</context>
</TS>
