"""Staff pages of one version: reading it, editing a draft (with lost-update protection), the
transitions, comments, attachments (upload, permission-checked download) and its PDF."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kvalitet import access
from kvalitet.core.decorators import member_required
from kvalitet.core.errors import DomainError
from kvalitet.core.forms import submit
from kvalitet.documents import selectors, services_versions
from kvalitet.documents.forms import (
    AttachmentForm,
    CommentForm,
    DraftForm,
    PublishForm,
    ReturnForm,
)
from kvalitet.documents.models import Status
from kvalitet.documents.rendering import render_markdown, side_by_side
from kvalitet.files import file_response
from kvalitet.pdf import pdf_response, render_pdf


def _version(scope: access.Scope, version_id: int):
    return selectors.version_of(
        scope,
        version_id,
        "document__handbook",
        "author",
        "approver",
        "reviewer",
        "updated_by",
    )


def _actions(scope: access.Scope, version, person) -> dict[str, bool]:
    document = version.document
    can_change = scope.can_change(document)
    can_approve = selectors.can_approve(scope, document)
    status = version.status
    return {
        "edit": can_change and status == Status.DRAFT,
        "submit": can_change and status == Status.DRAFT,
        "return": (can_approve or version.author_id == person.pk)
        and status in (Status.IN_REVIEW, Status.APPROVED),
        "approve": can_approve and status == Status.IN_REVIEW and version.author_id != person.pk,
        "own_draft": can_approve and status == Status.IN_REVIEW and version.author_id == person.pk,
        "publish": can_approve and status == Status.APPROVED,
        "withdraw": can_approve and status == Status.PUBLISHED,
        "comment": status in (Status.DRAFT, Status.IN_REVIEW),
        "attach": can_change and status == Status.DRAFT,
    }


@member_required
def version_detail(request, org_slug, version_id):
    scope = request.scope
    version = _version(scope, version_id)
    return render(
        request,
        "documents/version_detail.html",
        {
            "version": version,
            "document": version.document,
            "body": render_markdown(version.body),
            "comments": version.comments.select_related("author").order_by("created_at"),
            "attachments": selectors.version_attachments(version),
            "actions": _actions(scope, version, request.user),
            "comment_form": CommentForm(),
            "return_form": ReturnForm(),
            "publish_form": PublishForm(),
            "attachment_form": AttachmentForm(),
        },
    )


@member_required
def version_edit(request, org_slug, version_id):
    scope = request.scope
    version = _version(scope, version_id)
    if not scope.can_change(version.document):
        raise PermissionDenied
    if version.status != Status.DRAFT:
        messages.error(request, _("Only a draft can be edited."))
        return redirect("documents:version", org_slug=org_slug, version_id=version.pk)
    form = DraftForm(
        request.POST or None,
        initial={
            "revision": version.revision,
            "body": version.body,
            "change_summary": version.change_summary,
        },
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services_versions.draft_save(
                scope=scope,
                by=request.user,
                version=version,
                revision=form.cleaned_data["revision"],
                body=form.cleaned_data["body"],
                change_summary=form.cleaned_data["change_summary"],
            )
        except services_versions.EditConflict as error:
            conflict = error.current
            form.add_error(None, error.message)
            # Saving again now knowingly replaces their text with this one.
            data = form.data.copy()
            data["revision"] = str(conflict.revision)
            form.data = data
            status = 409
        except DomainError as error:
            form.add_error(None, error.message)
            status = error.status
        else:
            messages.success(request, _("The draft was saved."))
            return redirect("documents:version", org_slug=org_slug, version_id=version.pk)
    else:
        status = 400 if request.method == "POST" else 200
    return render(
        request,
        "documents/version_edit.html",
        {
            "version": version,
            "document": version.document,
            "form": form,
            "conflict": conflict,
            "conflict_rows": side_by_side(conflict.body, form.data.get("body", ""))
            if conflict
            else [],
        },
        status=status,
    )


TRANSITIONS = {
    "submit": (services_versions.submit_for_review, _("The draft was sent for review.")),
    "return": (services_versions.return_to_draft, _("The version went back to draft.")),
    "approve": (services_versions.approve, _("The version was approved.")),
    "publish": (services_versions.publish, _("The version was published.")),
    "withdraw": (services_versions.withdraw, _("The version was withdrawn.")),
}


@member_required
@require_POST
def version_transition(request, org_slug, version_id, action):
    scope = request.scope
    version = _version(scope, version_id)
    if action not in TRANSITIONS:
        raise Http404
    function, done_message = TRANSITIONS[action]
    extra = {}
    if action == "return":
        form = ReturnForm(request.POST)
        extra["comment"] = form.cleaned_data["comment"] if form.is_valid() else ""
    if action == "publish":
        form = PublishForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Give a valid effective date."))
            return redirect("documents:version", org_slug=org_slug, version_id=version.pk)
        extra["effective_date"] = form.cleaned_data["effective_date"]
    try:
        result = function(scope=scope, by=request.user, version=version, **extra)
    except DomainError as error:
        response = render(
            request,
            "documents/transition_refused.html",
            {"version": version, "document": version.document, "message": error.message},
            status=error.status,
        )
        return response
    if action == "publish" and result.status == Status.APPROVED:
        messages.success(request, _("The version will be published on its effective date."))
    else:
        messages.success(request, str(done_message))
    return redirect("documents:version", org_slug=org_slug, version_id=version.pk)


@member_required
@require_POST
def version_comment(request, org_slug, version_id):
    scope = request.scope
    version = _version(scope, version_id)
    form = CommentForm(request.POST)
    outcome = submit(
        request,
        form,
        lambda data: services_versions.comment_add(
            scope=scope, by=request.user, version=version, body=data["body"]
        ),
    )
    if outcome.done:
        messages.success(request, _("Your comment was added."))
    else:
        messages.error(request, " ".join(str(e) for e in form.errors.values()) or _("Not saved."))
    return redirect("documents:version", org_slug=org_slug, version_id=version.pk)


@member_required
@require_POST
def attachment_upload(request, org_slug, version_id):
    scope = request.scope
    version = _version(scope, version_id)
    if not scope.can_change(version.document):
        raise PermissionDenied
    form = AttachmentForm(request.POST, request.FILES)
    outcome = submit(
        request,
        form,
        lambda data: services_versions.attachment_add(
            scope=scope, by=request.user, version=version, uploaded=data["file"]
        ),
    )
    if outcome.done:
        messages.success(request, _("The file was attached."))
        return redirect("documents:version", org_slug=org_slug, version_id=version.pk)
    return render(
        request,
        "documents/attachment_refused.html",
        {"version": version, "document": version.document, "form": form},
        status=outcome.status,
    )


@member_required
def attachment_download(request, org_slug, attachment_id):
    attachment = selectors.attachment_for_download(request.scope, attachment_id)
    return file_response(attachment.file, filename=attachment.filename)


@member_required
@require_POST
def attachment_delete(request, org_slug, attachment_id):
    scope = request.scope
    attachment = selectors.attachment_for_download(scope, attachment_id)
    try:
        services_versions.attachment_remove(scope=scope, by=request.user, attachment=attachment)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The file was removed."))
    return redirect("documents:version", org_slug=org_slug, version_id=attachment.version_id)


def version_pdf_response(request, version, *, organisation):
    pdf = render_pdf(
        "documents/version_print.html",
        {
            "version": version,
            "document": version.document,
            "organisation": organisation,
            "body": render_markdown(version.body),
        },
        request=request,
    )
    filename = f"{version.document.code}-v{version.number}.pdf"
    return pdf_response(pdf, filename=filename)


@member_required
def version_pdf(request, org_slug, version_id):
    version = _version(request.scope, version_id)
    return version_pdf_response(request, version, organisation=request.scope.organisation)
