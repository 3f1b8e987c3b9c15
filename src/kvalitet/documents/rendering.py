"""Document text: Markdown rendered with markdown-it-py, then sanitised with nh3.

Raw HTML in the Markdown is not passed through (markdown-it's "html" option is off), and the
result is cleaned by nh3 with a short list of tags and attributes anyway, so no script, event
handler, style or javascript: link survives, on a page or in a PDF.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_markdown.enable("table")
_markdown.enable("strikethrough")

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "del", "em", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "li", "ol", "p", "pre", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "td": {"align"}, "th": {"align"}}


def render_markdown(body: str) -> SafeString:
    """The body as safe HTML."""
    html = _markdown.render(body or "")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(clean)  # noqa: S308 - cleaned by nh3 just above


def plain_text(body: str) -> str:
    """The text without markup, for search snippets."""
    return nh3.clean(_markdown.render(body or ""), tags=set()).replace("&amp;", "&")


@dataclass(frozen=True)
class DiffRow:
    kind: str  # "equal", "changed", "removed", "added"
    left_number: int | None
    left: str
    right_number: int | None
    right: str


def side_by_side(old: str, new: str) -> list[DiffRow]:
    """Line-by-line difference between two texts, as rows for a two-column table."""
    a = (old or "").splitlines()
    b = (new or "").splitlines()
    rows: list[DiffRow] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for offset in range(i2 - i1):
                rows.append(DiffRow("equal", i1 + offset + 1, a[i1 + offset], j1 + offset + 1,
                                    b[j1 + offset]))  # fmt: skip
        elif tag == "replace":
            for offset in range(max(i2 - i1, j2 - j1)):
                left = i1 + offset < i2
                right = j1 + offset < j2
                rows.append(
                    DiffRow(
                        "changed" if left and right else ("removed" if left else "added"),
                        i1 + offset + 1 if left else None,
                        a[i1 + offset] if left else "",
                        j1 + offset + 1 if right else None,
                        b[j1 + offset] if right else "",
                    )
                )
        elif tag == "delete":
            for offset in range(i2 - i1):
                rows.append(DiffRow("removed", i1 + offset + 1, a[i1 + offset], None, ""))
        else:
            for offset in range(j2 - j1):
                rows.append(DiffRow("added", None, "", j1 + offset + 1, b[j1 + offset]))
    return rows
