"""The provider's inbox in its own admin: list, one case, and each action (services do the work).

The provider is always `connection.tenant`, the tenant the request's host was routed to; a case id
from the URL is looked up only among that provider's cases (`provider_case_get`), so an official,
a superuser of their own site included, never reaches another provider's case.
"""

import csv
import json

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from villageweb.accounts.roles import GROUP_ADMIN, GROUP_OPERATOR, GROUP_SUPERIOR
from villageweb.cases import services
from villageweb.cases.export import LAPOR_CSV_FIELDS, case_lapor_record
from villageweb.cases.inbox.forms import (
    AssignForm,
    ExtendForm,
    ForwardForm,
    NoteForm,
    NoticeAddressForm,
    ObjectionAnswerForm,
    ReplyForm,
)
from villageweb.cases.models import Case, CaseAccess, NoticeAddress
from villageweb.security.client_address import client_address

FILTERS = {
    "": ("Semua", None),
    "baru": ("Belum dibaca", {"read_at__isnull": True}),
    "terbuka": ("Belum dijawab", {"status__in": [Case.Status.RECEIVED, Case.Status.IN_PROGRESS]}),
    "keberatan": ("Keberatan", {"objection_at__isnull": False, "objection_answered_at__isnull": True}),
    "saya": ("Tugas saya", None),
    "dijawab": ("Dijawab", {"status": Case.Status.ANSWERED}),
    "selesai": ("Selesai", {"status": Case.Status.CLOSED}),
}


def may_handle_cases(user) -> bool:
    """Admin Desa, Operator, Atasan PPID (and the site's superusers); never Kontributor."""
    if not user.is_authenticated or not user.is_active:
        return False
    return (
        user.is_superuser
        or user.groups.filter(name__in=[GROUP_ADMIN, GROUP_OPERATOR, GROUP_SUPERIOR]).exists()
    )


def _names(usernames) -> dict[str, str]:
    """username -> how the inbox shows an assignee (full name and username), from this site's accounts."""
    users = get_user_model().objects.filter(username__in={name for name in usernames if name})
    return {user.get_username(): services.user_label(user) for user in users}


def _provider(request):
    if not may_handle_cases(request.user):
        raise PermissionDenied
    return connection.tenant


def _who(request) -> dict:
    return {"actor": request.user.get_username(), "address": client_address(request)}


def inbox(request):
    provider = _provider(request)
    key = request.GET.get("tampil", "")
    if key not in FILTERS:
        key = ""
    cases = services.provider_cases(provider)
    if FILTERS[key][1]:
        cases = cases.filter(**FILTERS[key][1])
    mine = services.provider_cases(provider).filter(
        assignee=request.user.get_username(), status__in=[Case.Status.RECEIVED, Case.Status.IN_PROGRESS]
    )
    if key == "saya":
        cases = mine
    today = timezone.localdate()
    listed = list(cases[:200])
    names = _names(case.assignee for case in listed)
    rows = [(case, services.case_is_overdue(case, today), names.get(case.assignee, "")) for case in listed]
    context = {
        "rows": rows,
        "filters": [(k, label) for k, (label, _) in FILTERS.items()],
        "current": key,
        "unread": services.provider_unread_count(provider),
        "mine": mine.count(),
        "objections": services.provider_cases(provider)
        .filter(objection_at__isnull=False, objection_answered_at__isnull=True)
        .count(),
        "superior": services.superior_title(provider),
    }
    return TemplateResponse(request, "cases_inbox/inbox.html", context)


def _detail_context(request, provider, case, **forms):
    return {
        "case": case,
        "assignee_name": _names([case.assignee]).get(case.assignee, case.assignee),
        "superior": services.superior_title(provider),
        "superiors": services.superiors().exists(),
        "may_answer_objection": services.may_answer_objection(request.user),
        "objection_form": forms.get("objection_form") or ObjectionAnswerForm(),
        "overdue": services.case_is_overdue(case),
        "events": case.events.all(),
        "accesses": CaseAccess.objects.filter(case=case)[:20],
        "reply_form": forms.get("reply_form")
        or ReplyForm(initial={"text": case.public_reply, "link": case.reply_link}),
        "note_form": forms.get("note_form") or NoteForm(),
        "assign_form": forms.get("assign_form") or AssignForm(initial={"assignee": case.assignee}),
        "extend_form": forms.get("extend_form") or ExtendForm(),
        "forward_form": forms.get("forward_form") or ForwardForm(provider=provider),
    }


def case_detail(request, case_id: int):
    provider = _provider(request)
    case = services.provider_case_get(provider=provider, case_id=case_id, **_who(request))
    return TemplateResponse(request, "cases_inbox/case.html", _detail_context(request, provider, case))


ACTIONS = {
    "jawab": (ReplyForm, "reply_form"),
    "catatan": (NoteForm, "note_form"),
    "tugaskan": (AssignForm, "assign_form"),
    "perpanjang": (ExtendForm, "extend_form"),
    "teruskan": (ForwardForm, "forward_form"),
    "selesai": (None, None),
    "tanggapi-keberatan": (ObjectionAnswerForm, "objection_form"),
}


def _run(action, provider, case_id, who, data):
    if action == "jawab":
        return services.case_reply(
            provider=provider,
            case_id=case_id,
            **who,
            text=data["text"],
            link=data["link"],
            document=data["document"],
            close=data["close"],
        ), "Jawaban tersimpan dan tampil di halaman Lacak."
    if action == "catatan":
        return services.case_note(
            provider=provider, case_id=case_id, **who, text=data["text"]
        ), "Catatan tersimpan."
    if action == "tugaskan":
        return services.case_assign(
            provider=provider, case_id=case_id, **who, assignee=data["assignee"]
        ), "Petugas tersimpan."
    if action == "perpanjang":
        return services.case_extend(provider=provider, case_id=case_id, **who, reason=data["reason"]), (
            "Batas jawab diperpanjang 7 hari kerja."
        )
    if action == "teruskan":
        case = services.case_forward(
            provider=provider,
            case_id=case_id,
            **who,
            to_provider_id=data["to_provider"].pk,
            reason=data["reason"],
        )
        return case, f"Diteruskan ke {case.provider.display_name}; kode lacak tetap {case.code}."
    if action == "tanggapi-keberatan":
        return services.case_objection_answer(
            provider=provider, case_id=case_id, **who, text=data["text"], close=data["close"]
        ), "Tanggapan atas keberatan tersimpan dan tampil di halaman Lacak."
    return services.case_close(provider=provider, case_id=case_id, **who), "Ditandai selesai."


@require_POST
def case_action(request, case_id: int, action: str):
    provider = _provider(request)
    if action not in ACTIONS:
        raise PermissionDenied
    if action == "tanggapi-keberatan" and not services.may_answer_objection(request.user):
        raise PermissionDenied
    form_class, form_name = ACTIONS[action]
    kwargs = {"provider": provider} if form_class is ForwardForm else {}
    form = form_class(request.POST, request.FILES, **kwargs) if form_class else None
    if form is None or form.is_valid():
        try:
            case, message = _run(action, provider, case_id, _who(request), form.cleaned_data if form else {})
        except ValidationError as error:
            if form is None:
                messages.error(request, " ".join(error.messages))
                return redirect("cases_inbox_case", case_id=case_id)
            by_field = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
            for field, errors in by_field.items():
                for item in errors:
                    form.add_error(field if field in form.fields else None, item)
        else:
            messages.success(request, message)
            if case.provider_id != provider.pk:
                return redirect("cases_inbox")
            return redirect("cases_inbox_case", case_id=case_id)
    case = services.provider_case_get(provider=provider, case_id=case_id, **_who(request))
    context = _detail_context(request, provider, case, **{form_name: form})
    context["failed"] = form_name
    context["action_errors"] = [item for errors in form.errors.values() for item in errors]
    return TemplateResponse(request, "cases_inbox/case.html", context, status=400)


def case_export(request, case_id: int):
    """One case as the LAPOR! JSON record (docs/cases.md), personal data included: logged."""
    provider = _provider(request)
    case = services.provider_case_get(provider=provider, case_id=case_id, **_who(request), action="ekspor")
    response = HttpResponse(
        json.dumps(case_lapor_record(case), ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="{case.code}.json"'
    return response


def cases_export_csv(request):
    """Every case of the provider as LAPOR! CSV rows; each case's export is logged."""
    provider = _provider(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="pengaduan-{provider.schema_name}.csv"'
    writer = csv.DictWriter(response, fieldnames=LAPOR_CSV_FIELDS)
    writer.writeheader()
    who = _who(request)
    for case in services.provider_cases(provider).select_related("provider"):
        CaseAccess.objects.create(case=case, provider=provider, action="ekspor", **who)
        writer.writerow(case_lapor_record(case, flat=True))
    return response


def notice_addresses(request):
    """Where this provider's notices and reminders go; an address counts once its owner confirmed it."""
    provider = _provider(request)
    form = NoticeAddressForm(request.POST or None)
    status = 200
    if request.method == "POST":
        remove = request.POST.get("hapus", "")
        if remove.isdigit():
            services.notice_address_remove(provider=provider, address_id=int(remove))
            messages.success(request, "Alamat dihapus.")
            return redirect("cases_inbox_notices")
        if form.is_valid():
            try:
                services.notice_address_add(
                    provider=provider, email=form.cleaned_data["email"], actor=request.user.get_username()
                )
            except ValidationError as error:
                for item in error.message_dict.get("email", error.messages):
                    form.add_error("email", item)
            else:
                messages.success(request, "Tautan konfirmasi dikirim; alamat dipakai setelah dikonfirmasi.")
                return redirect("cases_inbox_notices")
        status = 400
    context = {"addresses": NoticeAddress.objects.filter(provider=provider), "form": form}
    return TemplateResponse(request, "cases_inbox/notices.html", context, status=status)
