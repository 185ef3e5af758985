<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>LogView</name>
    <message>
        <location filename="../log_view.py" line="107"/>
        <source>What the hub, the desks&apos; link and this window reported. Warnings and errors also stay in the log file.</source>
        <translation>主机、签到台连接和本窗口报告的情况。警告和错误也会保存在日志文件中。</translation>
    </message>
    <message>
        <location filename="../log_view.py" line="112"/>
        <source>Warnings and errors</source>
        <translation>警告和错误</translation>
    </message>
    <message>
        <location filename="../log_view.py" line="113"/>
        <source>Everything</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../log_view.py" line="116"/>
        <source>Open the log file</source>
        <translation>打开日志文件</translation>
    </message>
    <message>
        <location filename="../log_view.py" line="122"/>
        <source>Nothing to report.</source>
        <translation>没有需要报告的情况。</translation>
    </message>
    <message>
        <location filename="../log_view.py" line="125"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../log_view.py" line="162"/>
        <source>ERROR</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../log_view.py" line="164"/>
        <source>WARNING</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../log_view.py" line="165"/>
        <source>INFO</source>
        <translation>信息</translation>
    </message>
    <message>
        <location filename="../log_view.py" line="165"/>
        <source>DEBUG</source>
        <translation>调试</translation>
    </message>
    <message numerus="yes">
        <location filename="../log_view.py" line="184"/>
        <source>%n warning(s) or error(s) since the window opened</source>
        <translation>
            <numerusform>窗口打开以来有 %n 条警告或错误</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Tasks</name>
    <message>
        <location filename="../tasks.py" line="248"/>
        <source>The background process ended unexpectedly (exit status %1).</source>
        <translation>后台进程意外结束（退出状态 %1）。</translation>
    </message>
    <message>
        <location filename="../tasks.py" line="313"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../tasks.py" line="315"/>
        <source>Please wait</source>
        <translation>请稍候</translation>
    </message>
</context>
</TS>
