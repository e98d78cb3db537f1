"""Wagtail's chooser widgets without their inline script, so the admin runs under `script-src 'self'`.

Wagtail renders each chooser (page, image, document, snippet, task) as its HTML followed by
`<script>new PageChooser("id_page", {...});</script>`. Under the site's Content-Security-Policy that script
would not run and the chooser would be dead. `install()` makes the widget emit the same call as data
(`<span hidden data-admin-widget="…">`) that `static/js/admin-widgets.js` performs once the page has loaded;
the date and time widgets get the same treatment from the templates in `templates/wagtailadmin/widgets/`.
A widget whose initialiser is not one of the known shapes is left exactly as Wagtail renders it (and the
admin page test, which looks for inline scripts, says so).
"""

from __future__ import annotations

import json

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.admin.widgets.chooser import BaseChooser
from wagtail.admin.widgets.workflows import AdminTaskChooser

_wagtail_render = BaseChooser.render


def _initialiser(widget: BaseChooser, id_: str, name: str, value_data) -> dict | None:
    """The call Wagtail's inline script would make, as data; None for an initialiser we do not know."""
    if isinstance(widget, AdminTaskChooser):
        return {"call": "createTaskChooser", "args": [id_]}
    if type(widget).render_js_init is BaseChooser.render_js_init:
        return {
            "new": widget.js_constructor,
            "args": [id_, widget.get_js_init_options(id_, name, value_data)],
        }
    return None


def render_without_inline_script(self, name, value, attrs=None, renderer=None):
    try:
        id_ = attrs["id"]
    except (KeyError, TypeError) as e:
        raise TypeError("BaseChooser cannot be rendered without an 'id' attribute") from e
    value_data = self.get_value_data(value)
    initialiser = _initialiser(self, id_, name, value_data)
    if initialiser is None:
        return _wagtail_render(self, name, value, attrs, renderer)
    widget_html = self.render_html(name, value_data, attrs)
    starter = format_html(
        '<span hidden data-admin-widget="{}"></span><script src="{}" defer></script>',
        json.dumps(initialiser),
        static("js/admin-widgets.js"),
    )
    return mark_safe(widget_html + starter)  # noqa: S308 - widget_html is Wagtail's own template output  # nosec B308 B703 - Wagtail template output plus format_html


def install() -> None:
    """Idempotent; called from the URLconf, which is loaded before any admin page is rendered."""
    BaseChooser.render = render_without_inline_script
