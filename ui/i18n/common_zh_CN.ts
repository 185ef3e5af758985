<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Tasks</name>
    <message>
        <location filename="../tasks.py" line="229"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../tasks.py" line="231"/>
        <source>Please wait</source>
        <translation>请稍候</translation>
    </message>
</context>
</TS>
