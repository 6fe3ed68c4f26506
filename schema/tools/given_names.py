#!/usr/bin/env python3
"""Writes schema/given_names.txt: given names common in the countries whose people
the region's news and the cables name.

Source: the `names-dataset` package (Philippe Remy, MIT licence, version 3.3.1;
https://pypi.org/project/names-dataset/), first names with their rank per country.
A name is kept when it ranks within the top RANK_REGION in a country of the region,
or within the top RANK_WORLD in another country listed here. Names that are also
lower-case English words (the `wamerican` word list, /usr/share/dict/words) are left
out: capitalised at a sentence start, `Will` or `Hope` says nothing. So are the
names, aliases and demonyms of schema/places.toml (`Israel`, `Tehran`, `Christian`
appear as first names in the data) and names shorter than three letters.
Among the most common names, those that are English words (`Martin`, `Slim`, `Said`)
are written apart to schema/given_names_english.txt.

usage: pip download --no-deps names-dataset==3.3.1 -d /tmp/nd && unzip the wheel,
       python3 schema/tools/given_names.py /tmp/nd/names_dataset/v3/first_names.pkl.gz
"""
import gzip
import pickle
import sys
import tomllib
import unicodedata

REGION = ["SY", "LB", "IQ", "IR", "TR", "IL", "PS", "JO", "EG", "SA", "AE", "QA", "KW",
          "BH", "OM", "YE", "LY", "TN", "DZ", "MA", "SD", "AF", "PK"]
WORLD = ["US", "GB", "FR", "DE", "IT", "ES", "RU", "NL", "BE", "CH", "AT", "SE", "NO",
         "DK", "FI", "PL", "GR", "PT", "IE", "CA", "AU", "IN", "ZA", "NG", "ET", "KE",
         "MX", "BR", "AR", "CO", "PE", "CL", "PA", "JP", "KR", "CN", "ID", "MY", "BD",
         "AZ", "GE", "UA", "CY", "HU", "CZ", "RS", "HR", "BG", "RO"]
RANK_REGION = 3000
RANK_WORLD = 1500
# Names that are English words are kept only when this common.
RANK_WORDED = 400
ANGLOPHONE = ["US", "GB", "CA", "AU", "IE", "ZA", "NG"]
# Words that open sentences and clauses far more often than they name anyone, and
# titles (which names.toml lists as titles).
NOT_GIVEN = {
    "even", "none", "given", "amid", "else", "made", "long", "line", "edit", "echo", "data",
    "lies", "deep", "greet", "laid", "awoke", "sole", "dries", "stale", "wilder", "mates",
    "mans", "lore", "ales", "tone", "tore", "lone", "mate", "sine", "vale", "gong", "hang",
    "ting", "tang", "song", "ping", "pong", "bang", "gang", "kiss", "love", "pretty",
    "happy", "lovely", "bright", "seven", "promise", "genesis", "innocent", "harsh",
    "prince", "princess", "queen", "sheikh", "shaikh", "sultan", "emir", "amir", "ameer",
    "sahib", "shah", "raja", "junior", "afghan", "china", "marine", "urban", "spring",
    "summer", "august", "phoenix", "wellington", "stone", "snow", "rain", "peace", "glory",
}


def fold(name):
    s = name.replace("ı", "i").replace("İ", "I")
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


def main(path, words="/usr/share/dict/words"):
    data = pickle.load(gzip.open(path))
    english = {w.strip() for w in open(words, encoding="utf-8") if w.strip().islower()}
    english |= {w[:-2] for w in english if w.endswith("'s")}
    places = tomllib.load(open("schema/places.toml", "rb"))
    places_folded = set()
    for place in places.get("place", []):
        for n in [place["name"], *place.get("aliases", []), *place.get("demonyms", [])]:
            english.add(fold(n))
            places_folded.add(fold(n))
    english |= {"christian", "muslim", "islam", "allah", "jesus", "god", "news"}
    kept, worded = set(), set()
    for name, info in data.items():
        ranks = info.get("rank") or {}
        region = min((ranks[c] for c in REGION if c in ranks), default=10**9)
        world = min((ranks[c] for c in WORLD if c in ranks), default=10**9)
        if region > RANK_REGION and world > RANK_WORLD:
            continue
        folded = fold(name.strip())
        if len(folded) < 3 or not all(p.isascii() and p.isalpha() for p in folded.split("-")):
            continue
        if folded in english:
            # `Martin`, `Slim`, `Said`, `Christian`: among the most common names,
            # and English words too. Kept apart, for a reader that asks more of them.
            english_speaking = min((ranks[c] for c in ANGLOPHONE if c in ranks), default=10**9)
            common = min(region, world) <= RANK_WORDED
            if (common and (len(folded) >= 4 or english_speaking <= RANK_WORDED)
                    and folded not in NOT_GIVEN and folded not in places_folded):
                worded.add(folded)
            continue
        kept.add(folded)
    out = open("schema/given_names_english.txt", "w", encoding="utf-8")
    out.write("# Given names that are also lower-case English words, folded: written by\n")
    out.write("# schema/tools/given_names.py from names-dataset 3.3.1 (Philippe Remy, MIT licence):\n")
    out.write(f"# ranked in the top {RANK_WORDED} of a country it lists (three-letter ones in an\n")
    out.write("# English-speaking country's), less function words. A name is read in one only\n")
    out.write("# before a surname that is no English word. Edit the script, not this file.\n")
    for name in sorted(worded):
        out.write(name + "\n")
    print(len(worded), "names that are English words")
    out = open("schema/given_names.txt", "w", encoding="utf-8")
    out.write("# Given names, folded to lower-case ASCII: written by schema/tools/given_names.py\n")
    out.write("# from names-dataset 3.3.1 (Philippe Remy, MIT licence): the names ranked in the\n")
    out.write(f"# top {RANK_REGION} of a country of the region or the top {RANK_WORLD} of another country\n")
    out.write("# it lists, less lower-case English words (wamerican). Edit the script, not this file.\n")
    for name in sorted(kept):
        out.write(name + "\n")
    print(len(kept), "names")


if __name__ == "__main__":
    main(*sys.argv[1:])
