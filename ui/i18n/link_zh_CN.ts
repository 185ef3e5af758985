<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>HubPanel</name>
    <message>
        <location filename="../link_widgets.py" line="102"/>
        <source>New code</source>
        <translation>换一个配对码</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="104"/>
        <source>Keep this code after a desk joins</source>
        <translation>签到台加入后保留此配对码</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="106"/>
        <source>While setting up many desks: otherwise the code changes after each desk joins</source>
        <translation>适用于一次设置多个签到台；否则每个签到台加入后配对码都会更换</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="109"/>
        <source>Desks join with this code</source>
        <translation>签到台用此配对码加入</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="127"/>
        <source>Desk</source>
        <translation>签到台</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="127"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="127"/>
        <source>Last contact</source>
        <translation>最后联系</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="127"/>
        <source>Waiting</source>
        <translation>待发送</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="128"/>
        <source>Duplicates</source>
        <translation>重复签到</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="159"/>
        <source>Pairing is closed after %1 wrong codes (someone may be guessing). New code opens it again; otherwise it reopens in %2 min.</source>
        <translation>已有 %1 次错误配对码，配对已关闭（可能有人在猜码）。点击“换一个配对码”可重新开放；否则 %2 分钟后自动重新开放。</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="164"/>
        <source>Wrong codes tried: %1</source>
        <translation>已尝试的错误配对码：%1 次</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="168"/>
        <source>Address: %1</source>
        <translation>地址：%1</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="171"/>
        <source>Hub identity: %1</source>
        <translation>主控台身份：%1</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="178"/>
        <source>Revoked</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="180"/>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="182"/>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="189"/>
        <source>Revoke</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="223"/>
        <source>Revoke desk</source>
        <translation>撤销签到台</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="224"/>
        <source>Revoke %1? It will no longer be able to send or receive check-ins, it erases its copy of the meeting when it next connects, and the pairing code changes.</source>
        <translation>撤销 %1？它将无法再发送或接收签到记录，下次连接时会删除其会议副本，且配对码会更换。</translation>
    </message>
</context>
<context>
    <name>LinkStatusLabel</name>
    <message>
        <location filename="../link_widgets.py" line="265"/>
        <source>Revoked by the organizer: this desk&apos;s copy of the meeting was erased. Close this window.</source>
        <translation>已被组织者撤销：本签到台的会议副本已删除。请关闭此窗口。</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="269"/>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="271"/>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="273"/>
        <source>Revoked by the organizer</source>
        <translation>已被组织者撤销</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="275"/>
        <source>Refused by the hub</source>
        <translation>主控台拒绝连接</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="277"/>
        <source>Fetching a fresh copy of the meeting from the hub</source>
        <translation>正在从签到服务器取回会议的完整副本</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="279"/>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="283"/>
        <source>The hub at this address is not the one this desk paired with. If the organizer moved the hub, pair again with its new code.</source>
        <translation>此地址上的主控台不是本签到台配对过的主控台。如果组织者更换了主控台，请用新的配对码重新配对。</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="286"/>
        <source>waiting to be sent: %1</source>
        <translation>待发送：%1 条</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="289"/>
        <source>all check-ins sent</source>
        <translation>签到记录已全部发送</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="293"/>
        <source>An update from the hub could not be applied on this desk; it is being replaced by a fresh copy (signing in goes on).</source>
        <translation>签到服务器发来的一项更新无法在本台应用，正在换成一份完整的新副本（签到照常进行）。</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="306"/>
        <source>The hub refused the check-in of %1: %2. It does not count.</source>
        <translation>签到服务器拒收了 %1 的签到：%2。这条签到不计入。</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="309"/>
        <source>(%1 refused)</source>
        <translation>（共 %1 条被拒收）</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="314"/>
        <source>%1 was already signed in at %2 (%3); that check-in counts.</source>
        <translation>%1 已在 %2（%3）签到，以那次签到为准。</translation>
    </message>
    <message>
        <location filename="../link_widgets.py" line="318"/>
        <source>(%1 duplicates)</source>
        <translation>（%1 条重复）</translation>
    </message>
</context>
</TS>
