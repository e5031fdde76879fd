"""The site's words file (hooks/words.yml) checked as a whole: a translator's slip stops the
build in one line naming the file, the line, the key and what is allowed, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
import site_words
from helpers import ROOT, build_site, one_error, throwaway_site
from mkdocs.exceptions import PluginError

WORDS = (ROOT / "hooks" / "words.yml").read_text(encoding="utf-8")


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


def words_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str) -> str:
    """The error for words.yml with one edit, and the line the edit is on."""
    assert old in WORDS
    edited = WORDS.replace(old, new, 1)
    (tmp_path / "words.yml").write_text(edited, encoding="utf-8")
    monkeypatch.setattr(site_words, "WORDS_FILE", tmp_path / "words.yml")
    with pytest.raises(PluginError) as error:
        site_words.site_words()
    message = str(error.value)
    assert "\n" not in message
    return message


def test_the_projects_words_pass() -> None:
    assert set(site_words.site_words()) == {"en", "es"}


@pytest.mark.parametrize(("old", "new", "said"), [
    ("del {date}.", "del {fecha}.", "es.translation is 'Esta página es una traducción de la edición en inglés del {fecha}.'; "
                                    "its places to fill in must be {date}, as in English"),
    ("'Última revisión de la página: {date}'", "'Última revisión de la página: {fecha}'", "its places to fill in must be {date}"),
    ("'Última revisión de la página: {date}'", "'Última revisión de la página: {date'", "its places to fill in must be {date}"),
    ("  search: Buscar\n", "  search: 123\n", "es.search is 123; give a line of text (in quotes if it looks like a number)"),
    ("  date_locale: es\n", "  date_locale: es_XX_bogus\n", "es.date_locale is 'es_XX_bogus'; give a locale Babel knows"),
    ("  weekdays: Lun Mar Mié Jue Vie\n", "  weekdays: Lun Mar\n", "es.weekdays is 'Lun Mar'; give 5 short day names"),
    ("  no_translation_review:", "  no_translation_reviews:", "es.no_translation_reviews is a key English does not have"),
])  # fmt: skip
def test_a_translators_slip_is_named_with_its_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str, said: str) -> None:
    message = words_error(tmp_path, monkeypatch, old, new)
    assert message.startswith(f"hooks/words.yml, line {line_of(WORDS, old.strip())}: ") and said in message, message


REMOVED = "    removed:\n      one: Pausa quitada. Queda {left}.\n      other: Pausa quitada. Quedan {left}.\n"


# The habit page's words (habit.js): a group checked like the rest, its numbers by plural category.
@pytest.mark.parametrize(("old", "new", "said"), [
    ("    remove: Quitar\n", "    remove: 3\n", "es.habit.remove is 3; give a line of text"),
    ("    break_label: Pausa {n}\n", "    break_label: Pausa {número}\n", "es.habit.break_label is 'Pausa {número}'; its places to fill in must be {n}"),
    ("    days: lunes martes miércoles jueves viernes sábado domingo\n", "    days: lunes martes\n",
     "es.habit.days is 'lunes martes'; give 7 day names, Monday to Sunday"),
    (REMOVED, "    removed:\n      one: Pausa quitada. Queda {left}.\n", "es.habit.removed is {'one': 'Pausa quitada. Queda {left}.'}; "
     "give a form for each plural category of the language, of many, one, other, with other always"),
    (REMOVED, REMOVED + "      few: Quedan {left}.\n", "of many, one, other, with other always"),
    ("      one: '{n} pausa'\n", "      one: '{count} pausa'\n", "es.habit.breaks.one is '{count} pausa'; its places to fill in must be {n}"),
    ("  habit:\n    days: lunes", "  habit: pausas\n  habito:\n    days: lunes", "es.habit is 'pausas'; give its words as English does"),
])  # fmt: skip
def test_a_slip_in_the_habit_pages_words_is_named_with_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str, said: str
) -> None:
    message = words_error(tmp_path, monkeypatch, old, new)
    assert message.startswith(f"hooks/words.yml, line {line_of(WORDS, old.strip())}: ") and said in message, message


def test_a_habit_word_missing_from_a_translation_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    message = words_error(tmp_path, monkeypatch, "    remove: Quitar\n", "")
    assert message.startswith(f"hooks/words.yml, line {line_of(WORDS, chr(10) + '  habit:' + chr(10) + '    days: lunes') + 1}: ")
    assert "es.habit lacks remove; give each the words in es" in message, message


@pytest.mark.parametrize("key", ["site_description", "translation", "translation_review", "no_translation_review", "how_to_report"])
def test_a_key_missing_from_a_translation_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, key: str) -> None:
    spanish = WORDS.index("\nes:\n")
    start = WORDS.index(f"\n  {key}:", spanish)
    end = WORDS.index("\n", start + 1)
    message = words_error(tmp_path, monkeypatch, WORDS[start:end], "")
    assert message.startswith(f"hooks/words.yml, line {line_of(WORDS, chr(10) + 'es:') + 1}: es lacks {key}; give each the words in es")


def test_words_that_are_not_yaml_say_where(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    message = words_error(tmp_path, monkeypatch, "  search: Buscar\n", "  search: Buscar: [\n")
    assert message.startswith(f"hooks/words.yml, line {line_of(WORDS, '  search: Buscar')}: not valid YAML: ")


def test_a_words_slip_stops_the_build_in_one_line(tmp_path: Path) -> None:
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    for name in ("site_words.py", "material_fixes.py"):
        (hooks / name).write_text((ROOT / "hooks" / name).read_text(encoding="utf-8"), encoding="utf-8")
    (hooks / "words.yml").write_text(WORDS.replace("  search: Buscar\n", "  search: 123\n"), encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    result = build_site(project=throwaway_site(site, config="theme:\n  name: material\n  font: false\n", hooks=(hooks / "material_fixes.py",)))
    assert one_error(result).startswith("ERROR   -  hooks/words.yml, line ")


def test_english_without_a_key_the_code_reads_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    message = words_error(tmp_path, monkeypatch, "  date_locale: en_GB\n", "")
    assert message.startswith("hooks/words.yml, line ") and "en lacks date_locale; give each the words in en" in message
