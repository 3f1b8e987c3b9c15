"""PDF documents rendered from Django templates with WeasyPrint.

The renderer may read our own static files (stylesheets, fonts, images) and `data:` URLs, and
nothing else: no network, no file system outside the static files, so a document body written by
a user cannot make the server fetch anything.
"""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header

# Relative and root-relative addresses in the templates resolve against this made-up origin.
BASE_URL = "https://kvalitet.invalid/"


def _static_file(url: str) -> Path | None:
    parts = urlsplit(url)
    static_prefix = settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/static/"
    if f"{parts.scheme}://{parts.netloc}/" != BASE_URL or not parts.path.startswith(static_prefix):
        return None
    relative = unquote(parts.path[len(static_prefix) :])
    if ".." in Path(relative).parts:
        return None
    found = finders.find(relative)
    if found:
        return Path(found)
    collected = Path(settings.STATIC_ROOT or "") / relative
    return collected if settings.STATIC_ROOT and collected.is_file() else None


def _fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFilesOnly(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = _static_file(url)
            if path is None:
                raise ValueError(f"PDF documents may only use kvalitet's static files: {url}")
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(
                url, body=path.read_bytes(), headers={"Content-Type": content_type}
            )

    return StaticFilesOnly(allowed_protocols=("https", "data"))


def render_pdf(template_name: str, context: dict, *, request=None) -> bytes:
    """Render `template_name` (an HTML page with print CSS) to PDF bytes."""
    # Imported here: WeasyPrint loads Pango at import, which every other request can skip.
    from weasyprint import HTML

    html = render_to_string(template_name, context, request=request)
    return HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher()).write_pdf()


def pdf_response(pdf: bytes, *, filename: str, inline: bool = True) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(not inline, filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response
