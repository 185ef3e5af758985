<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AddMemberDialog</name>
    <message>
        <location filename="../organizer/members.py" line="309"/>
        <source>Add a member</source>
        <translation>添加党员</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="324"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="325"/>
        <source>Branch</source>
        <translation>支部</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="326"/>
        <source>Member number</source>
        <translation>党员编号</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="327"/>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="328"/>
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="329"/>
        <source>Phone</source>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="330"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
</context>
<context>
    <name>ArrivalsChart</name>
    <message>
        <location filename="../organizer/dashboard.py" line="382"/>
        <source>Arrivals over time</source>
        <translation>签到进度</translation>
    </message>
    <message>
        <location filename="../organizer/dashboard.py" line="388"/>
        <source>Present (running total)</source>
        <translation>实到人数（累计）</translation>
    </message>
    <message>
        <location filename="../organizer/dashboard.py" line="391"/>
        <source>Arrivals per minute</source>
        <translation>每分钟签到</translation>
    </message>
    <message>
        <location filename="../organizer/dashboard.py" line="394"/>
        <source>Expected</source>
        <translation>应到</translation>
    </message>
</context>
<context>
    <name>BigScreen</name>
    <message>
        <location filename="../organizer/bigscreen.py" line="89"/>
        <source>SignDesk — hall screen</source>
        <translation>签到台 — 会场大屏</translation>
    </message>
    <message>
        <location filename="../organizer/bigscreen.py" line="103"/>
        <source>Present / expected</source>
        <translation>实到 / 应到</translation>
    </message>
    <message>
        <location filename="../organizer/bigscreen.py" line="105"/>
        <source>Turnout</source>
        <translation>出席率</translation>
    </message>
    <message>
        <location filename="../organizer/bigscreen.py" line="124"/>
        <source>Just arrived</source>
        <translation>刚刚签到</translation>
    </message>
    <message>
        <location filename="../organizer/bigscreen.py" line="200"/>
        <source>Exactly 4/5 — reached (at least 4/5)</source>
        <translation>恰好五分之四——已达到（不少于五分之四）</translation>
    </message>
    <message>
        <location filename="../organizer/bigscreen.py" line="202"/>
        <source>Exactly 4/5 — not reached (more than 4/5 needed): %1 more</source>
        <translation>恰好五分之四——未达到（须超过五分之四）：还需 %1 人</translation>
    </message>
    <message>
        <location filename="../organizer/bigscreen.py" line="206"/>
        <source>Quorum reached</source>
        <translation>已达到法定人数</translation>
    </message>
    <message>
        <location filename="../organizer/bigscreen.py" line="208"/>
        <source>Quorum not yet reached: %1 more voting members needed</source>
        <translation>尚未达到法定人数：还需有选举权党员 %1 人</translation>
    </message>
</context>
<context>
    <name>BranchTable</name>
    <message>
        <location filename="../organizer/dashboard.py" line="245"/>
        <source>Branch</source>
        <translation>支部</translation>
    </message>
    <message>
        <location filename="../organizer/dashboard.py" line="245"/>
        <source>Desk</source>
        <translation>签到台</translation>
    </message>
    <message>
        <location filename="../organizer/dashboard.py" line="245"/>
        <source>Expected</source>
        <translation>应到</translation>
    </message>
    <message>
        <location filename="../organizer/dashboard.py" line="246"/>
        <source>Present</source>
        <translation>实到</translation>
    </message>
    <message>
        <location filename="../organizer/dashboard.py" line="246"/>
        <source>Absent</source>
        <translation>未到</translation>
    </message>
    <message>
        <location filename="../organizer/dashboard.py" line="246"/>
        <source>Turnout</source>
        <translation>出席率</translation>
    </message>
</context>
<context>
    <name>BranchesPanel</name>
    <message>
        <location filename="../organizer/branches.py" line="35"/>
        <source>Each branch signs in at its own desk. Type a new desk name to create a desk; &quot;Any desk&quot; lets every desk sign in that branch.</source>
        <translation>各支部在本支部的签到台签到。输入新的签到台名称即可新建签到台；选“任意签到台”则所有签到台都可为该支部签到。</translation>
    </message>
    <message>
        <location filename="../organizer/branches.py" line="41"/>
        <source>Branch</source>
        <translation>支部</translation>
    </message>
    <message>
        <location filename="../organizer/branches.py" line="41"/>
        <source>Members</source>
        <translation>党员人数</translation>
    </message>
    <message>
        <location filename="../organizer/branches.py" line="41"/>
        <source>Expected</source>
        <translation>应到</translation>
    </message>
    <message>
        <location filename="../organizer/branches.py" line="41"/>
        <source>Desk</source>
        <translation>签到台</translation>
    </message>
    <message>
        <location filename="../organizer/branches.py" line="70"/>
        <location filename="../organizer/branches.py" line="93"/>
        <source>Any desk</source>
        <translation>任意签到台</translation>
    </message>
</context>
<context>
    <name>CameraDialog</name>
    <message>
        <location filename="../organizer/photos.py" line="214"/>
        <source>Photo of %1</source>
        <translation>%1 的照片</translation>
    </message>
    <message>
        <location filename="../organizer/photos.py" line="224"/>
        <source>The face in the middle, the shoulders at the bottom.</source>
        <translation>面部居中，肩部在画面下方。</translation>
    </message>
    <message>
        <location filename="../organizer/photos.py" line="225"/>
        <source>Take photo</source>
        <translation>拍照</translation>
    </message>
    <message>
        <location filename="../organizer/photos.py" line="229"/>
        <source>The camera did not take the picture</source>
        <translation>摄像头未能拍照</translation>
    </message>
    <message>
        <location filename="../organizer/photos.py" line="231"/>
        <source>The camera cannot be used: %1</source>
        <translation>摄像头无法使用：%1</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <location filename="../organizer/dashboard.py" line="655"/>
        <source>Expected</source>
        <translation>应到</translation>
    </message>
    <message>
        <location filename="../organizer/dashboard.py" line="656"/>
        <source>Present</source>
        <translation>实到</translation>
    </message>
    <message>
        <location filename="../organizer/dashboard.py" line="657"/>
        <source>Absent</source>
        <translation>未到</translation>
    </message>
    <message>
        <location filename="../organizer/dashboard.py" line="658"/>
        <source>Turnout</source>
        <translation>出席率</translation>
    </message>
    <message>
        <location filename="../organizer/dashboard.py" line="659"/>
        <source>Voting members present</source>
        <translation>有选举权到会</translation>
    </message>
    <message>
        <location filename="../organizer/dashboard.py" line="678"/>
        <source>Desk</source>
        <translation>签到台</translation>
    </message>
    <message>
        <location filename="../organizer/dashboard.py" line="678"/>
        <source>Check-ins</source>
        <translation>签到数</translation>
    </message>
    <message>
        <location filename="../organizer/dashboard.py" line="678"/>
        <source>Last</source>
        <translation>最近</translation>
    </message>
    <message>
        <location filename="../organizer/dashboard.py" line="689"/>
        <source>Latest check-ins</source>
        <translation>最新签到</translation>
    </message>
    <message>
        <location filename="../organizer/dashboard.py" line="690"/>
        <source>Desks (● active in the last %1 min)</source>
        <translation>签到台（● 近 %1 分钟有签到）</translation>
    </message>
    <message>
        <location filename="../organizer/dashboard.py" line="840"/>
        <source>left early</source>
        <translation>中途退场</translation>
    </message>
    <message>
        <location filename="../organizer/dashboard.py" line="841"/>
        <source>check-in undone</source>
        <translation>签到已撤销</translation>
    </message>
    <message>
        <location filename="../organizer/dashboard.py" line="861"/>
        <source>active: a check-in in the last %1 minutes</source>
        <translation>活跃：近 %1 分钟内有签到</translation>
    </message>
    <message>
        <location filename="../organizer/dashboard.py" line="862"/>
        <source>quiet for %2 minutes</source>
        <translation>已 %2 分钟无签到</translation>
    </message>
    <message>
        <location filename="../organizer/dashboard.py" line="866"/>
        <source>no check-ins yet</source>
        <translation>尚无签到</translation>
    </message>
    <message>
        <location filename="../organizer/dashboard.py" line="891"/>
        <source>on leave %1 (counted)</source>
        <translation>请假 %1 人（计入应到）</translation>
    </message>
    <message>
        <location filename="../organizer/dashboard.py" line="893"/>
        <source>in the hall %1</source>
        <translation>在场 %1 人</translation>
    </message>
    <message>
        <location filename="../organizer/dashboard.py" line="903"/>
        <source>needed %1</source>
        <translation>需要 %1 人</translation>
    </message>
    <message>
        <location filename="../organizer/dashboard.py" line="905"/>
        <source>Excluded %1 (not counted) · observers %2 (present %3) · left early %4 · probationary present %5 · suspended present %6</source>
        <translation>核准不计 %1 人（不计入应到）· 列席 %2 人（到会 %3）· 中途退场 %4 人 · 预备党员到会 %5 人 · 留党察看到会 %6 人</translation>
    </message>
    <message>
        <location filename="../organizer/dashboard.py" line="844"/>
        <source>NOT THIS PERSON: card presented by someone else</source>
        <translation>不是本人：他人持证签到</translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <location filename="../organizer/dashboard.py" line="607"/>
        <source>This meeting has no members yet</source>
        <translation>本次会议还没有党员名单</translation>
    </message>
    <message>
        <location filename="../organizer/dashboard.py" line="610"/>
        <source>Import the roster from the Excel or CSV file the branches keep (name and branch are enough; number, phone, category and status are read when present). Turnout, quorum and the desks follow from it.</source>
        <translation>请从各支部的 Excel 或 CSV 名册导入（有姓名和支部即可；党员编号、手机、类别、状态有则一并读取）。出席率、法定人数和各签到台都以名册为准。</translation>
    </message>
    <message>
        <location filename="../organizer/dashboard.py" line="615"/>
        <source>Import the roster…</source>
        <translation>导入名册…</translation>
    </message>
</context>
<context>
    <name>ImportReportDialog</name>
    <message>
        <location filename="../organizer/photos.py" line="258"/>
        <source>Photos imported</source>
        <translation>照片导入结果</translation>
    </message>
    <message>
        <location filename="../organizer/photos.py" line="263"/>
        <source>Every file was used.</source>
        <translation>所有文件均已导入。</translation>
    </message>
    <message>
        <location filename="../organizer/photos.py" line="275"/>
        <source>Replaced: %1 (%2)</source>
        <translation>已替换原有照片：%1（%2）</translation>
    </message>
    <message>
        <location filename="../organizer/photos.py" line="277"/>
        <source>Name matches nobody: %1 — %2</source>
        <translation>文件名找不到对应人员：%1 — %2</translation>
    </message>
    <message>
        <location filename="../organizer/photos.py" line="279"/>
        <source>Cannot be read: %1 — %2</source>
        <translation>无法读取：%1 — %2</translation>
    </message>
    <message>
        <location filename="../organizer/photos.py" line="281"/>
        <source>Second photo of %2: %1 (kept: %3)</source>
        <translation>%2 的重复照片：%1（已采用：%3）</translation>
    </message>
    <message>
        <location filename="../organizer/photos.py" line="283"/>
        <source>Not a photo: %1 — %2</source>
        <translation>不是照片：%1 — %2</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../organizer/labels.py" line="17"/>
        <source>English</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../organizer/labels.py" line="55"/>
        <source>Sign-in is OPEN</source>
        <translation>签到进行中</translation>
    </message>
    <message>
        <location filename="../organizer/labels.py" line="56"/>
        <source>Sign-in has not opened yet</source>
        <translation>签到尚未开始</translation>
    </message>
    <message>
        <location filename="../organizer/labels.py" line="57"/>
        <source>Sign-in is CLOSED</source>
        <translation>签到已结束</translation>
    </message>
</context>
<context>
    <name>MembersModel</name>
    <message>
        <location filename="../organizer/members.py" line="101"/>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="101"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="102"/>
        <source>Branch</source>
        <translation>支部</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="102"/>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="103"/>
        <source>Born</source>
        <translation>出生年</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="103"/>
        <source>Phone</source>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="104"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="104"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="105"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="105"/>
        <source>Arrived</source>
        <translation>签到时间</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="292"/>
        <source>not arrived</source>
        <translation>未到</translation>
    </message>
</context>
<context>
    <name>MembersPanel</name>
    <message>
        <location filename="../organizer/members.py" line="361"/>
        <source>All members</source>
        <translation>全部党员</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="361"/>
        <source>Expected</source>
        <translation>应到</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="362"/>
        <source>Present</source>
        <translation>实到</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="362"/>
        <source>Absent</source>
        <translation>未签到</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="363"/>
        <source>On leave</source>
        <translation>请假</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="363"/>
        <source>Excluded</source>
        <translation>核准不计</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="364"/>
        <source>Observers</source>
        <translation>列席人员</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="365"/>
        <source>Non-voting (probationary, suspended)</source>
        <translation>无表决权（预备党员、留党察看）</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="366"/>
        <source>Missing photo</source>
        <translation>缺照片</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="369"/>
        <source>Name, pinyin or number</source>
        <translation>姓名、拼音或编号</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="376"/>
        <source>Branch</source>
        <translation>支部</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="378"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="382"/>
        <source>Import photos…</source>
        <translation>导入照片…</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="434"/>
        <source>Selected member</source>
        <translation>选中的党员</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="446"/>
        <source>Required when excluded</source>
        <translation>核准不计时必填</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="449"/>
        <source>(the case the reason names)</source>
        <translation>（按原因判断）</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="453"/>
        <source>Higher party organization</source>
        <translation>批准的上级党组织</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="456"/>
        <source>Vote suspended (expected, no vote)</source>
        <translation>中止表决权（计入应到，无表决权）</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="457"/>
        <source>Lost contact (失联)</source>
        <translation>失联党员</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="458"/>
        <source>Mobile member (流动)</source>
        <translation>流动党员</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="460"/>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="465"/>
        <source>Add member…</source>
        <translation>添加党员…</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="466"/>
        <source>Remove from roster…</source>
        <translation>移出名册…</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="467"/>
        <source>Reissue card…</source>
        <translation>补发参会证…</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="468"/>
        <source>Print this member&apos;s card…</source>
        <translation>打印该党员的参会证…</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="469"/>
        <source>Print this member&apos;s certificate…</source>
        <translation>打印该党员的参会证明…</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="470"/>
        <source>Undo this member&apos;s check-in…</source>
        <translation>撤销该党员的签到…</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="485"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="486"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="487"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="488"/>
        <source>Excluded as</source>
        <translation>不计情形</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="489"/>
        <source>Approved by</source>
        <translation>批准组织</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="490"/>
        <source>Approved on</source>
        <translation>批准日期</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="509"/>
        <source>All branches</source>
        <translation>全部支部</translation>
    </message>
    <message numerus="yes">
        <location filename="../organizer/members.py" line="524"/>
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n 人</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="560"/>
        <source>Select a member in the table.</source>
        <translation>请在表格中选择一名党员。</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="639"/>
        <source>Member not added</source>
        <translation>未能添加党员</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="651"/>
        <source>Remove from roster</source>
        <translation>移出名册</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="652"/>
        <source>Why is %1 taken off the roster? (kept in the audit)
Their card stops working at every desk and their photo is deleted.</source>
        <translation>为什么将 %1 移出名册？（记入操作记录）
其参会证在各签到台立即失效，照片将被删除。</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="671"/>
        <source>Reissue card</source>
        <translation>补发参会证</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="672"/>
        <source>Give %1 a new card? The old card will be refused at every desk.</source>
        <translation>为 %1 补发新参会证？旧证将在所有签到台失效。</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="678"/>
        <source>New card for %1: %2. The old card is refused at every desk; print the new one now.</source>
        <translation>已为 %1 补发新参会证：%2。旧证在各签到台均不再有效，请立即打印新证。</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="712"/>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="728"/>
        <source>Undo check-in</source>
        <translation>撤销签到</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="729"/>
        <source>Why is the check-in of %1 undone? (kept in the record and the report)</source>
        <translation>为什么撤销 %1 的签到？（原因记入记录和报告）</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="734"/>
        <source>Organizer</source>
        <translation>会务组</translation>
    </message>
    <message>
        <location filename="../organizer/members.py" line="739"/>
        <source>Check-in of %1 undone: %2</source>
        <translation>已撤销 %1 的签到：%2</translation>
    </message>
</context>
<context>
    <name>NewMeetingDialog</name>
    <message>
        <location filename="../organizer/new_meeting.py" line="64"/>
        <location filename="../organizer/new_meeting.py" line="168"/>
        <source>meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <location filename="../organizer/new_meeting.py" line="72"/>
        <source>New meeting</source>
        <translation>新建会议</translation>
    </message>
    <message>
        <location filename="../organizer/new_meeting.py" line="76"/>
        <source>e.g. 北郊居民区党员大会</source>
        <translation>例如：北郊居民区党员大会</translation>
    </message>
    <message>
        <location filename="../organizer/new_meeting.py" line="107"/>
        <source>Opens at</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location filename="../organizer/new_meeting.py" line="109"/>
        <source>Closes at</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <location filename="../organizer/new_meeting.py" line="119"/>
        <source>Without times, sign-in is open from the start until you close it on the dashboard.</source>
        <translation>不设时间时，签到从一开始就进行，直到您在签到总览中结束签到。</translation>
    </message>
    <message>
        <location filename="../organizer/new_meeting.py" line="129"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../organizer/new_meeting.py" line="139"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../organizer/new_meeting.py" line="140"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../organizer/new_meeting.py" line="141"/>
        <source>Venue</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../organizer/new_meeting.py" line="142"/>
        <source>Quorum rule</source>
        <translation>法定人数规则</translation>
    </message>
    <message>
        <location filename="../organizer/new_meeting.py" line="143"/>
        <source>Sign-in</source>
        <translation>签到时间</translation>
    </message>
    <message>
        <location filename="../organizer/new_meeting.py" line="144"/>
        <source>Meeting file</source>
        <translation>会议文件</translation>
    </message>
    <message>
        <location filename="../organizer/new_meeting.py" line="151"/>
        <source>Create the meeting</source>
        <translation>创建会议</translation>
    </message>
    <message>
        <location filename="../organizer/new_meeting.py" line="176"/>
        <source>Save the meeting as</source>
        <translation>会议文件保存为</translation>
    </message>
    <message>
        <location filename="../organizer/new_meeting.py" line="186"/>
        <source>Give the meeting a title.</source>
        <translation>请填写会议名称。</translation>
    </message>
    <message>
        <location filename="../organizer/new_meeting.py" line="190"/>
        <source>Choose the quorum rule (read the note under it).</source>
        <translation>请选择法定人数规则（请先阅读下方说明）。</translation>
    </message>
    <message>
        <location filename="../organizer/new_meeting.py" line="193"/>
        <source>Choose where to save the meeting file.</source>
        <translation>请选择会议文件的保存位置。</translation>
    </message>
    <message>
        <location filename="../organizer/new_meeting.py" line="210"/>
        <source>Cannot save there: %1</source>
        <translation>无法保存到该位置：%1</translation>
    </message>
    <message>
        <location filename="../organizer/new_meeting.py" line="87"/>
        <source>(exactly 4/5 is not enough)</source>
        <translation>（恰好五分之四不够）</translation>
    </message>
    <message>
        <location filename="../organizer/new_meeting.py" line="88"/>
        <source>(exactly 4/5 is enough)</source>
        <translation>（恰好五分之四即可）</translation>
    </message>
</context>
<context>
    <name>Organizer</name>
    <message>
        <location filename="../organizer/new_meeting.py" line="48"/>
        <source>SignDesk meetings (*.sqlite *.signdesk *.db);;All files (*)</source>
        <translation>签到台会议文件 (*.sqlite *.signdesk *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../organizer/new_meeting.py" line="227"/>
        <source>Open a meeting</source>
        <translation>打开会议</translation>
    </message>
    <message>
        <location filename="../organizer/window.py" line="604"/>
        <source>Cannot open the meeting</source>
        <translation>无法打开会议</translation>
    </message>
</context>
<context>
    <name>OrganizerWindow</name>
    <message>
        <location filename="../organizer/window.py" line="195"/>
        <source>Dashboard</source>
        <translation>签到总览</translation>
    </message>
    <message>
        <location filename="../organizer/window.py" line="196"/>
        <source>Members</source>
        <translation>党员名册</translation>
    </message>
    <message>
        <location filename="../organizer/window.py" line="197"/>
        <source>Branches &amp;&amp; desks</source>
        <translation>支部与签到台</translation>
    </message>
    <message>
        <location filename="../organizer/window.py" line="198"/>
        <source>Meeting settings</source>
        <translation>会议设置</translation>
    </message>
    <message>
        <location filename="../organizer/window.py" line="205"/>
        <source>Desks on other computers join this meeting through the hub. Start it here, then on each desk&apos;s computer choose &quot;Join a meeting on the network…&quot; on the start screen and type the pairing code shown here (or scan its QR code).</source>
        <translation>其他电脑上的签到台通过主控台加入本次会议。请先在这里启动主控台，然后在每台签到电脑的开始界面选择“加入网络上的会议…”，输入这里显示的配对码（或扫描其二维码）。</translation>
    </message>
    <message>
        <location filename="../organizer/window.py" line="210"/>
        <source>Start the hub for desks</source>
        <translation>启动主控台，供各签到台连接</translation>
    </message>
    <message>
        <location filename="../organizer/window.py" line="219"/>
        <source>Desks &amp;&amp; hub</source>
        <translation>签到台与主控台</translation>
    </message>
    <message>
        <location filename="../organizer/window.py" line="224"/>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <location filename="../organizer/window.py" line="233"/>
        <source>Your name is recorded with every change you make to this meeting. Click to change it.</source>
        <translation>您的姓名会记录在您对本次会议所做的每项修改中。点击可更改。</translation>
    </message>
    <message>
        <location filename="../organizer/window.py" line="244"/>
        <source>OK, read</source>
        <translation>知道了</translation>
    </message>
    <message>
        <location filename="../organizer/window.py" line="277"/>
        <source>Organizer: %1</source>
        <translation>组织员：%1</translation>
    </message>
    <message>
        <location filename="../organizer/window.py" line="279"/>
        <source>Organizer: %1 (login name) — set your name</source>
        <translation>组织员：%1（登录名）— 请填写您的姓名</translation>
    </message>
    <message>
        <location filename="../organizer/window.py" line="295"/>
        <source>Your name</source>
        <translation>您的姓名</translation>
    </message>
    <message>
        <location filename="../organizer/window.py" line="296"/>
        <source>Your name, recorded with every change you make to this meeting (imports, settings, paper sheets, undoing check-ins):</source>
        <translation>您的姓名（记录在您对本次会议所做的每项修改中：导入名册、会议设置、纸质签到表、撤销签到）：</translation>
    </message>
    <message numerus="yes">
        <location filename="../organizer/window.py" line="309"/>
        <source>⚠ %n problem(s) in the log</source>
        <translation>
            <numerusform>⚠ 日志中有 %n 个问题</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../organizer/window.py" line="312"/>
        <source>Log (%1)</source>
        <translation>日志（%1）</translation>
    </message>
    <message>
        <location filename="../organizer/window.py" line="333"/>
        <source>The hub could not start: %1</source>
        <translation>主控台无法启动：%1</translation>
    </message>
    <message>
        <location filename="../organizer/window.py" line="346"/>
        <source>This meeting file can only be read: %1. Figures, lists and printing work; to sign members in or change anything, copy the file to a folder you can write to and open the copy.</source>
        <translation>此会议文件只能查看：%1。统计、名单和打印都可使用；如需签到或修改，请把文件复制到可写的文件夹，再打开副本。</translation>
    </message>
    <message>
        <location filename="../organizer/window.py" line="365"/>
        <source>Read-only</source>
        <translation>只读</translation>
    </message>
    <message>
        <location filename="../organizer/window.py" line="394"/>
        <source> (read-only)</source>
        <translation>（只读）</translation>
    </message>
    <message>
        <location filename="../organizer/window.py" line="401"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../organizer/window.py" line="402"/>
        <source>&amp;New meeting…</source>
        <translation>新建会议(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../organizer/window.py" line="405"/>
        <source>&amp;Open meeting…</source>
        <translation>打开会议(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../organizer/window.py" line="408"/>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../organizer/window.py" line="410"/>
        <source>&amp;Import roster…</source>
        <translation>导入名册(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../organizer/window.py" line="413"/>
        <source>Save a roster &amp;template…</source>
        <translation>保存名册模板(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../organizer/window.py" line="415"/>
        <source>&amp;Print</source>
        <translation>打印(&amp;P)</translation>
    </message>
    <message>
        <location filename="../organizer/window.py" line="417"/>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <location filename="../organizer/window.py" line="420"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../organizer/window.py" line="429"/>
        <source>Enter a paper sign-in &amp;sheet…</source>
        <translation>录入纸质签到表(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../organizer/window.py" line="432"/>
        <source>&amp;Export attendance (Excel, CSV)…</source>
        <translation>导出出席名单（Excel、CSV）(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../organizer/window.py" line="437"/>
        <source>Sub-district &amp;roll-up of several meetings…</source>
        <translation>街道汇总（多个会议）(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../organizer/window.py" line="444"/>
        <source>&amp;View</source>
        <translation>查看(&amp;V)</translation>
    </message>
    <message>
        <location filename="../organizer/window.py" line="445"/>
        <source>&amp;Big screen for the hall</source>
        <translation>会场大屏(&amp;B)</translation>
    </message>
    <message>
        <location filename="../organizer/window.py" line="448"/>
        <source>Start a sign-in &amp;desk on this computer…</source>
        <translation>在本机启动签到台(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../organizer/window.py" line="465"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../organizer/window.py" line="473"/>
        <source>Display %1: %2 (%3×%4)</source>
        <translation>显示器 %1：%2（%3×%4）</translation>
    </message>
    <message>
        <location filename="../organizer/window.py" line="477"/>
        <source>In a window</source>
        <translation>在窗口中显示</translation>
    </message>
    <message>
        <location filename="../organizer/window.py" line="504"/>
        <source>roster-template.xlsx</source>
        <translation>党员名册模板.xlsx</translation>
    </message>
    <message>
        <location filename="../organizer/window.py" line="505"/>
        <source>Save a roster template</source>
        <translation>保存名册模板</translation>
    </message>
    <message>
        <location filename="../organizer/window.py" line="507"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../organizer/window.py" line="514"/>
        <source>Template not saved</source>
        <translation>模板未保存</translation>
    </message>
    <message>
        <location filename="../organizer/window.py" line="543"/>
        <source>attendance</source>
        <translation>出席名单</translation>
    </message>
    <message>
        <location filename="../organizer/window.py" line="546"/>
        <source>Export attendance</source>
        <translation>导出出席名单</translation>
    </message>
    <message>
        <location filename="../organizer/window.py" line="547"/>
        <source>Excel workbook (*.xlsx);;CSV, opens in Excel (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV，可用 Excel 打开 (*.csv)</translation>
    </message>
    <message>
        <location filename="../organizer/window.py" line="556"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location filename="../organizer/window.py" line="558"/>
        <source>Attendance of %1 members exported to %2.</source>
        <translation>已将 %1 名党员的出席情况导出到 %2。</translation>
    </message>
    <message>
        <location filename="../organizer/window.py" line="567"/>
        <source>Roster imported from %1: %2 added, %3 changed, %4 on the roster but not in this file (kept).</source>
        <translation>已从 %1 导入名册：新增 %2 人，修改 %3 人，另有 %4 人在名册中但不在此文件里（保留）。</translation>
    </message>
    <message>
        <location filename="../organizer/window.py" line="572"/>
        <source>New branches: %1.</source>
        <translation>新增支部：%1。</translation>
    </message>
    <message>
        <location filename="../organizer/window.py" line="574"/>
        <source>Columns not read: %1.</source>
        <translation>未读取的列：%1。</translation>
    </message>
    <message>
        <location filename="../organizer/window.py" line="576"/>
        <source>Next: say which desk serves each branch (Branches &amp; desks), then print the invitation cards (File ▸ Print).</source>
        <translation>下一步：在“支部与签到台”中为各支部指定签到台，然后打印参会证（文件 ▸ 打印）。</translation>
    </message>
</context>
<context>
    <name>PaperSheetDialog</name>
    <message>
        <location filename="../organizer/paper_sheet.py" line="44"/>
        <source>Enter a paper sign-in sheet</source>
        <translation>录入纸质签到表</translation>
    </message>
    <message>
        <location filename="../organizer/paper_sheet.py" line="57"/>
        <source>Tick the members who signed the sheet. Members already signed in are not listed; they are counted once.</source>
        <translation>请勾选在签到表上签名的党员。已签到的党员不再列出，只计一次。</translation>
    </message>
    <message>
        <location filename="../organizer/paper_sheet.py" line="61"/>
        <source>Tick all</source>
        <translation>全选</translation>
    </message>
    <message>
        <location filename="../organizer/paper_sheet.py" line="63"/>
        <source>Tick none</source>
        <translation>全不选</translation>
    </message>
    <message>
        <location filename="../organizer/paper_sheet.py" line="65"/>
        <source>Count the ticked members</source>
        <translation>计入勾选的党员</translation>
    </message>
    <message>
        <location filename="../organizer/paper_sheet.py" line="71"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../organizer/paper_sheet.py" line="74"/>
        <source>Branch</source>
        <translation>支部</translation>
    </message>
    <message>
        <location filename="../organizer/paper_sheet.py" line="75"/>
        <source>Time on the sheet</source>
        <translation>签到表上的时间</translation>
    </message>
    <message>
        <location filename="../organizer/paper_sheet.py" line="76"/>
        <source>Entered by</source>
        <translation>录入人</translation>
    </message>
    <message>
        <location filename="../organizer/paper_sheet.py" line="142"/>
        <source>Tick at least one member.</source>
        <translation>请至少勾选一名党员。</translation>
    </message>
    <message>
        <location filename="../organizer/paper_sheet.py" line="144"/>
        <source>organizer</source>
        <translation>会务组</translation>
    </message>
    <message>
        <location filename="../organizer/paper_sheet.py" line="146"/>
        <source>Paper sheet</source>
        <translation>纸质签到表</translation>
    </message>
    <message>
        <location filename="../organizer/paper_sheet.py" line="149"/>
        <source>%1 members of %2 counted as paper check-ins at %3.</source>
        <translation>%2 已有 %1 名党员按纸质签到计入，签到时间 %3。</translation>
    </message>
    <message>
        <location filename="../organizer/paper_sheet.py" line="154"/>
        <source>Not counted (already signed in or excused): %1.</source>
        <translation>未计入（已签到或核准不计）：%1。</translation>
    </message>
</context>
<context>
    <name>PhotoBox</name>
    <message>
        <location filename="../organizer/photos.py" line="98"/>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../organizer/photos.py" line="82"/>
        <source>Add photo from file…</source>
        <translation>从文件添加照片…</translation>
    </message>
    <message>
        <location filename="../organizer/photos.py" line="83"/>
        <source>Take photo…</source>
        <translation>用摄像头拍照…</translation>
    </message>
    <message>
        <location filename="../organizer/photos.py" line="84"/>
        <location filename="../organizer/photos.py" line="185"/>
        <source>Remove photo</source>
        <translation>删除照片</translation>
    </message>
    <message>
        <location filename="../organizer/photos.py" line="92"/>
        <source>No camera found</source>
        <translation>未找到摄像头</translation>
    </message>
    <message>
        <location filename="../organizer/photos.py" line="93"/>
        <source>Connect a camera and reopen the meeting, or add the photo from a file</source>
        <translation>请连接摄像头后重新打开会议，或从文件添加照片</translation>
    </message>
    <message>
        <location filename="../organizer/photos.py" line="127"/>
        <source>No photo</source>
        <translation>无照片</translation>
    </message>
    <message>
        <location filename="../organizer/photos.py" line="128"/>
        <source>Photo cannot be shown</source>
        <translation>照片无法显示</translation>
    </message>
    <message>
        <location filename="../organizer/photos.py" line="149"/>
        <source>Photo of %1</source>
        <translation>%1 的照片</translation>
    </message>
    <message>
        <location filename="../organizer/photos.py" line="150"/>
        <source>Images (*.jpg *.jpeg *.png *.JPG *.JPEG *.PNG)</source>
        <translation>图片 (*.jpg *.jpeg *.png *.JPG *.JPEG *.PNG)</translation>
    </message>
    <message>
        <location filename="../organizer/photos.py" line="173"/>
        <source>The photo was not saved: the meeting file could not be written (%1). Try again in a moment.</source>
        <translation>照片未保存：无法写入会议文件（%1）。请稍后再试。</translation>
    </message>
    <message>
        <location filename="../organizer/photos.py" line="186"/>
        <source>Remove the photo of %1?</source>
        <translation>删除 %1 的照片？</translation>
    </message>
</context>
<context>
    <name>PhotoImport</name>
    <message>
        <location filename="../organizer/photos.py" line="304"/>
        <source>Import photos</source>
        <translation>导入照片</translation>
    </message>
    <message>
        <location filename="../organizer/photos.py" line="305"/>
        <source>Photos named by member number or ID number (.jpg, .png), in a folder or a .zip file.</source>
        <translation>照片以党员编号或身份证号码命名（.jpg、.png），放在一个文件夹或 .zip 压缩包中。</translation>
    </message>
    <message>
        <location filename="../organizer/photos.py" line="307"/>
        <source>A folder…</source>
        <translation>文件夹…</translation>
    </message>
    <message>
        <location filename="../organizer/photos.py" line="308"/>
        <source>A .zip file…</source>
        <translation>.zip 压缩包…</translation>
    </message>
    <message>
        <location filename="../organizer/photos.py" line="312"/>
        <source>Folder of photos</source>
        <translation>照片所在文件夹</translation>
    </message>
    <message>
        <location filename="../organizer/photos.py" line="314"/>
        <source>.zip file of photos</source>
        <translation>照片压缩包（.zip）</translation>
    </message>
    <message>
        <location filename="../organizer/photos.py" line="315"/>
        <source>Zip files (*.zip)</source>
        <translation>Zip 压缩包 (*.zip)</translation>
    </message>
    <message>
        <location filename="../organizer/photos.py" line="330"/>
        <source>Importing photos: %1 of %2</source>
        <translation>正在导入照片：%1 / %2</translation>
    </message>
    <message>
        <location filename="../organizer/photos.py" line="337"/>
        <source>Importing photos from %1…</source>
        <translation>正在从 %1 导入照片…</translation>
    </message>
    <message>
        <location filename="../organizer/photos.py" line="341"/>
        <source>Photos not imported</source>
        <translation>照片未导入</translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <location filename="../organizer/roster_import.py" line="93"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="93"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="93"/>
        <source>Branch</source>
        <translation>支部</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="93"/>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="94"/>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="94"/>
        <source>Born</source>
        <translation>出生年</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="94"/>
        <source>Phone</source>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="94"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="94"/>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="95"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="95"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="95"/>
        <source>Marks</source>
        <translation>标记</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="95"/>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="119"/>
        <source>vote suspended</source>
        <translation>中止表决权</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="120"/>
        <source>lost contact</source>
        <translation>失联</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="120"/>
        <source>mobile</source>
        <translation>流动</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="121"/>
        <source>state from the roster</source>
        <translation>状态来自名册</translation>
    </message>
</context>
<context>
    <name>PrinterChoice</name>
    <message>
        <location filename="../organizer/printing.py" line="135"/>
        <location filename="../organizer/printing.py" line="152"/>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <location filename="../organizer/printing.py" line="144"/>
        <source>No printer was found. Add the printer in the system&apos;s printer settings (CUPS), or save a copy of the PDF and print it from another computer.</source>
        <translation>没有找到打印机。请在系统的打印机设置（CUPS）中添加打印机，或另存一份 PDF 到别的电脑上打印。</translation>
    </message>
    <message>
        <location filename="../organizer/printing.py" line="149"/>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <location filename="../organizer/printing.py" line="150"/>
        <source>Copies</source>
        <translation>份数</translation>
    </message>
    <message>
        <location filename="../organizer/printing.py" line="154"/>
        <source>Save a copy as PDF…</source>
        <translation>另存一份 PDF…</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <location filename="../organizer/printing.py" line="56"/>
        <source>attendance-report</source>
        <translation>出席情况报告</translation>
    </message>
    <message>
        <location filename="../organizer/printing.py" line="57"/>
        <source>certificates</source>
        <translation>参会证明</translation>
    </message>
    <message>
        <location filename="../organizer/printing.py" line="58"/>
        <source>invitation-cards</source>
        <translation>参会证</translation>
    </message>
    <message>
        <location filename="../organizer/printing.py" line="59"/>
        <source>paper-sheets</source>
        <translation>纸质签到表</translation>
    </message>
    <message>
        <location filename="../organizer/printing.py" line="67"/>
        <source>No installed font has these characters; they print as □. Install a font with rare characters (see README) or write them by hand:</source>
        <translation>以下字符没有已安装的字体可以打印，打印件上印作 □。请安装生僻字字体（见 README）后重新生成，或在纸上手写补正：</translation>
    </message>
    <message>
        <location filename="../organizer/printing.py" line="74"/>
        <source>… and %1 more</source>
        <translation>…… 另有 %1 处</translation>
    </message>
    <message>
        <location filename="../organizer/printing.py" line="85"/>
        <source>Attendance report…</source>
        <translation>出席情况报告…</translation>
    </message>
    <message>
        <location filename="../organizer/printing.py" line="86"/>
        <source>Certificates…</source>
        <translation>参会证明…</translation>
    </message>
    <message>
        <location filename="../organizer/printing.py" line="87"/>
        <source>Invitation cards…</source>
        <translation>参会证（二维码）…</translation>
    </message>
    <message>
        <location filename="../organizer/printing.py" line="88"/>
        <source>Paper sheets…</source>
        <translation>纸质签到表…</translation>
    </message>
    <message>
        <location filename="../organizer/printing.py" line="203"/>
        <source>Writing %1…</source>
        <translation>正在生成 %1…</translation>
    </message>
    <message>
        <location filename="../organizer/printing.py" line="214"/>
        <source>Drawing the pages of %1…</source>
        <translation>正在绘制 %1 的页面…</translation>
    </message>
    <message>
        <location filename="../organizer/printing.py" line="216"/>
        <source>Checking that every character has a font…</source>
        <translation>正在检查每个字是否有字体可印…</translation>
    </message>
    <message>
        <location filename="../organizer/printing.py" line="283"/>
        <source>Looking for printers…</source>
        <translation>正在查找打印机…</translation>
    </message>
    <message>
        <location filename="../organizer/printing.py" line="313"/>
        <source>Save a copy as PDF</source>
        <translation>另存一份 PDF</translation>
    </message>
    <message>
        <location filename="../organizer/printing.py" line="330"/>
        <source>The copy was not saved</source>
        <translation>副本未保存</translation>
    </message>
    <message>
        <location filename="../organizer/printing.py" line="331"/>
        <source>%1 could not be written: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location filename="../organizer/printing.py" line="347"/>
        <source>Sending to the printer %1…</source>
        <translation>正在发送到打印机 %1…</translation>
    </message>
    <message>
        <location filename="../organizer/printing.py" line="356"/>
        <source>Printing failed</source>
        <translation>打印失败</translation>
    </message>
    <message>
        <location filename="../organizer/printing.py" line="357"/>
        <source>%1
The PDF opens instead; print it from there.</source>
        <translation>%1
将改为打开 PDF 文件，请从中打印。</translation>
    </message>
    <message>
        <location filename="../organizer/printing.py" line="387"/>
        <source>card</source>
        <translation>参会证</translation>
    </message>
    <message>
        <location filename="../organizer/printing.py" line="388"/>
        <source>certificate</source>
        <translation>参会证明</translation>
    </message>
    <message>
        <location filename="../organizer/printing.py" line="393"/>
        <source>%1 has no card to print (excused from this meeting).</source>
        <translation>%1 没有可打印的参会证（核准不计）。</translation>
    </message>
    <message>
        <location filename="../organizer/printing.py" line="395"/>
        <source>%1 has not signed in: no certificate.</source>
        <translation>%1 尚未签到，不能出具参会证明。</translation>
    </message>
    <message>
        <location filename="../organizer/printing.py" line="412"/>
        <source>Sent to the printer (job %2); also saved as %1.</source>
        <translation>已发送到打印机（任务 %2）；同时保存为 %1。</translation>
    </message>
    <message>
        <location filename="../organizer/printing.py" line="415"/>
        <source>Not printed; saved as %1.</source>
        <translation>未打印；已保存为 %1。</translation>
    </message>
    <message>
        <location filename="../organizer/printing.py" line="195"/>
        <location filename="../organizer/printing.py" line="314"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../organizer/printing.py" line="234"/>
        <source>The PDF was not written</source>
        <translation>未能生成 PDF</translation>
    </message>
    <message>
        <location filename="../organizer/printing.py" line="245"/>
        <source>PDF written</source>
        <translation>PDF 已生成</translation>
    </message>
    <message>
        <location filename="../organizer/printing.py" line="246"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location filename="../organizer/printing.py" line="248"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location filename="../organizer/printing.py" line="250"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
</context>
<context>
    <name>Quorum</name>
    <message>
        <location filename="../organizer/dashboard.py" line="88"/>
        <source>No quorum rule set for this meeting</source>
        <translation>本次会议未设法定人数</translation>
    </message>
    <message>
        <location filename="../organizer/dashboard.py" line="89"/>
        <source>%1 voting members present of %2 expected; %3 needed</source>
        <translation>有选举权党员到会 %1 人，应到会 %2 人；需要 %3 人</translation>
    </message>
    <message>
        <location filename="../organizer/dashboard.py" line="93"/>
        <source>EXACTLY 4/5 — reached under this meeting&apos;s rule (at least 4/5)</source>
        <translation>恰好五分之四——按本次会议规则（不少于五分之四）已达到</translation>
    </message>
    <message>
        <location filename="../organizer/dashboard.py" line="95"/>
        <source>EXACTLY 4/5 — NOT reached under this meeting&apos;s rule (more than 4/5): %1 more needed</source>
        <translation>恰好五分之四——按本次会议规则（超过五分之四）未达到：还需 %1 人</translation>
    </message>
    <message>
        <location filename="../organizer/dashboard.py" line="99"/>
        <source>QUORUM REACHED</source>
        <translation>已达到法定人数</translation>
    </message>
    <message>
        <location filename="../organizer/dashboard.py" line="100"/>
        <source>QUORUM NOT REACHED — %1 more voting members needed</source>
        <translation>未达到法定人数 — 还需有选举权党员 %1 人</translation>
    </message>
</context>
<context>
    <name>ReadOnly</name>
    <message>
        <location filename="../organizer/read_only.py" line="20"/>
        <source>Not available: this meeting file can only be read (%1).</source>
        <translation>不可用：此会议文件只能查看（%1）。</translation>
    </message>
</context>
<context>
    <name>RollupDialog</name>
    <message>
        <location filename="../organizer/rollup_dialog.py" line="41"/>
        <source>Sub-district roll-up</source>
        <translation>街道汇总</translation>
    </message>
    <message>
        <location filename="../organizer/rollup_dialog.py" line="45"/>
        <source>党员大会出席情况汇总</source>
        <translation>党员大会出席情况汇总</translation>
    </message>
    <message>
        <location filename="../organizer/rollup_dialog.py" line="48"/>
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <location filename="../organizer/rollup_dialog.py" line="48"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../organizer/rollup_dialog.py" line="48"/>
        <source>Expected</source>
        <translation>应到</translation>
    </message>
    <message>
        <location filename="../organizer/rollup_dialog.py" line="48"/>
        <source>Present</source>
        <translation>实到</translation>
    </message>
    <message>
        <location filename="../organizer/rollup_dialog.py" line="49"/>
        <source>Turnout</source>
        <translation>出席率</translation>
    </message>
    <message>
        <location filename="../organizer/rollup_dialog.py" line="49"/>
        <source>Quorum</source>
        <translation>法定人数</translation>
    </message>
    <message>
        <location filename="../organizer/rollup_dialog.py" line="58"/>
        <source>Add meeting files…</source>
        <translation>添加会议文件…</translation>
    </message>
    <message>
        <location filename="../organizer/rollup_dialog.py" line="60"/>
        <source>Remove the selected</source>
        <translation>移除所选</translation>
    </message>
    <message>
        <location filename="../organizer/rollup_dialog.py" line="62"/>
        <source>Save as PDF and print…</source>
        <translation>保存为 PDF 并打印…</translation>
    </message>
    <message>
        <location filename="../organizer/rollup_dialog.py" line="74"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../organizer/rollup_dialog.py" line="89"/>
        <source>Choose the meeting files</source>
        <translation>选择会议文件</translation>
    </message>
    <message>
        <location filename="../organizer/rollup_dialog.py" line="128"/>
        <source>reached</source>
        <translation>已达到</translation>
    </message>
    <message>
        <location filename="../organizer/rollup_dialog.py" line="128"/>
        <source>not reached</source>
        <translation>未达到</translation>
    </message>
    <message>
        <location filename="../organizer/rollup_dialog.py" line="138"/>
        <source>&lt;b&gt;Total of %1 meetings: expected %2, present %3, turnout %4%&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1 个会议合计：应到 %2 人，实到 %3 人，出席率 %4%&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../organizer/rollup_dialog.py" line="142"/>
        <source>Not included (cannot be read):</source>
        <translation>未计入（无法读取）：</translation>
    </message>
    <message>
        <location filename="../organizer/rollup_dialog.py" line="152"/>
        <source>roll-up</source>
        <translation>街道汇总</translation>
    </message>
    <message>
        <location filename="../organizer/rollup_dialog.py" line="153"/>
        <source>Save the roll-up as</source>
        <translation>汇总另存为</translation>
    </message>
    <message>
        <location filename="../organizer/rollup_dialog.py" line="154"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../organizer/rollup_dialog.py" line="163"/>
        <source>Saved as %1 and sent to the printer.</source>
        <translation>已保存为 %1 并发送到打印机。</translation>
    </message>
    <message>
        <location filename="../organizer/rollup_dialog.py" line="165"/>
        <source>Saved as %1 (not printed).</source>
        <translation>已保存为 %1（未打印）。</translation>
    </message>
</context>
<context>
    <name>RosterImportDialog</name>
    <message>
        <location filename="../organizer/roster_import.py" line="173"/>
        <source>Import roster</source>
        <translation>导入名册</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="180"/>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="181"/>
        <source>Read again</source>
        <translation>重新读取</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="182"/>
        <source>After fixing the file in Excel, read it again</source>
        <translation>在 Excel 中改正后重新读取</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="196"/>
        <location filename="../organizer/roster_import.py" line="213"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="196"/>
        <location filename="../organizer/roster_import.py" line="214"/>
        <location filename="../organizer/roster_import.py" line="232"/>
        <location filename="../organizer/roster_import.py" line="529"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="196"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="200"/>
        <source>Read</source>
        <translation>读取</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="201"/>
        <source>Expected</source>
        <translation>应到</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="201"/>
        <source>Voting</source>
        <translation>有选举权</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="202"/>
        <source>On leave</source>
        <translation>请假</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="202"/>
        <source>Excluded</source>
        <translation>核准不计</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="203"/>
        <source>Observers</source>
        <translation>列席</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="206"/>
        <source>Excluded (核准不计)</source>
        <translation>核准不计人员</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="213"/>
        <source>What</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="213"/>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="214"/>
        <source>How it was read</source>
        <translation>读取说明</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="215"/>
        <location filename="../organizer/roster_import.py" line="528"/>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="215"/>
        <source>Read as</source>
        <translation>读作</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="216"/>
        <location filename="../organizer/roster_import.py" line="218"/>
        <source>Members</source>
        <translation>人员</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="216"/>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="219"/>
        <source>How they count</source>
        <translation>计数方式</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="220"/>
        <source>Findings</source>
        <translation>读取发现</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="221"/>
        <source>Sheets</source>
        <translation>工作表</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="225"/>
        <source>Import hidden rows, columns and sheets too</source>
        <translation>同时导入隐藏的行、列和工作表</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="226"/>
        <source>Exclude (核准不计) the members proposed from words like 出国 or 卧床</source>
        <translation>对“出国”“卧床”等建议核准不计的人员确认核准不计</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="233"/>
        <source>Holds</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="241"/>
        <source>What each column holds. Choose a field for a column headed in another way; unknown columns are ignored.</source>
        <translation>每列的内容。表头写法不同的列，请选择对应的字段；不认识的列将被忽略。</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="244"/>
        <source>Columns</source>
        <translation>列</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="256"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="265"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="268"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="295"/>
        <source>Choose the roster</source>
        <translation>选择名册文件</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="330"/>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="358"/>
        <source>Reading was cancelled; nothing was imported.</source>
        <translation>已取消读取，未导入任何内容。</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="387"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="200"/>
        <location filename="../organizer/roster_import.py" line="206"/>
        <location filename="../organizer/roster_import.py" line="387"/>
        <source>Branch</source>
        <translation>支部</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="176"/>
        <source>No file chosen. Excel (.xlsx, .xls), WPS (.et), OpenDocument (.ods) or CSV, one member a row, with a header row (姓名, 支部, …).</source>
        <translation>尚未选择文件。可用 Excel（.xlsx、.xls）、WPS（.et）、OpenDocument（.ods）或 CSV，每行一人，带表头行（姓名、支部……）。</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="296"/>
        <source>Rosters (*.xlsx *.xlsm *.xls *.et *.ods *.csv *.txt);;All files (*)</source>
        <translation>名册 (*.xlsx *.xlsm *.xls *.et *.ods *.csv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="387"/>
        <source>Number</source>
        <translation>党员编号</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="388"/>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="388"/>
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="389"/>
        <source>Education</source>
        <translation>学历</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="389"/>
        <source>Phone</source>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="390"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="390"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="207"/>
        <location filename="../organizer/roster_import.py" line="391"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="391"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="392"/>
        <source>ID number</source>
        <translation>公民身份证号码</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="392"/>
        <source>Political status</source>
        <translation>政治面貌</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="393"/>
        <source>Membership state</source>
        <translation>党籍状态</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="394"/>
        <source>Date made full member</source>
        <translation>转为正式党员日期</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="394"/>
        <source>Lost contact</source>
        <translation>是否失联党员</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="395"/>
        <source>Mobile member</source>
        <translation>是否流动党员</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="395"/>
        <source>Vote suspended</source>
        <translation>中止表决权</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="396"/>
        <source>Approved by</source>
        <translation>批准组织</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="396"/>
        <source>Approved on</source>
        <translation>批准日期</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="397"/>
        <source>Landline</source>
        <translation>固定电话</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="410"/>
        <source>(ignore)</source>
        <translation>（忽略）</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="477"/>
        <source>&lt;b&gt;%1 members in %2 branches&lt;/b&gt; — no problems found: %3 expected, %4 with a vote. Members already on the roster are updated by number; check-ins are never touched.</source>
        <translation>&lt;b&gt;%2 个支部共 %1 人&lt;/b&gt;——未发现问题：应到 %3 人，有选举权 %4 人。名册中已有的人员按编号更新；签到记录不受影响。</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="484"/>
        <source>Read with %1 findings (skipped or hidden rows, inferred values, states): see Findings before importing.</source>
        <translation>读取时有 %1 条发现（跳过或隐藏的行、推断的值、状态）：导入前请查看“读取发现”。</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="491"/>
        <source>Not imported (not needed for sign-in): %1</source>
        <translation>未导入（签到不需要）：%1</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="503"/>
        <source>By category: %1. Expected %2, with a vote %3; vote suspended %4, lost contact %5, mobile %6; proposed exclusions not confirmed %7.</source>
        <translation>按类别：%1。应到 %2 人，有选举权 %3 人；中止表决权 %4 人，失联 %5 人，流动 %6 人；建议核准不计但未确认 %7 人。</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="519"/>
        <source>Findings (%1)</source>
        <translation>读取发现（%1）</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="528"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="528"/>
        <source>Skipped row</source>
        <translation>跳过的行</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="529"/>
        <source>Hidden</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="529"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="530"/>
        <source>Inferred value</source>
        <translation>推断的值</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="536"/>
        <source>members</source>
        <translation>党员</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="536"/>
        <source>observers (列席)</source>
        <translation>列席人员</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="537"/>
        <source>skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="537"/>
        <source>hidden, not imported</source>
        <translation>隐藏，未导入</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="595"/>
        <source>The import failed; nothing was imported: %1</source>
        <translation>导入失败，未导入任何内容：%1</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="602"/>
        <source>The import was cancelled; nothing was imported.</source>
        <translation>已取消导入，未导入任何内容。</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="344"/>
        <source>cannot read the file: %1</source>
        <translation>无法读取文件：%1</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="488"/>
        <source>Columns ignored: %1</source>
        <translation>已忽略的列：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../organizer/roster_import.py" line="542"/>
        <source>&lt;b&gt;%n problem(s) found — nothing will be imported.&lt;/b&gt; Fix them in the file, then press Read again, or choose what a column holds under Columns.</source>
        <translation>
            <numerusform>&lt;b&gt;发现 %n 个问题 — 不会导入任何内容。&lt;/b&gt;请在文件中改正后点击“重新读取”，或在“列”中选择各列的内容。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="572"/>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <location filename="../organizer/roster_import.py" line="584"/>
        <source>Imported: %1 added, %2 changed, %3 on the roster but not in this file (kept).</source>
        <translation>已导入：新增 %1 人，修改 %2 人，%3 人在名册中但不在此文件中（保留）。</translation>
    </message>
</context>
<context>
    <name>SettingsPanel</name>
    <message>
        <location filename="../organizer/settings.py" line="65"/>
        <source>Opens at</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location filename="../organizer/settings.py" line="67"/>
        <source>Closes at</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <location filename="../organizer/settings.py" line="73"/>
        <source>A desk may sign in members of other desks&apos; branches (and says so)</source>
        <translation>签到台可为其他签到台所属支部的党员签到（并给出提示）</translation>
    </message>
    <message>
        <location filename="../organizer/settings.py" line="75"/>
        <source>Count early leaves (members leaving before the vote)</source>
        <translation>统计中途退场（表决前离场）</translation>
    </message>
    <message>
        <location filename="../organizer/settings.py" line="79"/>
        <source>Remove the PIN</source>
        <translation>取消密码</translation>
    </message>
    <message>
        <location filename="../organizer/settings.py" line="83"/>
        <source>Save settings</source>
        <translation>保存设置</translation>
    </message>
    <message>
        <location filename="../organizer/settings.py" line="85"/>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <location filename="../organizer/settings.py" line="89"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../organizer/settings.py" line="90"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../organizer/settings.py" line="91"/>
        <source>Venue</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../organizer/settings.py" line="92"/>
        <source>Quorum rule</source>
        <translation>法定人数规则</translation>
    </message>
    <message>
        <location filename="../organizer/settings.py" line="100"/>
        <source>Organizer PIN</source>
        <translation>组织者密码</translation>
    </message>
    <message>
        <location filename="../organizer/settings.py" line="139"/>
        <source>A PIN is set, stored the older, weaker way: type it again and save.</source>
        <translation>已设置 PIN，但以旧的、较弱的方式保存：请重新输入并保存。</translation>
    </message>
    <message>
        <location filename="../organizer/settings.py" line="142"/>
        <source>A PIN is set.</source>
        <translation>已设置密码。</translation>
    </message>
    <message>
        <location filename="../organizer/settings.py" line="137"/>
        <source>No PIN is set.</source>
        <translation>未设置密码。</translation>
    </message>
    <message>
        <location filename="../organizer/settings.py" line="78"/>
        <source>6 to 12 digits; leave empty to keep the current PIN</source>
        <translation>6 至 12 位数字；留空则保留当前 PIN</translation>
    </message>
    <message>
        <location filename="../organizer/settings.py" line="170"/>
        <source>Sign-in must open before it closes.</source>
        <translation>签到开始时间须早于截止时间。</translation>
    </message>
    <message>
        <location filename="../organizer/settings.py" line="173"/>
        <source>Nothing to save.</source>
        <translation>没有需要保存的修改。</translation>
    </message>
    <message>
        <location filename="../organizer/settings.py" line="182"/>
        <source>Settings saved.</source>
        <translation>设置已保存。</translation>
    </message>
</context>
<context>
    <name>SigninControls</name>
    <message>
        <location filename="../organizer/dashboard.py" line="507"/>
        <source>Open sign-in now</source>
        <translation>立即开始签到</translation>
    </message>
    <message>
        <location filename="../organizer/dashboard.py" line="508"/>
        <location filename="../organizer/dashboard.py" line="552"/>
        <source>Close sign-in</source>
        <translation>结束签到</translation>
    </message>
    <message>
        <location filename="../organizer/dashboard.py" line="509"/>
        <source>Follow the timetable</source>
        <translation>按时间表</translation>
    </message>
    <message>
        <location filename="../organizer/dashboard.py" line="536"/>
        <source>Close sign-in at every desk now?</source>
        <translation>现在结束所有签到台的签到吗？</translation>
    </message>
    <message>
        <location filename="../organizer/dashboard.py" line="539"/>
        <source>Not signed in yet: %1 expected members (%2 of them on leave).</source>
        <translation>尚未签到：应到党员 %1 名（其中请假 %2 名）。</translation>
    </message>
    <message>
        <location filename="../organizer/dashboard.py" line="542"/>
        <source>Not signed in yet: %1 expected members.</source>
        <translation>尚未签到：应到党员 %1 名。</translation>
    </message>
    <message>
        <location filename="../organizer/dashboard.py" line="544"/>
        <source>Members who arrive later cannot sign in at a desk.</source>
        <translation>结束后到场的党员无法在签到台签到。</translation>
    </message>
    <message>
        <location filename="../organizer/dashboard.py" line="546"/>
        <source>Every expected member has signed in.</source>
        <translation>应到党员已全部签到。</translation>
    </message>
    <message>
        <location filename="../organizer/dashboard.py" line="547"/>
        <source>You can open sign-in again at any time.</source>
        <translation>之后可随时重新开始签到。</translation>
    </message>
    <message>
        <location filename="../organizer/dashboard.py" line="554"/>
        <source>Close sign-in at every desk</source>
        <translation>结束所有签到台的签到</translation>
    </message>
    <message>
        <location filename="../organizer/dashboard.py" line="556"/>
        <source>Keep sign-in open</source>
        <translation>继续签到</translation>
    </message>
    <message>
        <location filename="../organizer/dashboard.py" line="583"/>
        <source>No members yet</source>
        <translation>尚无党员名单</translation>
    </message>
    <message>
        <location filename="../organizer/dashboard.py" line="590"/>
        <source>opens %1</source>
        <translation>%1 开始</translation>
    </message>
    <message>
        <location filename="../organizer/dashboard.py" line="592"/>
        <source>closes %1</source>
        <translation>%1 截止</translation>
    </message>
    <message>
        <location filename="../organizer/dashboard.py" line="593"/>
        <source>opened by hand</source>
        <translation>手动开启</translation>
    </message>
    <message>
        <location filename="../organizer/dashboard.py" line="593"/>
        <source>closed by hand</source>
        <translation>手动结束</translation>
    </message>
    <message>
        <location filename="../organizer/dashboard.py" line="594"/>
        <source>by the timetable</source>
        <translation>按时间表</translation>
    </message>
</context>
</TS>
