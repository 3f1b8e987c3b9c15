"""The da, sv and en catalogues: complete, up to date with the code, placeholders intact.

When a test here fails after you added or changed a user-visible string, run `make messages`
(or, in src/kvalitet: `kvalitet makemessages -l da -l sv -l en --no-obsolete --ignore=tests`),
translate the new entries in locale/{da,sv}/LC_MESSAGES/django.po, copy the msgid into msgstr
for locale/en, remove any `#, fuzzy` flag and compile with `kvalitet compilemessages`.
"""

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

import kvalitet

PACKAGE_DIR = Path(kvalitet.__file__).resolve().parent
LOCALE_DIR = PACKAGE_DIR / "locale"
LANGUAGES = ["da", "sv", "en"]
SOURCE_SUFFIXES = {".py", ".html", ".txt"}
GETTEXT_TOOLS = ["xgettext", "msgmerge", "msguniq", "msgattrib"]

# %(name)s and friends, %s / %d without a name, and {{ name }} left in a string by a template.
PERCENT_FORMAT = re.compile(
    r"%(?:\((\w+)\))?[#0+ -]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[diouxXeEfFgGcrsa]"
)
TEMPLATE_VARIABLE = re.compile(r"\{\{\s*([\w.]+)(?:\s*\|[^}]*)?\s*\}\}")


def po_path(locale_dir: Path, language: str) -> Path:
    return locale_dir / language / "LC_MESSAGES" / "django.po"


def load(path: Path) -> polib.POFile:
    assert path.is_file(), f"{path} is missing: run `make messages` and translate it."
    return polib.pofile(str(path))


def translatable(po: polib.POFile) -> list[polib.POEntry]:
    return [entry for entry in po if not entry.obsolete]


def is_untranslated(entry: polib.POEntry) -> bool:
    if entry.msgid_plural:
        forms = entry.msgstr_plural
        return not forms or any(not text for text in forms.values())
    return not entry.msgstr


def describe(entries: list[polib.POEntry]) -> str:
    return "\n".join(f"  - {entry.msgid!r}" for entry in entries)


def placeholders(text: str) -> tuple[list[str], list[str]]:
    """Named placeholders (as a sorted set) and the sorted list of unnamed %-conversions."""
    named, unnamed = set(), []
    for match in PERCENT_FORMAT.finditer(text.replace("%%", "")):
        if match.group(1):
            named.add(match.group(1))
        else:
            unnamed.append(match.group(0)[-1])
    named.update(TEMPLATE_VARIABLE.findall(text))
    return sorted(named), sorted(unnamed)


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_is_complete(language):
    po = load(po_path(LOCALE_DIR, language))
    entries = translatable(po)
    assert entries, f"{language}: the catalogue has no messages"

    untranslated = [entry for entry in entries if is_untranslated(entry)]
    fuzzy = [entry for entry in entries if "fuzzy" in entry.flags]
    problems = []
    if untranslated:
        problems.append(f"{len(untranslated)} untranslated:\n{describe(untranslated)}")
    if fuzzy:
        problems.append(f"{len(fuzzy)} fuzzy (check, then remove the flag):\n{describe(fuzzy)}")
    assert not problems, f"locale/{language}/LC_MESSAGES/django.po: " + "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_header(language):
    po = load(po_path(LOCALE_DIR, language))
    assert not po.metadata_is_fuzzy, f"{language}: the header is marked fuzzy"
    assert po.metadata.get("Language") == language
    assert po.metadata.get("Content-Type") == "text/plain; charset=UTF-8"
    assert po.metadata.get("Plural-Forms") == "nplurals=2; plural=(n != 1);"


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_are_preserved(language):
    po = load(po_path(LOCALE_DIR, language))
    wrong = []
    for entry in translatable(po):
        if entry.msgid_plural:
            pairs = [
                (entry.msgid if int(n) == 0 else entry.msgid_plural, text)
                for n, text in sorted(entry.msgstr_plural.items(), key=lambda item: int(item[0]))
            ]
        else:
            pairs = [(entry.msgid, entry.msgstr)]
        for source, text in pairs:
            if text and placeholders(source) != placeholders(text):
                wrong.append(f"  - {source!r}\n    -> {text!r}")
    assert not wrong, (
        f"locale/{language}/LC_MESSAGES/django.po: placeholders differ between msgid and msgstr:\n"
        + "\n".join(wrong)
    )


def copy_sources(destination: Path) -> None:
    """The package's translatable sources and its locale dir, without tests and compiled files."""
    for path in PACKAGE_DIR.rglob("*"):
        relative = path.relative_to(PACKAGE_DIR)
        parts = relative.parts
        if not path.is_file() or "__pycache__" in parts or "tests" in parts:
            continue
        if parts[0] == "locale":
            if path.suffix != ".po":
                continue
        elif path.suffix not in SOURCE_SUFFIXES or path.name == "conftest.py":
            continue
        target = destination / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)


def fingerprint(locale_dir: Path) -> dict[str, str]:
    return {
        language: hashlib.sha256(po_path(locale_dir, language).read_bytes()).hexdigest()
        for language in LANGUAGES
        if po_path(locale_dir, language).is_file()
    }


def test_catalogues_are_up_to_date_with_the_source(tmp_path):
    missing_tools = [tool for tool in GETTEXT_TOOLS if shutil.which(tool) is None]
    if missing_tools:
        pytest.fail(
            "GNU gettext is needed to check the translations, but "
            + ", ".join(missing_tools)
            + " was not found. Install gettext (Debian/Ubuntu: `apt-get install gettext`, "
            "macOS: `brew install gettext`), or run `make setup`."
        )

    copy = tmp_path / "kvalitet"
    copy_sources(copy)
    before = fingerprint(LOCALE_DIR)

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kvalitet.settings_test",
        "PYTHONPATH": os.pathsep.join(
            [str(PACKAGE_DIR.parent), *filter(None, [os.environ.get("PYTHONPATH")])]
        ),
    }
    languages = [arg for language in LANGUAGES for arg in ("-l", language)]
    options = ["--no-obsolete", "--ignore=tests", "--ignore=conftest.py"]
    result = subprocess.run(
        [sys.executable, "-m", "kvalitet", "makemessages", *languages, *options],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, f"makemessages failed:\n{result.stdout}\n{result.stderr}"
    # makemessages must have written into the copy, never into the real catalogues.
    assert fingerprint(LOCALE_DIR) == before, "makemessages changed the real .po files"

    problems = []
    for language in LANGUAGES:
        po = load(po_path(copy / "locale", language))
        stale = [
            entry for entry in translatable(po) if is_untranslated(entry) or "fuzzy" in entry.flags
        ]
        if stale:
            problems.append(
                f"locale/{language}/LC_MESSAGES/django.po lacks {len(stale)} translation(s) "
                f"for strings in the code:\n{describe(stale)}"
            )
    assert not problems, (
        "The .po files are behind the code. Run `make messages`, translate these, "
        "then compile:\n" + "\n".join(problems)
    )
