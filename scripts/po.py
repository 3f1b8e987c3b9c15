"""Keep the da/sv/en catalogues complete (see core/tests/test_translations.py).

    .venv/bin/python scripts/po.py todo          # refresh the catalogues, list what lacks da/sv
    .venv/bin/python scripts/po.py fill FILE.json  # {"msgid": {"da": "...", "sv": "..."}, ...}

For a plural entry give lists: {"one item": {"da": ["…", "…"], "sv": ["…", "…"]}}. English is
filled from the msgid. Both commands hold a lock, so two people (or helpers) working in the
same checkout do not overwrite each other's catalogue edits. `fill` compiles the catalogues.
"""

import fcntl
import json
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "kvalitet"
KVALITET = ROOT / ".venv" / "bin" / "kvalitet"
LANGUAGES = ("da", "sv", "en")


def catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(PACKAGE / "locale" / language / "LC_MESSAGES" / "django.po"))


def makemessages() -> None:
    languages = [arg for language in LANGUAGES for arg in ("-l", language)]
    subprocess.run(
        [
            KVALITET,
            "makemessages",
            *languages,
            "--no-obsolete",
            "--ignore=tests",
            "--ignore=conftest.py",
            "-v0",
        ],
        cwd=PACKAGE,
        check=True,
    )


def missing(entry: polib.POEntry) -> bool:
    if "fuzzy" in entry.flags:
        return True
    if entry.msgid_plural:
        return not entry.msgstr_plural or not all(entry.msgstr_plural.values())
    return not entry.msgstr


def fill_english() -> None:
    po = catalogue("en")
    for entry in po:
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        else:
            entry.msgstr = entry.msgid
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.save()


def todo() -> None:
    makemessages()
    fill_english()
    wanted: dict[str, list[str]] = {}
    for language in ("da", "sv"):
        for entry in catalogue(language):
            if not entry.obsolete and missing(entry):
                where = entry.occurrences[0][0] if entry.occurrences else "?"
                wanted.setdefault(entry.msgid, []).append(f"{language} ({where})")
    for msgid, where in wanted.items():
        print(json.dumps(msgid, ensure_ascii=False), "—", ", ".join(where))
    print(f"{len(wanted)} message(s) lack a Danish or Swedish translation", file=sys.stderr)


def fill(path: str) -> None:
    translations = json.loads(Path(path).read_text(encoding="utf-8"))
    makemessages()
    fill_english()
    for language in ("da", "sv"):
        po = catalogue(language)
        for entry in po:
            given = translations.get(entry.msgid, {}).get(language)
            if given is None:
                continue
            if entry.msgid_plural:
                forms = given if isinstance(given, list) else [given, given]
                entry.msgstr_plural = {0: forms[0], 1: forms[1]}
            else:
                entry.msgstr = given
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            # Drop the "#|" lines msgmerge left from a fuzzy match, all of them.
            entry.previous_msgid = None
            entry.previous_msgid_plural = None
            entry.previous_msgctxt = None
        po.save()
    subprocess.run([KVALITET, "compilemessages", "-v0"], cwd=PACKAGE, check=True)
    todo_count = sum(
        1 for language in ("da", "sv") for e in catalogue(language) if not e.obsolete and missing(e)
    )
    print(f"filled; {todo_count} entr(y/ies) still lack a translation")


if __name__ == "__main__":
    with open(ROOT / "var" / ".po.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if sys.argv[1:2] == ["todo"]:
            todo()
        elif sys.argv[1:2] == ["fill"] and len(sys.argv) == 3:
            fill(sys.argv[2])
        else:
            sys.exit(__doc__)
