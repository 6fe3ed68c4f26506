#!/usr/bin/env python3
"""Writes schema/english_words.txt: lower-case English words, which in an all-caps
telegram end a name (`MOOSA SIDESTEPPED`, `JACKSON VISIT`).

Source: Debian's `wamerican` word list (SCOWL by Kevin Atkinson; its copyright
notice permits use, copying and distribution), /usr/share/dict/american-english.
Kept: words written in lower case there (proper nouns are capitalised in the
list), ASCII, without possessives, less the given names of schema/given_names.txt.

usage: apt-get install wamerican && python3 schema/tools/english_words.py
"""

def main(words="/usr/share/dict/american-english"):
    given = {l.strip() for l in open("schema/given_names.txt") if l.strip() and not l.startswith("#")}
    kept = sorted({w.strip() for w in open(words, encoding="utf-8")
                   if w.strip().islower() and "'" not in w and w.strip().isascii()} - given)
    with open("schema/english_words.txt", "w", encoding="utf-8") as out:
        out.write("# Lower-case English words (Debian wamerican, SCOWL): written by\n")
        out.write("# schema/tools/english_words.py. Edit the script, not this file.\n")
        out.write("\n".join(kept) + "\n")
    print(len(kept), "words")


if __name__ == "__main__":
    main()
