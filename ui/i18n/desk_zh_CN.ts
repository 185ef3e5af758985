<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en_US">
<context>
    <name>DeskChooser</name>
    <message>
        <location filename="../desk/window.py" line="103"/>
        <source>{title}: which desk is this?</source>
        <translation>{title}：这是哪个签到台？</translation>
    </message>
    <message>
        <location filename="../desk/window.py" line="108"/>
        <source>Desk 1</source>
        <translation>1号台</translation>
    </message>
</context>
<context>
    <name>DeskTexts</name>
    <message>
        <location filename="../desk/texts.py" line="68"/>
        <source>Sign-in ended at {time}</source>
        <translation>签到已于 {time} 结束</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="69"/>
        <source>The organizer closed sign-in</source>
        <translation>会议组织者已结束签到</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="70"/>
        <source>Scans are not recorded. Please see the organizer.</source>
        <translation>现在扫码不再记录签到，请与会议组织者联系。</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="73"/>
        <source>Opens at {time}</source>
        <translation>{time} 开始签到</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="74"/>
        <source>Waiting for the organizer</source>
        <translation>等待会议组织者开始签到</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="75"/>
        <source>Please wait; this desk starts by itself.</source>
        <translation>请稍候，到时本签到台会自动开始。</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="77"/>
        <source>Early leave</source>
        <translation>中途退场登记</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="78"/>
        <source>Scan the card of a member who is leaving</source>
        <translation>请扫描离场党员的参会证</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="79"/>
        <source>This desk now records departures, not arrivals.</source>
        <translation>本签到台现在登记离场，不登记签到。</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="80"/>
        <source>Ready</source>
        <translation>请签到</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="80"/>
        <source>Please scan the invitation card</source>
        <translation>请扫描参会证二维码</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="81"/>
        <source>No card? Type the name, pinyin or the phone&apos;s last four digits below.</source>
        <translation>没带证？在下方输入姓名、拼音或手机尾号四位查找。</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="98"/>
        <source>Signed in here</source>
        <translation>已在本台签到</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="99"/>
        <source>{branch} is normally served by {desk}</source>
        <translation>{branch}原在{desk}签到</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="102"/>
        <source>Welcome</source>
        <translation>签到成功，欢迎</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="104"/>
        <source>Welcome back</source>
        <translation>欢迎回来</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="105"/>
        <source>re-entered at {time}</source>
        <translation>{time} 重新入场</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="108"/>
        <source>Welcome, observer</source>
        <translation>欢迎列席</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="109"/>
        <source>not counted in the turnout</source>
        <translation>不计入出席率</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="112"/>
        <source>Already signed in</source>
        <translation>已经签到过了</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="113"/>
        <source>at {time} at {desk}</source>
        <translation>{time} 在{desk}签到</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="123"/>
        <source>Please go to {desk}</source>
        <translation>请到{desk}签到</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="116"/>
        <source>{branch} signs in at {desk}</source>
        <translation>{branch}在{desk}签到</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="126"/>
        <source>approved</source>
        <translation>已核准</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="127"/>
        <source>Excused from this meeting</source>
        <translation>本次会议核准不计</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="128"/>
        <source>Not counted ({reason}). Please ask the organizer.</source>
        <translation>不计入应到人数（{reason}），请联系会务组。</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="130"/>
        <source>Early leave recorded</source>
        <translation>已登记中途退场</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="131"/>
        <source>Left at {time}. Scan the card again on return.</source>
        <translation>{time} 退场。返回时请再次扫码。</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="134"/>
        <source>Not in the hall</source>
        <translation>不在会场内</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="135"/>
        <source>This member is not signed in, so no leave was recorded.</source>
        <translation>该党员尚未签到，未登记退场。</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="137"/>
        <source>Card not recognised</source>
        <translation>无法识别此证</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="138"/>
        <source>This card is not on this meeting&apos;s list. Please find the member by name.</source>
        <translation>此证不在本次会议名单中，请按姓名查找。</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="140"/>
        <source>This card was replaced</source>
        <translation>此证已作废</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="141"/>
        <source>A newer card was issued. Please sign in by name below.</source>
        <translation>已补发新证，请在下方按姓名签到。</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="143"/>
        <source>Card for another meeting</source>
        <translation>这是其他会议的证</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="144"/>
        <source>This card belongs to a different meeting. Please check the invitation.</source>
        <translation>此证属于另一场会议，请核对参会通知。</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="146"/>
        <source>Sign-in opens at {time}.</source>
        <translation>{time} 开始签到。</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="147"/>
        <source>Please wait until the organizer opens sign-in.</source>
        <translation>请等待会务组开始签到。</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="72"/>
        <location filename="../desk/texts.py" line="148"/>
        <source>Sign-in has not opened yet</source>
        <translation>尚未开始签到</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="38"/>
        <source>English</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="67"/>
        <location filename="../desk/texts.py" line="150"/>
        <source>Sign-in is closed</source>
        <translation>签到已结束</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="151"/>
        <source>Please see the organizer.</source>
        <translation>请联系会务组。</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="153"/>
        <source>ID number is wrong, please swipe the card again</source>
        <translation>身份证号有误，请重新刷卡</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="154"/>
        <source>Its check digit does not match: the reader misread the card or a digit was mistyped.</source>
        <translation>校验位不符：读卡器读错或号码输错。</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="157"/>
        <source>This ID card is not on the list</source>
        <translation>该身份证不在本次会议名单中</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="158"/>
        <source>No member of this meeting has the ID number ending {last4}. Please find the member by name.</source>
        <translation>本次会议没有身份证号末四位为 {last4} 的人员。请按姓名查找。</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="162"/>
        <source>ID cards cannot sign in here</source>
        <translation>不能刷身份证签到</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="163"/>
        <source>The roster was imported without ID numbers. Please scan the invitation card or find the member by name.</source>
        <translation>导入的名单没有身份证号。请扫描参会证，或按姓名查找。</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="165"/>
        <source>Could not read the card</source>
        <translation>未能读取</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="166"/>
        <source>Please scan again, or find the member by name.</source>
        <translation>请重新扫码，或按姓名查找。</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="93"/>
        <source>Check the person: card used by someone else before</source>
        <translation>请核对本人：此证曾被他人出示</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="94"/>
        <source>Presented by someone else at {time} at {desk}. Compare the face.</source>
        <translation>{time} 曾在{desk}被他人出示，请对照照片核对本人。</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="171"/>
        <source>Asking the hub about this ID number…</source>
        <translation>正在向主控台查询此身份证号…</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="172"/>
        <source>Not on this desk&apos;s branches&apos; list (ID number ending {last4}). One moment.</source>
        <translation>本台支部名单中没有身份证号末四位为 {last4} 的人员，请稍候。</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="181"/>
        <source>The hub did not answer in time</source>
        <translation>主控台未及时应答</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="182"/>
        <source>This desk is not connected to the hub</source>
        <translation>本签到台未连接主控台</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="183"/>
        <source>This ID number is not on this desk&apos;s branches&apos; list</source>
        <translation>本台支部名单中没有此身份证号</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="184"/>
        <source>{reason}, so it could not be asked (ID number ending {last4}). A member of another branch signs in at their branch&apos;s desk; or find the member by name below.</source>
        <translation>{reason}，无法向主控台查询（身份证号末四位 {last4}）。其他支部的人员请到其支部的签到台签到；也可在下方按姓名查找。</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="192"/>
        <source>Not this person: check-in undone</source>
        <translation>不是本人：签到已撤销</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="193"/>
        <source>{name} stays not arrived; the card is marked and the organizer sees it.</source>
        <translation>{name} 仍为未到；此证已标记，会务组可见。</translation>
    </message>
    <message>
        <location filename="../desk/texts.py" line="121"/>
        <source>. Careful: this card was presented by someone else at {time} at {desk}.</source>
        <translation>。注意：此证 {time} 曾在{desk}被他人出示。</translation>
    </message>
</context>
<context>
    <name>DeskWindow</name>
    <message>
        <location filename="../desk/window.py" line="156"/>
        <source>SignDesk — sign-in desk</source>
        <translation>签到台 SignDesk</translation>
    </message>
    <message>
        <location filename="../desk/window.py" line="224"/>
        <source>The organizer revoked this desk. Its copy of the meeting has been erased from this computer.

Close this window; to sign members in here again, join the meeting with a new code.</source>
        <translation>组织者已撤销本签到台。本机上的会议副本已被删除。

请关闭此窗口；如需在此继续签到，请用新的配对码重新加入会议。</translation>
    </message>
    <message>
        <location filename="../desk/window.py" line="267"/>
        <source>Organizer…</source>
        <translation>会务组…</translation>
    </message>
    <message>
        <location filename="../desk/window.py" line="570"/>
        <source>{desk} · all branches</source>
        <translation>{desk} · 全部支部</translation>
    </message>
    <message>
        <location filename="../desk/window.py" line="577"/>
        <source>ID cards accepted</source>
        <translation>可刷身份证签到</translation>
    </message>
    <message>
        <location filename="../desk/window.py" line="579"/>
        <source>No ID numbers imported: ID cards cannot sign in</source>
        <translation>未导入身份证号，刷身份证不可用</translation>
    </message>
    <message>
        <location filename="../desk/window.py" line="593"/>
        <source>Sign-in open</source>
        <translation>签到进行中</translation>
    </message>
    <message>
        <location filename="../desk/window.py" line="595"/>
        <source>Sign-in open until {time}</source>
        <translation>签到进行中，{time} 截止</translation>
    </message>
    <message>
        <location filename="../desk/window.py" line="597"/>
        <source>Sign-in opens at {time}</source>
        <translation>{time} 开始签到</translation>
    </message>
    <message>
        <location filename="../desk/window.py" line="599"/>
        <source>Sign-in closed</source>
        <translation>签到已结束</translation>
    </message>
    <message>
        <location filename="../desk/window.py" line="699"/>
        <source>Writing the certificate…</source>
        <translation>正在生成参会证明…</translation>
    </message>
    <message>
        <location filename="../desk/window.py" line="711"/>
        <source>Sending the certificate to the printer %1…</source>
        <translation>正在将参会证明发送到打印机 %1…</translation>
    </message>
    <message>
        <location filename="../desk/window.py" line="716"/>
        <source>Not printed: no installed font has %1; the certificate (with □) is saved as %2.</source>
        <translation>未打印：没有已安装的字体能打印 %1；参会证明（该字印作 □）已保存为 %2。</translation>
    </message>
    <message>
        <location filename="../desk/window.py" line="719"/>
        <source>Certificate sent to the printer %1.</source>
        <translation>参会证明已发送到打印机 %1。</translation>
    </message>
    <message>
        <location filename="../desk/window.py" line="721"/>
        <source>Printing cancelled; the certificate is saved as %1.</source>
        <translation>已取消打印；参会证明已保存为 %1。</translation>
    </message>
    <message>
        <location filename="../desk/window.py" line="724"/>
        <source>Printing failed (%1); the certificate is saved as %2.</source>
        <translation>打印失败（%1），参会证明已保存为 %2。</translation>
    </message>
    <message>
        <location filename="../desk/window.py" line="727"/>
        <source>No printer is set up; the certificate is saved as %1.</source>
        <translation>未设置打印机，参会证明已保存为 %1。</translation>
    </message>
    <message>
        <location filename="../desk/window.py" line="736"/>
        <source>Printing cancelled.</source>
        <translation>已取消打印。</translation>
    </message>
    <message>
        <location filename="../desk/window.py" line="745"/>
        <source>EARLY LEAVE MODE — scanning a card records a departure</source>
        <translation>中途退场登记中 —— 扫码即登记退场</translation>
    </message>
    <message>
        <location filename="../desk/window.py" line="753"/>
        <source>No camera: use the scanner or search</source>
        <translation>无摄像头：请用扫码枪或查找</translation>
    </message>
    <message>
        <location filename="../desk/window.py" line="754"/>
        <source>Camera off</source>
        <translation>摄像头已关闭</translation>
    </message>
    <message>
        <location filename="../desk/window.py" line="755"/>
        <source>Camera on: hold the card to the camera</source>
        <translation>摄像头已开启：请将二维码对准摄像头</translation>
    </message>
    <message>
        <location filename="../desk/window.py" line="756"/>
        <source>Camera not working: use the scanner or search</source>
        <translation>摄像头故障：请用扫码枪或查找</translation>
    </message>
    <message>
        <location filename="../desk/window.py" line="531"/>
        <source>The check-in was not undone</source>
        <translation>签到未能撤销</translation>
    </message>
</context>
<context>
    <name>JoinDialog</name>
    <message>
        <location filename="../desk/join.py" line="117"/>
        <source>Join a meeting on the network</source>
        <translation>加入网络上的会议</translation>
    </message>
    <message>
        <location filename="../desk/join.py" line="119"/>
        <source>Type the pairing code shown on the main station, or scan its QR code.</source>
        <translation>请输入主控台上显示的配对码，或扫描主控台上的二维码。</translation>
    </message>
    <message>
        <location filename="../desk/join.py" line="126"/>
        <source>e.g. 3号台</source>
        <translation>例如 3号台</translation>
    </message>
    <message>
        <location filename="../desk/join.py" line="128"/>
        <source>6 digits, or scan the QR code</source>
        <translation>6 位数字，或扫描二维码</translation>
    </message>
    <message>
        <location filename="../desk/join.py" line="130"/>
        <source>empty: find the hub on the network</source>
        <translation>留空：自动在网络上查找主控台</translation>
    </message>
    <message>
        <location filename="../desk/join.py" line="131"/>
        <source>Scan the QR code with the camera</source>
        <translation>用摄像头扫描二维码</translation>
    </message>
    <message>
        <location filename="../desk/join.py" line="138"/>
        <source>This desk</source>
        <translation>本签到台</translation>
    </message>
    <message>
        <location filename="../desk/join.py" line="139"/>
        <source>Pairing code</source>
        <translation>配对码</translation>
    </message>
    <message>
        <location filename="../desk/join.py" line="140"/>
        <source>Hub address</source>
        <translation>主控台地址</translation>
    </message>
    <message>
        <location filename="../desk/join.py" line="145"/>
        <source>Join</source>
        <translation>加入</translation>
    </message>
    <message>
        <location filename="../desk/join.py" line="146"/>
        <source>Resume</source>
        <translation>继续使用</translation>
    </message>
    <message>
        <location filename="../desk/join.py" line="147"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../desk/join.py" line="197"/>
        <source>This computer has already joined as {name}: Resume opens its copy of the meeting.</source>
        <translation>本机已作为{name}加入过会议：点“继续使用”即可打开本机保存的会议副本。</translation>
    </message>
    <message>
        <location filename="../desk/join.py" line="229"/>
        <source>This is not a SignDesk pairing code.</source>
        <translation>这不是签到台的配对码。</translation>
    </message>
    <message>
        <location filename="../desk/join.py" line="239"/>
        <source>Pairing code read. Press Join.</source>
        <translation>已读取配对码，请点“加入”。</translation>
    </message>
    <message>
        <location filename="../desk/join.py" line="242"/>
        <source>Pairing code read. Choose which desk this computer is, then press Join.</source>
        <translation>已读取配对码。请选择本机是哪个签到台，再点“加入”。</translation>
    </message>
    <message>
        <location filename="../desk/join.py" line="262"/>
        <source>No camera can be used on this computer.</source>
        <translation>本机没有可用的摄像头。</translation>
    </message>
    <message>
        <location filename="../desk/join.py" line="281"/>
        <source>Choose which desk this computer is.</source>
        <translation>请选择本机是哪个签到台。</translation>
    </message>
    <message>
        <location filename="../desk/join.py" line="285"/>
        <source>The pairing code has 6 digits.</source>
        <translation>配对码是 6 位数字。</translation>
    </message>
    <message>
        <location filename="../desk/join.py" line="296"/>
        <source>Joining the hub at {address} and copying the meeting…</source>
        <translation>正在连接主控台 {address} 并复制会议数据…</translation>
    </message>
    <message>
        <location filename="../desk/join.py" line="299"/>
        <source>Looking for the hub on the network…</source>
        <translation>正在网络上查找主控台…</translation>
    </message>
    <message>
        <location filename="../desk/join.py" line="328"/>
        <source>Wrong pairing code. Check the code shown on the main station.</source>
        <translation>配对码错误，请核对主控台上显示的配对码。</translation>
    </message>
    <message>
        <location filename="../desk/join.py" line="330"/>
        <source>Too many wrong codes: wait {seconds} s and try again.</source>
        <translation>配对码错误次数过多：请等 {seconds} 秒后再试。</translation>
    </message>
    <message>
        <location filename="../desk/join.py" line="333"/>
        <source>Pairing is closed after too many wrong codes. Ask the organizer to press New code, then type the new code.</source>
        <translation>错误配对码过多，配对已关闭。请组织者点击“换一个配对码”，再输入新的配对码。</translation>
    </message>
    <message>
        <location filename="../desk/join.py" line="336"/>
        <source>The computer at this address is not the hub whose QR code was scanned. Nothing was sent to it. Check the address.</source>
        <translation>此地址上的电脑不是所扫二维码对应的主控台，未向其发送任何内容。请核对地址。</translation>
    </message>
    <message>
        <location filename="../desk/join.py" line="339"/>
        <source>The computer at this address could not prove it is the hub showing this code. Nothing was sent to it.</source>
        <translation>此地址上的电脑无法证明自己是显示该配对码的主控台，未向其发送任何内容。</translation>
    </message>
    <message>
        <location filename="../desk/join.py" line="342"/>
        <source>No hub found on the network. Type the address shown on the main station.</source>
        <translation>网络上没有找到主控台。请输入主控台上显示的地址。</translation>
    </message>
    <message>
        <location filename="../desk/join.py" line="345"/>
        <source>Cannot reach the hub. Is the main station on and on the same network?</source>
        <translation>连不上主控台。请确认主控台已开启，并且与本机在同一网络。</translation>
    </message>
    <message>
        <location filename="../desk/join.py" line="348"/>
        <source>Several hubs are on the network; type the address shown on the main station.</source>
        <translation>网络上有多个主控台，请输入主控台上显示的地址。</translation>
    </message>
    <message>
        <location filename="../desk/join.py" line="350"/>
        <source>The hub refused: {message}</source>
        <translation>主控台拒绝了：{message}</translation>
    </message>
    <message>
        <location filename="../desk/join.py" line="353"/>
        <source>Joined. Opening the desk…</source>
        <translation>已加入，正在打开签到台…</translation>
    </message>
</context>
<context>
    <name>PairAgainBar</name>
    <message>
        <location filename="../desk/pair_again.py" line="36"/>
        <source>This desk is not paired with the hub it finds. Code shown at the hub:</source>
        <translation>本签到台尚未与找到的主控台配对。主控台上显示的配对码：</translation>
    </message>
    <message>
        <location filename="../desk/pair_again.py" line="40"/>
        <source>6 digits</source>
        <translation>6 位数字</translation>
    </message>
    <message>
        <location filename="../desk/pair_again.py" line="42"/>
        <source>Organizer PIN:</source>
        <translation>组织者 PIN：</translation>
    </message>
    <message>
        <location filename="../desk/pair_again.py" line="47"/>
        <source>Pair again</source>
        <translation>重新配对</translation>
    </message>
    <message>
        <location filename="../desk/pair_again.py" line="85"/>
        <source>The pairing code has 6 digits.</source>
        <translation>配对码是 6 位数字。</translation>
    </message>
    <message>
        <location filename="../desk/pair_again.py" line="90"/>
        <source>Wrong PIN.</source>
        <translation>PIN 不正确。</translation>
    </message>
    <message>
        <location filename="../desk/pair_again.py" line="95"/>
        <source>Pairing with the hub…</source>
        <translation>正在与主控台配对…</translation>
    </message>
    <message>
        <location filename="../desk/pair_again.py" line="106"/>
        <source>Paired again: sending and receiving check-ins.</source>
        <translation>已重新配对：正在收发签到记录。</translation>
    </message>
    <message>
        <location filename="../desk/pair_again.py" line="114"/>
        <source>Wrong pairing code. Check the code shown at the hub.</source>
        <translation>配对码错误。请核对主控台上显示的配对码。</translation>
    </message>
    <message>
        <location filename="../desk/pair_again.py" line="116"/>
        <source>Pairing is closed after too many wrong codes. Ask the organizer to press New code, then type the new code.</source>
        <translation>错误配对码过多，配对已关闭。请组织者点击“换一个配对码”，再输入新的配对码。</translation>
    </message>
    <message>
        <location filename="../desk/pair_again.py" line="119"/>
        <source>Could not pair: {message}</source>
        <translation>无法配对：{message}</translation>
    </message>
</context>
<context>
    <name>PinBar</name>
    <message>
        <location filename="../desk/organizer_bar.py" line="63"/>
        <source>Organizer&apos;s PIN:</source>
        <translation>会务组密码：</translation>
    </message>
    <message>
        <location filename="../desk/organizer_bar.py" line="64"/>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location filename="../desk/organizer_bar.py" line="65"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../desk/organizer_bar.py" line="84"/>
        <source>Wrong PIN</source>
        <translation>密码错误</translation>
    </message>
</context>
<context>
    <name>ResultPanel</name>
    <message>
        <location filename="../desk/result_panel.py" line="174"/>
        <source>✗ Not this person ({key})</source>
        <translation>✗ 不是本人（{key}）</translation>
    </message>
    <message>
        <location filename="../desk/result_panel.py" line="175"/>
        <source>The person at the desk is not this member: undo the check-in (the member stays not arrived) and mark the card</source>
        <translation>台前的人不是该党员本人：撤销这次签到（该党员仍为未到），并标记此证</translation>
    </message>
    <message>
        <location filename="../desk/result_panel.py" line="220"/>
        <source>The photo cannot be shown</source>
        <translation>照片无法显示</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <location filename="../desk/search_panel.py" line="200"/>
        <source>Name, pinyin, initials, phone last 4 or number</source>
        <translation>姓名、拼音、首字母、手机尾号或党员编号</translation>
    </message>
    <message>
        <location filename="../desk/search_panel.py" line="201"/>
        <source>中 Type Chinese</source>
        <translation>中 输入汉字</translation>
    </message>
    <message>
        <location filename="../desk/search_panel.py" line="202"/>
        <source>Allow the Chinese input method in this box (it turns off again after each sign-in)</source>
        <translation>在此框中使用中文输入法（每次签到后自动关闭）</translation>
    </message>
    <message>
        <location filename="../desk/search_panel.py" line="203"/>
        <source>Sign in</source>
        <translation>签到</translation>
    </message>
    <message>
        <location filename="../desk/search_panel.py" line="225"/>
        <source>✓ in {time}</source>
        <translation>✓ {time} 已签到</translation>
    </message>
    <message>
        <location filename="../desk/search_panel.py" line="237"/>
        <source>An ID number: press Enter to sign in as with the ID card.</source>
        <translation>这是身份证号：按回车键即按刷身份证签到。</translation>
    </message>
    <message>
        <location filename="../desk/search_panel.py" line="239"/>
        <source>This ID number&apos;s check digit is wrong: check the digits.</source>
        <translation>身份证号校验位不符：请核对号码。</translation>
    </message>
    <message>
        <location filename="../desk/search_panel.py" line="241"/>
        <source>Nobody found. Try the pinyin (e.g. wangwei) or initials (ww).</source>
        <translation>未找到。可试拼音（如 wangwei）或首字母（ww）。</translation>
    </message>
    <message>
        <location filename="../desk/search_panel.py" line="243"/>
        <source>{n} found. Choose with ↓ ↑ and press Enter.</source>
        <translation>找到 {n} 人。用 ↓ ↑ 选择后按回车。</translation>
    </message>
    <message>
        <location filename="../desk/search_panel.py" line="245"/>
        <source>Press Enter to sign in the highlighted member.</source>
        <translation>按回车为选中的党员签到。</translation>
    </message>
</context>
<context>
    <name>SecretaryPanel</name>
    <message>
        <location filename="../desk/secretary.py" line="279"/>
        <source>&amp;Operator</source>
        <translation>签到员(&amp;O)</translation>
    </message>
    <message>
        <location filename="../desk/secretary.py" line="280"/>
        <source>Your name (recorded with each check-in)</source>
        <translation>您的姓名（记录在每次签到中）</translation>
    </message>
    <message>
        <location filename="../desk/secretary.py" line="281"/>
        <source>This desk&apos;s branches</source>
        <translation>本台支部</translation>
    </message>
    <message>
        <location filename="../desk/secretary.py" line="283"/>
        <source>Branch</source>
        <translation>支部</translation>
    </message>
    <message>
        <location filename="../desk/secretary.py" line="283"/>
        <source>Expected</source>
        <translation>应到</translation>
    </message>
    <message>
        <location filename="../desk/secretary.py" line="283"/>
        <source>Present</source>
        <translation>实到</translation>
    </message>
    <message>
        <location filename="../desk/secretary.py" line="283"/>
        <source>Remaining</source>
        <translation>未到</translation>
    </message>
    <message>
        <location filename="../desk/secretary.py" line="284"/>
        <source>Turnout</source>
        <translation>出席率</translation>
    </message>
    <message>
        <location filename="../desk/secretary.py" line="286"/>
        <source>Last check-ins</source>
        <translation>最近签到</translation>
    </message>
    <message>
        <location filename="../desk/secretary.py" line="287"/>
        <source>Not yet arrived</source>
        <translation>未到名单</translation>
    </message>
    <message>
        <location filename="../desk/secretary.py" line="288"/>
        <source>Undo selected check-in…</source>
        <translation>撤销选中的签到…</translation>
    </message>
    <message>
        <location filename="../desk/secretary.py" line="289"/>
        <source>Print certificate</source>
        <translation>打印参会证明</translation>
    </message>
    <message>
        <location filename="../desk/secretary.py" line="290"/>
        <source>Cancel printing</source>
        <translation>取消打印</translation>
    </message>
    <message>
        <location filename="../desk/secretary.py" line="296"/>
        <source>Hide phone numbers</source>
        <translation>隐藏电话</translation>
    </message>
    <message>
        <location filename="../desk/secretary.py" line="297"/>
        <source>Show phone numbers</source>
        <translation>显示电话</translation>
    </message>
    <message>
        <location filename="../desk/secretary.py" line="300"/>
        <source>Early leave mode ON: scans record departures (press to end)</source>
        <translation>正在登记中途退场：扫码即登记退场（点此结束）</translation>
    </message>
    <message>
        <location filename="../desk/secretary.py" line="302"/>
        <source>Record early leaves…</source>
        <translation>登记中途退场…</translation>
    </message>
    <message>
        <location filename="../desk/secretary.py" line="335"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../desk/secretary.py" line="379"/>
        <source>on leave</source>
        <translation>请假</translation>
    </message>
    <message>
        <location filename="../desk/secretary.py" line="382"/>
        <source>{n} not yet arrived</source>
        <translation>{n} 人未到</translation>
    </message>
    <message>
        <location filename="../desk/secretary.py" line="394"/>
        <source>left</source>
        <translation>退场</translation>
    </message>
    <message>
        <location filename="../desk/secretary.py" line="394"/>
        <source>in</source>
        <translation>签到</translation>
    </message>
    <message>
        <location filename="../desk/secretary.py" line="395"/>
        <source>search</source>
        <translation>查找</translation>
    </message>
    <message>
        <location filename="../desk/secretary.py" line="395"/>
        <source>camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../desk/secretary.py" line="396"/>
        <source>ID card</source>
        <translation>身份证</translation>
    </message>
    <message>
        <location filename="../desk/secretary.py" line="400"/>
        <source>(undone)</source>
        <translation>（已撤销）</translation>
    </message>
</context>
<context>
    <name>SettingsBar</name>
    <message>
        <location filename="../desk/organizer_bar.py" line="140"/>
        <source>Sound</source>
        <translation>声音</translation>
    </message>
    <message>
        <location filename="../desk/organizer_bar.py" line="141"/>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../desk/organizer_bar.py" line="142"/>
        <source>Full screen (kiosk)</source>
        <translation>全屏（锁定）</translation>
    </message>
    <message>
        <location filename="../desk/organizer_bar.py" line="143"/>
        <source>Switch to this desk</source>
        <translation>切换到此签到台</translation>
    </message>
    <message>
        <location filename="../desk/organizer_bar.py" line="144"/>
        <source>Close the desk</source>
        <translation>关闭签到台</translation>
    </message>
    <message>
        <location filename="../desk/organizer_bar.py" line="145"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>UndoBar</name>
    <message>
        <location filename="../desk/secretary.py" line="105"/>
        <source>Wrong person</source>
        <translation>签错人</translation>
    </message>
    <message>
        <location filename="../desk/secretary.py" line="106"/>
        <source>Scanned by mistake</source>
        <translation>误扫</translation>
    </message>
    <message>
        <location filename="../desk/secretary.py" line="108"/>
        <source>Reason for undoing (required)</source>
        <translation>撤销原因（必填）</translation>
    </message>
    <message>
        <location filename="../desk/secretary.py" line="109"/>
        <source>Undo check-in</source>
        <translation>撤销签到</translation>
    </message>
    <message>
        <location filename="../desk/secretary.py" line="110"/>
        <source>Keep it</source>
        <translation>不撤销</translation>
    </message>
    <message>
        <location filename="../desk/secretary.py" line="115"/>
        <source>Undo: {what}?</source>
        <translation>撤销：{what}？</translation>
    </message>
    <message>
        <location filename="../desk/secretary.py" line="124"/>
        <source>Please give a reason.</source>
        <translation>请填写原因。</translation>
    </message>
    <message>
        <location filename="../desk/secretary.py" line="107"/>
        <source>Not this person (card used by someone else)</source>
        <translation>不是本人（他人持证）</translation>
    </message>
</context>
</TS>
