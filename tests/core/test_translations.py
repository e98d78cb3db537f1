from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parents[2] / "locale"


def test_every_interface_string_has_a_chinese_translation():
    catalogue = polib.pofile(str(LOCALE / "zh_Hans" / "LC_MESSAGES" / "django.po"))
    missing = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert len(catalogue.translated_entries()) > 50
    assert missing == []
    assert fuzzy == []


def library_translations() -> dict[str, set[str]]:
    """msgid → Simplified Chinese translations in the catalogues of Django and the installed apps."""
    import django
    from django.apps import apps

    roots = [Path(django.__file__).parent / "conf"]
    roots += [Path(config.path) for config in apps.get_app_configs() if ".venv" in config.path]
    found: dict[str, set[str]] = {}
    for root in roots:
        for name in ("zh_Hans", "zh_CN"):
            po = root / "locale" / name / "LC_MESSAGES" / "django.po"
            if not po.exists():
                continue
            for entry in polib.pofile(str(po)):
                if entry.msgstr and not entry.msgctxt and not entry.msgid_plural:
                    found.setdefault(entry.msgid, set()).add(entry.msgstr)
    return found


def test_the_project_catalogue_never_changes_a_library_translation():
    """Our catalogue wins over Wagtail's and Django's: a msgid we share must mean the same there, or
    carry a context — otherwise the admin's "Pages" reads "分页" and its "Reports" reads "举报"."""
    libraries = library_translations()
    assert "Pages" in libraries  # the library catalogues were found
    ours = polib.pofile(str(LOCALE / "zh_Hans" / "LC_MESSAGES" / "django.po"))
    overridden = {
        entry.msgid: entry.msgstr
        for entry in ours.translated_entries()
        if not entry.msgctxt and entry.msgid in libraries and entry.msgstr not in libraries[entry.msgid]
    }
    assert overridden == {}


def test_the_admin_sidebar_scripts_speak_chinese_where_wagtail_has_no_translation(client, db):
    from django.utils import translation

    with translation.override("zh-hans"):
        catalogue = client.get("/cms/jsi18n/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    # The sidebar's "new items" badge, which Wagtail's zh_Hans catalogue lacks.
    assert "\\u6b64\\u83dc\\u5355" in catalogue or "此菜单" in catalogue
