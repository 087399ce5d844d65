"""Extract parallel blocks (headings, paragraphs, list-item paragraphs) from the Debian
Reference HTML pages installed by `debian-reference-en`, `-zh-cn` and `-zh-tw`.

The three translations are generated with po4a from one DocBook source: every <p> and
heading is a translatable message, so the i-th block of a page corresponds to the i-th
block of the same page in every language. The correspondence is checked by anchors
(digits and Latin words that survive translation); pages whose block counts differ are
skipped. A zh block with no Han character is an untranslated message (po4a falls back to
the English text) and counts as "no translation".
"""

import html
import re
from html.parser import HTMLParser

ROOT = "/usr/share/debian-reference"
PAGES = ["pr01"] + [f"ch{n:02d}" for n in range(1, 13)] + ["apa"]


class Blocks(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = []  # (kind, text)
        self.stack = []
        self.current = None
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("pre", "table", "script", "style"):
            self.skip += 1
        if self.current is None and self.skip == 0:
            if tag in ("h1", "h2", "h3", "h4"):
                self.current = ["heading", []]
            elif tag == "p":
                kind = "listItem" if "li" in self.stack else "paragraph"
                self.current = [kind, []]
        if tag not in ("br", "img", "meta", "link", "hr", "col", "input"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in ("pre", "table", "script", "style"):
            self.skip = max(0, self.skip - 1)
        if self.current is not None and (
            (tag == "p" and self.current[0] != "heading")
            or (tag in ("h1", "h2", "h3", "h4") and self.current[0] == "heading")
        ):
            text = re.sub(r"\s+", " ", "".join(self.current[1])).strip()
            self.blocks.append((self.current[0], text))
            self.current = None
        while self.stack:
            top = self.stack.pop()
            if top == tag:
                break

    def handle_data(self, data):
        if self.current is not None and self.skip == 0:
            self.current[1].append(data)


def blocks(page, lang):
    parser = Blocks()
    with open(f"{ROOT}/{page}.{lang}.html", encoding="utf-8") as f:
        parser.feed(f.read())
    return parser.blocks


HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def has_han(text):
    return bool(HAN.search(text))


def digits(text):
    return sorted(re.findall(r"\d+", text))


def parallel_pages():
    """Yields (page, [(kind, en, zh_cn or None, zh_tw or None)]) for pages whose blocks
    correspond one-to-one; counts anchor disagreements."""
    for page in PAGES:
        en, cn, tw = (blocks(page, lang) for lang in ("en", "zh-cn", "zh-tw"))
        if not (len(en) == len(cn) == len(tw)):
            continue
        rows = []
        for (kind, e), (_, c), (_, t) in zip(en, cn, tw):
            if not e or not re.search(r"[A-Za-z]", e):
                continue
            c = c if has_han(c) else None
            t = t if has_han(t) else None
            if (c is None) != (t is None):
                c = t = None
            rows.append((kind, e, c, t))
        yield page, rows


if __name__ == "__main__":
    total = agree = 0
    for page, rows in parallel_pages():
        n = sum(1 for r in rows if r[2])
        ok = sum(1 for r in rows if r[2] and digits(r[1]) == digits(r[2]) == digits(r[3]))
        total += n
        agree += ok
        print(page, len(rows), "translated", n, "digit-anchors agree", ok)
    print("total translated", total, "anchors agree", agree)
