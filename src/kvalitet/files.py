"""Uploaded files: checked by their content on the way in, served with care on the way out.

Every upload passes `validate_upload` (or a `CheckedFileField` in a form): the file's first bytes
must match one of the allowed kinds, whatever its name says, and it must fit under the size limit.
Files are served only through a view that has asked `kvalitet.access` first, with
`file_response`: as a download unless the type is one a browser cannot run (images).
"""

import mimetypes
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

DEFAULT_KINDS = ("pdf", "docx", "xlsx", "odt", "ods", "png", "jpg", "txt", "csv")
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# Types a browser shows without running anything; everything else is served as a download.
INLINE_SAFE = {"image/png", "image/jpeg"}


@dataclass(frozen=True)
class Kind:
    extensions: tuple[str, ...]
    content_type: str
    label: str


KINDS = {
    "pdf": Kind((".pdf",), "application/pdf", "PDF"),
    "docx": Kind(
        (".docx",),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Word",
    ),
    "xlsx": Kind(
        (".xlsx",), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel"
    ),
    "odt": Kind((".odt",), "application/vnd.oasis.opendocument.text", "OpenDocument text"),
    "ods": Kind(
        (".ods",), "application/vnd.oasis.opendocument.spreadsheet", "OpenDocument spreadsheet"
    ),
    "png": Kind((".png",), "image/png", "PNG"),
    "jpg": Kind((".jpg", ".jpeg"), "image/jpeg", "JPEG"),
    "txt": Kind((".txt",), "text/plain", "text"),
    "csv": Kind((".csv",), "text/csv", "CSV"),
}


def _zip_names(head: bytes, uploaded: UploadedFile) -> set[str]:
    if not head.startswith(b"PK\x03\x04"):
        return set()
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                names.add("mimetype:" + archive.read("mimetype").decode("ascii", "replace"))
            return names
    except (zipfile.BadZipFile, OSError, ValueError):
        return set()
    finally:
        uploaded.seek(0)


def _is_text(uploaded: UploadedFile) -> bool:
    uploaded.seek(0)
    data = uploaded.read(64 * 1024)
    uploaded.seek(0)
    if b"\x00" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        # A cut in the middle of a multi-byte character at the end of the sample is fine.
        if error.start < len(data) - 4:
            return False
    return True


def detect_kind(uploaded: UploadedFile) -> str | None:
    """The kind the file's content shows it to be, or None."""
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    names = _zip_names(head, uploaded)
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "mimetype:application/vnd.oasis.opendocument.text" in names:
        return "odt"
    if "mimetype:application/vnd.oasis.opendocument.spreadsheet" in names:
        return "ods"
    if not names and _is_text(uploaded):
        name = (uploaded.name or "").lower()
        return "csv" if name.endswith(".csv") else "txt"
    return None


def validate_upload(
    uploaded: UploadedFile,
    *,
    kinds: Iterable[str] = DEFAULT_KINDS,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> str:
    """Check an uploaded file; return its kind, or raise ValidationError in plain words."""
    allowed = tuple(kinds)
    labels = ", ".join(KINDS[kind].label for kind in allowed)
    if uploaded.size is None or uploaded.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if uploaded.size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; files may be at most %(limit)s.")
            % {"size": filesizeformat(uploaded.size), "limit": filesizeformat(max_bytes)},
            code="too_large",
        )
    kind = detect_kind(uploaded)
    name = (uploaded.name or "").lower()
    if kind not in allowed or not name.endswith(KINDS[kind].extensions):
        raise ValidationError(
            _("This type of file is not accepted. Accepted types: %(types)s.") % {"types": labels},
            code="file_type",
        )
    return kind


class CheckedFileField(forms.FileField):
    """A form file field that accepts only the given kinds, checked by content, up to a size."""

    def __init__(
        self, *args, kinds: Iterable[str] = DEFAULT_KINDS, max_bytes=DEFAULT_MAX_BYTES, **kwargs
    ):
        self.kinds = tuple(kinds)
        self.max_bytes = max_bytes
        super().__init__(*args, **kwargs)
        extensions = [ext for kind in self.kinds for ext in KINDS[kind].extensions]
        self.widget.attrs.setdefault("accept", ",".join(extensions))

    def clean(self, data, initial=None):
        uploaded = super().clean(data, initial)
        if uploaded and uploaded is not initial and hasattr(uploaded, "size"):
            validate_upload(uploaded, kinds=self.kinds, max_bytes=self.max_bytes)
        return uploaded


def content_type_for(filename: str) -> str:
    for kind in KINDS.values():
        if filename.lower().endswith(kind.extensions):
            return kind.content_type
    return mimetypes.guess_type(filename)[0] or "application/octet-stream"


def file_response(field_file, *, filename: str) -> FileResponse:
    """Serve a stored file: inline only for images, otherwise as a download; never sniffed."""
    content_type = content_type_for(filename)
    field_file.open("rb")
    response = FileResponse(
        field_file,
        as_attachment=content_type not in INLINE_SAFE,
        filename=filename,
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
