#!/usr/bin/env python3
"""Builds the alignment gold sets in Fixtures/alignment/ from the Debian Reference
(Osamu Aoki et al., GPL-2+; packages debian-reference-en, -zh-cn, -zh-tw).

Gold: the po4a translations correspond block by block (see debian_reference_blocks.py;
digit anchors agree on 2825 of 2873 translated blocks, the rest write numbers in words).
Each document is a window of consecutive blocks of one page, written in three layouts:

  interleaved/  one file; each English block followed by its Simplified and Traditional
                translation (or, in every other document, preceded by them)
  blocks/       one file; all English blocks, then all Simplified, then all Traditional
  files/        NAME.en.txt, NAME.zh-Hans.txt (or zh-CN), NAME.zh-Hant.txt (or zh-TW/zh-HK)

Perturbations (seeded, the same in every layout): about 1 block in 5 left untranslated
(besides the ones po4a left untranslated), 1 in 20 translated as one paragraph with the
next block (merge), 1 in 20 Chinese translations split in two paragraphs at a sentence
end, 1 in 25 with only a Simplified or only a Traditional translation, and noise lines
(photo credits, page numbers, URLs, dates, Chinese "to be continued") about 1 in 12.
A block that starts with a lowercase Latin letter is capitalised (the Reader rejoins such
a block with a preceding unterminated paragraph, a wrapped-paragraph repair this
evaluation does not measure).

Gold format (gold.json): {"files": [...], "units": [["FILE:LINE", ...], ...]}; every
paragraph written is in exactly one unit. Usage: Scripts/make_alignment_gold.py [OUT]
"""

import json
import os
import random
import re
import shutil
import sys

sys.path.insert(0, os.path.dirname(__file__))
from debian_reference_blocks import parallel_pages  # noqa: E402

DOCS_PER_LAYOUT = 14
WINDOW = 60
NOISE_EN = [
    "Photo: Debian Project", "Advertisement", "Page 3 of 12", "— 7 —", "Share this article",
    "https://www.debian.org/doc/manuals/debian-reference/", "Updated 2023-02-04", "Read more:",
    "(continued)", "Image credit: debian.org",
]
NOISE_ZH = [("（待续）", "（待續）"), ("图片：Debian 项目", "圖片：Debian 專案")]
LIST_MARKER = re.compile(r"^([-*+]\s|\d+[.)]\s|#)")


def clean(text):
    text = text.strip()
    if text and "a" <= text[0] <= "z":
        text = text[0].upper() + text[1:]
    return text


def split_chinese(text):
    """Splits at the sentence end nearest the middle, or None."""
    ends = [m.end() for m in re.finditer(r"[。！？]", text) if m.end() < len(text) - 1]
    if not ends:
        return None
    cut = min(ends, key=lambda e: abs(e - len(text) / 2))
    return text[:cut], text[cut:]


def plan(rows, rng):
    """Returns a list of gold units as dicts {en: [(kind, text)], hans: [...], hant: [...]}
    in document order."""
    units = []
    i = 0
    while i < len(rows):
        kind, en, cn, tw = rows[i]
        if LIST_MARKER.match(en) or (cn and LIST_MARKER.match(cn)) or (tw and LIST_MARKER.match(tw)):
            i += 1
            continue
        unit = {"en": [(kind, clean(en))], "hans": [], "hant": []}
        r = rng.random()
        if cn is None or r < 0.2:
            pass  # untranslated
        elif r < 0.25 and i + 1 < len(rows) and rows[i + 1][2] and rows[i + 1][0] == kind == "paragraph":
            _, en2, cn2, tw2 = rows[i + 1]
            unit["en"].append((kind, clean(en2)))
            unit["hans"] = [(kind, cn + cn2)]
            unit["hant"] = [(kind, tw + tw2)]
            i += 1
        elif r < 0.30 and kind == "paragraph" and split_chinese(cn) and split_chinese(tw):
            unit["hans"] = [(kind, part) for part in split_chinese(cn)]
            unit["hant"] = [(kind, part) for part in split_chinese(tw)]
        elif r < 0.32:
            unit["hans"] = [(kind, cn)]
        elif r < 0.34:
            unit["hant"] = [(kind, tw)]
        else:
            unit["hans"] = [(kind, cn)]
            unit["hant"] = [(kind, tw)]
        units.append(unit)
        noise = rng.random()
        if noise < 0.06:
            units.append({"en": [("paragraph", rng.choice(NOISE_EN))], "hans": [], "hant": []})
        elif noise < 0.08:
            hans, hant = rng.choice(NOISE_ZH)
            units.append({"en": [], "hans": [("paragraph", hans)], "hant": [("paragraph", hant)]})
        i += 1
    return units


def render(kind, text):
    if kind == "heading":
        return "# " + text
    if kind == "listItem":
        return "- " + text
    return text


class Writer:
    def __init__(self, name):
        self.name = name
        self.lines = []

    def add(self, kind, text):
        if self.lines:
            self.lines.append("")
        self.lines.append(render(kind, text))
        return f"{self.name}:{len(self.lines)}"

    def save(self, directory):
        with open(os.path.join(directory, self.name), "w", encoding="utf-8") as f:
            f.write("\n".join(self.lines) + "\n")


def write(layout, name, units, directory, chinese_first, tags):
    os.makedirs(directory, exist_ok=True)
    gold = []
    if layout == "interleaved":
        w = Writer(f"{name}.txt")
        for unit in units:
            keys = []
            order = ["hans", "hant", "en"] if chinese_first else ["en", "hans", "hant"]
            for stream in order:
                keys += [w.add(k, t) for k, t in unit[stream]]
            gold.append(keys)
        writers = [w]
    else:
        if layout == "blocks":
            w = Writer(f"{name}.txt")
            writers = {"en": w, "hans": w, "hant": w}
        else:
            writers = {s: Writer(f"{name}.{tag}.txt") for s, tag in zip(("en", "hans", "hant"), tags)}
        keys = [[] for _ in units]
        for stream in ("en", "hans", "hant"):
            for index, unit in enumerate(units):
                keys[index] += [writers[stream].add(k, t) for k, t in unit[stream]]
        gold = keys
        writers = list(dict.fromkeys(writers.values()))
    for w in writers:
        w.save(directory)
    with open(os.path.join(directory, "gold.json"), "w", encoding="utf-8") as f:
        json.dump({"files": [w.name for w in writers], "units": gold}, f, ensure_ascii=False, indent=0)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "Fixtures", "alignment")
    pages = {page: rows for page, rows in parallel_pages()}
    rng = random.Random(4)
    windows = []
    names = sorted(pages)
    for d in range(DOCS_PER_LAYOUT):
        page = names[d % len(names)]
        rows = pages[page]
        start = rng.randrange(0, max(1, len(rows) - WINDOW))
        windows.append((page, start, rows[start:start + WINDOW]))
    for layout in ("interleaved", "blocks", "files"):
        shutil.rmtree(os.path.join(out, layout), ignore_errors=True)
    tag_sets = [("en", "zh-Hans", "zh-Hant"), ("en", "zh-CN", "zh-TW"), ("en", "zh-Hans", "zh-HK")]
    for d, (page, start, rows) in enumerate(windows):
        units = plan(rows, random.Random(1000 + d))
        name = f"{d:02d}-{page}-{start}"
        for layout in ("interleaved", "blocks", "files"):
            write(layout, name, units, os.path.join(out, layout, name), chinese_first=d % 2 == 1,
                  tags=tag_sets[d % 3])


if __name__ == "__main__":
    main()
