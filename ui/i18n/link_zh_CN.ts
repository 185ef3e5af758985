<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>HubPanel</name>
    <message>
        <location filename="../link_widgets.py" line="117"/>
        <source>New code</source>
        <translation>换一个配对码</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="119"/>
        <source>Keep this code after a desk joins</source>
        <translation>签到台加入后保留此配对码</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="121"/>
        <source>While setting up many desks: otherwise the code changes after each desk joins</source>
        <translation>适用于一次设置多个签到台；否则每个签到台加入后配对码都会更换</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="124"/>
        <source>Desks join with this code</source>
        <translation>签到台用此配对码加入</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="142"/>
        <source>Desk</source>
        <translation>签到台</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="142"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="142"/>
        <source>Last contact</source>
        <translation>最后联系</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="142"/>
        <source>Waiting</source>
        <translation>待发送</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="143"/>
        <source>Duplicates</source>
        <translation>重复签到</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="174"/>
        <source>Pairing is closed after %1 wrong codes (someone may be guessing). New code opens it again; otherwise it reopens in %2 min.</source>
        <translation>已有 %1 次错误配对码，配对已关闭（可能有人在猜码）。点击“换一个配对码”可重新开放；否则 %2 分钟后自动重新开放。</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="179"/>
        <source>Wrong codes tried: %1</source>
        <translation>已尝试的错误配对码：%1 次</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="183"/>
        <source>Address: %1</source>
        <translation>地址：%1</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="186"/>
        <source>Hub identity: %1</source>
        <translation>主控台身份：%1</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="193"/>
        <source>Revoked</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="195"/>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="197"/>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="204"/>
        <source>Revoke</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="238"/>
        <source>Revoke desk</source>
        <translation>撤销签到台</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="239"/>
        <source>Revoke %1? It will no longer be able to send or receive check-ins, it erases its copy of the meeting when it next connects, and the pairing code changes.</source>
        <translation>撤销 %1？它将无法再发送或接收签到记录，下次连接时会删除其会议副本，且配对码会更换。</translation>
    </message>
</context>
<context>
    <name>LinkStatusLabel</name>
    <message>
        <location filename="../link_widgets.py" line="276"/>
        <source>Revoked by the organizer: this desk&apos;s copy of the meeting was erased. Close this window.</source>
        <translation>已被组织者撤销：本签到台的会议副本已删除。请关闭此窗口。</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="280"/>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="282"/>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="284"/>
        <source>Revoked by the organizer</source>
        <translation>已被组织者撤销</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="286"/>
        <source>Refused by the hub</source>
        <translation>主控台拒绝连接</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="288"/>
        <source>Fetching a fresh copy of the meeting from the hub</source>
        <translation>正在从签到服务器取回会议的完整副本</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="290"/>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="294"/>
        <source>The hub at this address is not the one this desk paired with. If the organizer moved the hub, pair again with its new code.</source>
        <translation>此地址上的主控台不是本签到台配对过的主控台。如果组织者更换了主控台，请用新的配对码重新配对。</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="298"/>
        <source>This desk&apos;s SignDesk is another version than the hub&apos;s: install the same version on both. Signing in goes on; check-ins are sent once they match.</source>
        <translation>本签到台的 SignDesk 版本与主控台不同：请在两台电脑上安装同一版本。签到照常进行，版本一致后签到记录自动发出。</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="301"/>
        <source>waiting to be sent: %1</source>
        <translation>待发送：%1 条</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="304"/>
        <source>all check-ins sent</source>
        <translation>签到记录已全部发送</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="308"/>
        <source>An update from the hub could not be applied on this desk; it is being replaced by a fresh copy (signing in goes on).</source>
        <translation>签到服务器发来的一项更新无法在本台应用，正在换成一份完整的新副本（签到照常进行）。</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="321"/>
        <source>The hub refused the check-in of %1: %2. It does not count.</source>
        <translation>签到服务器拒收了 %1 的签到：%2。这条签到不计入。</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="324"/>
        <source>(%1 refused)</source>
        <translation>（共 %1 条被拒收）</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="329"/>
        <source>%1 was already signed in at %2 (%3); that check-in counts.</source>
        <translation>%1 已在 %2（%3）签到，以那次签到为准。</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="333"/>
        <source>(%1 duplicates)</source>
        <translation>（%1 条重复）</translation>
    </message>
</context>
<context>
    <name>RelativeTime</name>
    <message>
        <location filename="../link_widgets.py" line="61"/>
        <source>just now</source>
        <translation>刚刚</translation>
    </message>
    <message numerus="yes">
        <location filename="../link_widgets.py" line="63"/>
        <source>%n s ago</source>
        <translation>
            <numerusform>%n 秒前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../link_widgets.py" line="65"/>
        <source>%n min ago</source>
        <translation>
            <numerusform>%n 分钟前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../link_widgets.py" line="66"/>
        <source>%n h ago</source>
        <translation>
            <numerusform>%n 小时前</numerusform>
        </translation>
    </message>
</context>
</TS>
