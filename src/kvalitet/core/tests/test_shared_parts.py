"""The shared parts the areas build on: uploads, downloads, PDFs, charts and spreadsheets."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from kvalitet import charts, files, pdf, xlsx


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def xlsx_bytes(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("a.pdf", b"%PDF-1.7\n...", "pdf"),
        ("a.png", b"\x89PNG\r\n\x1a\n0000", "png"),
        ("a.JPG", b"\xff\xd8\xff\xe0rest", "jpg"),
        ("a.docx", docx_bytes(), "docx"),
        ("a.txt", "Høringssvar æøå".encode(), "txt"),
        ("a.csv", b"code;title\n9.1 A;Test\n", "csv"),
    ],
)
def test_accepted_uploads_are_recognised_by_content(name, content, kind):
    assert files.validate_upload(upload(name, content)) == kind


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("empty.pdf", b"", "empty"),
        ("script.pdf", b"<script>alert(1)</script>", "file_type"),  # the name lies
        ("page.html", b"<html><script>alert(1)</script></html>", "file_type"),  # text, wrong name
        ("program.exe", b"MZ\x90\x00\x03\x00\x00\x00", "file_type"),
        ("picture.pdf", b"\x89PNG\r\n\x1a\n0000", "file_type"),  # a PNG called .pdf
        ("broken.docx", b"PK\x03\x04not really a zip", "file_type"),
    ],
)
def test_refused_uploads_say_why(name, content, code):
    with pytest.raises(ValidationError) as caught:
        files.validate_upload(upload(name, content))
    assert caught.value.code == code


def test_size_limit_names_both_sizes():
    with pytest.raises(ValidationError) as caught:
        files.validate_upload(upload("big.txt", b"x" * 2048), max_bytes=1024)
    assert caught.value.code == "too_large"
    assert "2,0" in caught.value.message or "2.0" in caught.value.message


def test_only_the_allowed_kinds_pass():
    with pytest.raises(ValidationError):
        files.validate_upload(upload("a.png", b"\x89PNG\r\n\x1a\n0000"), kinds=["pdf"])


@pytest.mark.parametrize(
    ("name", "disposition"), [("report.pdf", "attachment"), ("photo.png", "inline")]
)
def test_downloads_are_attachments_unless_images(tmp_path, settings, name, disposition):
    settings.MEDIA_ROOT = tmp_path
    stored = default_storage.save(f"t/{name}", ContentFile(b"%PDF-1.7"))
    field_file = default_storage.open(stored)
    response = files.file_response(field_file, filename=name)
    assert response["Content-Disposition"].startswith(disposition)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    field_file.close()  # (response.close() would signal the end of a request to the database)


def test_pdf_is_rendered_and_may_not_fetch_from_the_network(monkeypatch):
    fetched = []
    monkeypatch.setattr(pdf, "_static_file", lambda url: fetched.append(url))
    document = pdf.render_pdf(
        "includes/chart.html",
        {"chart": charts.bar_chart(categories=["A"], series=[("n", [1])], title="Titel")},
    )
    assert document.startswith(b"%PDF-")
    with pytest.raises(ValueError, match="static files"):
        pdf._fetcher().fetch("http://169.254.169.254/latest/meta-data/")


def test_pdf_fetcher_reads_our_static_files_only():
    fetcher = pdf._fetcher()
    response = fetcher.fetch(pdf.BASE_URL + "static/kvalitet/kvalitet.css")
    assert b".kv-brand" in response.read()
    for url in (pdf.BASE_URL + "static/../settings.py", "file:///etc/passwd"):
        with pytest.raises(ValueError, match=r"static files|disallowed protocol"):
            fetcher.fetch(url)


def test_bar_chart_scales_escapes_and_tabulates():
    chart = charts.bar_chart(
        categories=["Natur <b>", "Miljø"],
        series=[("Received", [10, 5]), ("Answered", [4, None])],
        title="Cases & answers",
    )
    assert "<title>Cases &amp; answers</title>" in chart.svg
    assert "Natur &lt;b&gt;" in chart.svg
    assert "<b>" not in chart.svg
    assert 'width="360.0"' in chart.svg  # the largest value fills the plot
    assert 'width="180.0"' in chart.svg  # half of it, half the width
    assert chart.table.headers == ["", "Received", "Answered"]
    assert chart.table.rows == [["Natur <b>", "10", "4"], ["Miljø", "5", "–"]]


def test_xlsx_round_trip_keeps_formulas_as_text():
    content = xlsx.workbook_bytes(
        [xlsx.Sheet("Plan: 2026/27", ["Code", "Text"], [["9.1 A", "=HYPERLINK(1)"]])]
    )
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet.title == "Plan 202627"
    assert [c.value for c in sheet[2]] == ["9.1 A", "'=HYPERLINK(1)"]


def test_read_table_from_xlsx_and_csv():
    from_xlsx = xlsx.read_table(
        upload("a.xlsx", xlsx_bytes([["Code", " Responsible  units"], ["9.1 A", "NM, BY"], [None]]))
    )
    assert from_xlsx == [{"code": "9.1 A", "responsible units": "NM, BY", "_row": "2"}]
    from_csv = xlsx.read_table(upload("a.csv", "Kode;Tekst\n9.1 A;Grøn\n".encode("cp1252")))
    assert from_csv == [{"kode": "9.1 A", "tekst": "Grøn", "_row": "2"}]


@pytest.mark.parametrize(
    ("name", "content"), [("a.xlsx", b"PK\x03\x04broken"), ("a.exe", b"MZ"), ("a.csv", b"")]
)
def test_read_table_refuses_what_it_cannot_read(name, content):
    with pytest.raises(ValidationError):
        xlsx.read_table(upload(name, content))


def test_choices_render_as_design_system_radios_and_checkboxes():
    from django import forms
    from django.template.loader import render_to_string

    from kvalitet.core.forms import StyledFormMixin

    class ChoiceForm(StyledFormMixin, forms.Form):
        kind = forms.ChoiceField(
            label="Kind", choices=[("a", "Complaint"), ("b", "Praise")], widget=forms.RadioSelect
        )
        units = forms.MultipleChoiceField(
            label="Units", choices=[("1", "Nature")], widget=forms.CheckboxSelectMultiple
        )

    html = render_to_string("includes/form.html", {"form": ChoiceForm()})

    assert html.count('class="form-group-radio"><input type="radio"') == 2
    assert 'class="form-radio"' in html
    assert '<label class="form-label" for="id_kind_0">Complaint</label>' in html
    assert '<legend class="form-label">Kind</legend>' in html
    assert 'class="form-group-checkbox"><input type="checkbox"' in html
    assert "form-input" not in html
