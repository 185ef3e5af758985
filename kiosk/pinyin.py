"""Pinyin keys for Chinese names, with surnames read as surnames.

pypinyin reads characters as in running text, which gets many surnames wrong
(曾 is "zeng" as a surname, not "ceng"; 单 is "shan", 解 "xie", 区 "ou"). It has
no surname mode (python-pinyin issue #297), so the readings of polyphonic
surnames are kept here; the text reading is kept as a second key so that an
operator who types it still finds the member.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Compound surnames first: they are matched before single characters.
COMPOUND_SURNAMES = {
    "万俟": "moqi", "尉迟": "yuchi", "单于": "chanyu", "长孙": "zhangsun", "澹台": "tantai",
    "欧阳": "ouyang", "司马": "sima", "上官": "shangguan", "诸葛": "zhuge", "令狐": "linghu",
    "皇甫": "huangfu", "东方": "dongfang", "慕容": "murong", "宇文": "yuwen", "公孙": "gongsun",
    "司徒": "situ", "夏侯": "xiahou", "端木": "duanmu", "轩辕": "xuanyuan", "乐正": "yuezheng",
}
SURNAMES = {
    "曾": "zeng", "单": "shan", "解": "xie", "区": "ou", "仇": "qiu", "朴": "piao", "查": "zha",
    "盖": "ge", "乐": "yue", "员": "yun", "种": "chong", "重": "chong", "翟": "zhai", "覃": "qin",
    "缪": "miao", "召": "shao", "繁": "po", "句": "gou", "秘": "bi", "冼": "xian", "华": "hua",
    "过": "guo", "纪": "ji", "燕": "yan", "瞿": "qu", "折": "she", "那": "na", "佴": "nai",
    "难": "nan", "粘": "nian", "藏": "zang", "扎": "za", "都": "du", "六": "lu", "薄": "bo",
    "贾": "jia", "居": "ju", "盛": "sheng", "柏": "bai", "牟": "mou", "阚": "kan", "叶": "ye",
    "沈": "shen", "宿": "su", "卜": "bu", "尉": "wei", "隗": "wei", "石": "shi", "长": "chang",
    "曲": "qu", "莘": "shen", "蕃": "pi", "降": "jiang", "行": "xing", "祭": "zhai",
}


def _syllables(text: str) -> list[str]:
    # Imported on first use, not with this module: pypinyin builds its phrase
    # dictionaries at import (about 57 MB and 0.3 s), and a desk window imports
    # this module (through the roster's messages) without ever reading a name.
    from pypinyin import Style, lazy_pinyin

    # Non-Chinese characters (Latin names, '·', digits) pass through as-is,
    # lower-cased, so that "·" separates nothing and Latin names still match.
    out = []
    for syl in lazy_pinyin(text, style=Style.NORMAL, errors="default"):
        syl = "".join(ch for ch in syl.lower() if ch.isalnum())
        if syl:
            out.append(syl)
    return out


@lru_cache(maxsize=100_000)  # rosters repeat names; pypinyin is the slow part
def name_keys(name: str) -> tuple[str, str]:
    """Full pinyin and initials of a name, each a space-separated list of variants.

    The first variant reads the surname as a surname; a second is added when
    the text reading differs. '曾小明' -> ('zengxiaoming cengxiaoming', 'zxm cxm').
    """
    # NFKC for the keys only: a compatibility ideograph (U+F92C 郎) reads as its
    # unified character; the stored name is left as written.
    name = unicodedata.normalize("NFKC", name).strip()
    variants: list[list[str]] = []
    text_reading = _syllables(name)
    surname = next((s for s in COMPOUND_SURNAMES if name.startswith(s)), None)
    if surname is not None:
        head = [COMPOUND_SURNAMES[surname]]
        rest = name[len(surname):]
    elif name[:1] in SURNAMES:
        head, rest = [SURNAMES[name[:1]]], name[1:]
    else:
        head, rest = None, ""
    if head is not None:
        variants.append(head + _syllables(rest))
    if not variants or "".join(variants[0]) != "".join(text_reading):
        variants.append(text_reading)
    full = " ".join(dict.fromkeys("".join(v) for v in variants))
    initials = " ".join(dict.fromkeys("".join(s[0] for s in v) for v in variants if v))
    return full, initials
