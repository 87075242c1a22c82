"""Checks that the lessons share no run of twelve words with the four Python tutorials they retell.

The tutorials are third-party text and are not part of the project: they are read from the folder named by
$JCN_SEEDS (default: ../shared/seeds next to the repository). When that folder is missing (a fresh clone), the
check prints one SKIP line and counts as passed: it can only run where the tutorials are.

Every markdown and code cell of every notebook under notebooks/, and every page under workshop/, is lowered to
words (case folded, punctuation dropped: `asyncio.gather(*tasks)` becomes "asyncio gather tasks"), and any run of
twelve words in a row that also occurs in a tutorial is reported with the cell it is in. The last line is
"originality: N passed, M failed" for ./test.

Run: python3 tests/check_originality.py [--seeds DIR] [FILES...]
"""
import argparse
import glob
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUN = 12
WORD = re.compile(r"[a-z0-9]+")


def words(text):
    return WORD.findall(text.lower())


def runs(ws):
    return {tuple(ws[i:i + RUN]) for i in range(len(ws) - RUN + 1)}


def seed_runs(folder):
    found = {}
    for path in sorted(glob.glob(os.path.join(folder, "*"))):
        if os.path.isfile(path):
            with open(path, encoding="utf-8", errors="replace") as f:
                for run in runs(words(f.read())):
                    found.setdefault(run, os.path.basename(path))
    return found


def pieces(path):
    """Yields (label, text) for each cell of a notebook, or the whole of a text page."""
    if path.endswith(".ipynb"):
        with open(path, encoding="utf-8") as f:
            for i, cell in enumerate(json.load(f)["cells"]):
                if cell["cell_type"] in ("markdown", "code"):
                    yield f"cell {i + 1} ({cell['cell_type']})", "".join(cell["source"])
    else:
        with open(path, encoding="utf-8") as f:
            yield "page", f.read()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default=os.environ.get("JCN_SEEDS", os.path.join(ROOT, "..", "shared", "seeds")))
    parser.add_argument("files", nargs="*")
    args = parser.parse_args()
    files = args.files or sorted(glob.glob(os.path.join(ROOT, "notebooks", "*.ipynb"))
                                 + glob.glob(os.path.join(ROOT, "workshop", "*.md")))
    if not os.path.isdir(args.seeds) or not glob.glob(os.path.join(args.seeds, "*")):
        print(f"SKIP: no tutorials at {os.path.abspath(args.seeds)} (set JCN_SEEDS to the folder that holds them)")
        print("originality: 1 passed, 0 failed")
        return 0
    seeds = seed_runs(args.seeds)
    failed = 0
    for path in files:
        hits = []
        for label, text in pieces(path):
            ws = words(text)
            i = 0
            while i <= len(ws) - RUN:   # report each shared stretch once, from its first run of twelve
                run = tuple(ws[i:i + RUN])
                if run in seeds:
                    end = i + RUN
                    while end < len(ws) and tuple(ws[end - RUN + 1:end + 1]) in seeds:
                        end += 1
                    hits.append(f"{label}: \"{' '.join(ws[i:end])}\" (in {seeds[run]})")
                    i = end
                else:
                    i += 1
        name = os.path.relpath(path, ROOT)
        if hits:
            failed += 1
            print(f"FAIL {name}: {len(hits)} run(s) of {RUN}+ words shared with a tutorial")
            for hit in hits:
                print("    " + hit)
        else:
            print(f"PASS {name}")
    print(f"originality: {len(files) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
