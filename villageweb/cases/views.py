"""Public screens: filing (shared by a village's contact page and the portal), /lacak/ and its objection."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import connection
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from villageweb.cases import throttle
from villageweb.cases.forms import HONEYPOT_FIELD, CaseForm, ObjectionForm, TrackForm
from villageweb.cases.models import Case, CaseEvent
from villageweb.cases.services import (
    case_create,
    case_is_overdue,
    case_object,
    case_track,
    notice_address_confirm,
    superior_title,
)
from villageweb.security.client_address import client_address

MESSAGE_HONEYPOT = (
    "Pesan tidak dapat dikirim karena kolom tersembunyi ikut terisi. Jika Anda mengisi formulir "
    "secara otomatis, kosongkan kolom 'Jangan diisi' lalu kirim ulang."
)


@dataclass
class Filing:
    form: CaseForm
    case: Case | None = None
    refusal: str = ""
    status: int = 200


def case_filing_handle(request, *, provider=None) -> Filing:
    """Read the citizen's form: `provider` fixed (a provider's own site) or chosen (the portal)."""
    with_provider = provider is None
    if request.method != "POST":
        return Filing(form=CaseForm(with_provider=with_provider))
    form = CaseForm(request.POST, with_provider=with_provider)
    if request.POST.get(HONEYPOT_FIELD, "").strip():
        return Filing(form=form, refusal=MESSAGE_HONEYPOT, status=400)
    target_id = provider.pk if provider is not None else None
    if target_id is None:
        raw = request.POST.get("penyelenggara", "")
        target_id = int(raw) if raw.isdigit() else 0
    refusal = throttle.filing_refusal(request, target_id)
    if refusal:
        return Filing(form=form, refusal=refusal, status=429)
    if not form.is_valid():
        return Filing(form=form, status=400)
    target = provider if provider is not None else form.cleaned_data["penyelenggara"]
    case = case_create(provider=target, submission=form.submission(), submitted_to=connection.tenant)
    throttle.filing_count(request, target.pk)
    return Filing(form=form, case=case)


def case_received_response(request, case: Case, context: dict) -> TemplateResponse:
    response = TemplateResponse(request, "cases/case_received.html", {**context, "case": case})
    response["Cache-Control"] = "private, no-store"
    return response


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def case_file(request):
    """/pengaduan/ on the portal: the same form with a choice of provider ("no wrong door")."""
    filing = case_filing_handle(request)
    if filing.case is not None:
        return case_received_response(request, filing.case, {})
    context = {"form": filing.form, "rejection": filing.refusal}
    return TemplateResponse(request, "cases/case_file.html", context, status=filing.status)


def _public_events(case: Case):
    return case.events.filter(public=True).exclude(kind=CaseEvent.Kind.READ).order_by("at", "id")


def _track_context(case: Case) -> dict:
    overdue = case_is_overdue(case)
    return {
        "case": case,
        "events": _public_events(case),
        "overdue": overdue and not case.objection_open,
        "objection_overdue": overdue and case.objection_open,
        "superior": superior_title(case.provider),
        "can_object": case.objection_at is None
        and (case.status in (Case.Status.ANSWERED, Case.Status.CLOSED) or case_is_overdue(case)),
        "objection_form": ObjectionForm(),
    }


@never_cache
@require_http_methods(["GET", "HEAD"])
def case_track_view(request):
    """`/lacak/?kode=CODE`: 200 with the status word, 404 for an unknown code, 429 after too many misses."""
    raw = request.GET.get("kode", "").strip()
    context = {"track_form": TrackForm(initial={"kode": raw[:40]}), "kode": raw[:40]}
    if not raw:
        return TemplateResponse(request, "cases/track.html", context)
    if throttle.tracking_refused(request):
        context["refusal"] = (
            "Terlalu banyak kode yang salah dari jaringan Anda. Silakan coba lagi 10 menit lagi."
        )
        return TemplateResponse(request, "cases/track.html", context, status=429)
    case = case_track(raw)
    if case is None:
        throttle.tracking_miss_count(request)
        context["not_found"] = True
        return TemplateResponse(request, "cases/track.html", context, status=404)
    context.update(_track_context(case))
    return TemplateResponse(request, "cases/track.html", context)


@never_cache
@require_http_methods(["POST"])
def case_objection_view(request):
    raw = request.POST.get("kode", "")
    if throttle.tracking_refused(request):
        return TemplateResponse(
            request, "cases/track.html", {"refusal": "Silakan coba lagi 10 menit lagi."}, status=429
        )
    case = case_track(raw)
    if case is None:
        throttle.tracking_miss_count(request)
        return TemplateResponse(
            request, "cases/track.html", {"not_found": True, "kode": raw[:40]}, status=404
        )
    form = ObjectionForm(request.POST)
    status = 200
    message = ""
    if form.is_valid():
        try:
            case = case_object(
                code=case.code, text=form.cleaned_data["alasan"], address=client_address(request)
            )
            message = "Keberatan Anda sudah diterima dan akan dijawab oleh atasan pejabat yang menangani."
        except ValidationError as error:
            message, status = " ".join(error.messages), 400
    else:
        status = 400
    context = {
        "kode": case.code,
        "track_form": TrackForm(initial={"kode": case.code}),
        **_track_context(case),
    }
    context.update(objection_message=message, objection_form=form)
    return TemplateResponse(request, "cases/track.html", context, status=status)


@never_cache
@require_http_methods(["GET", "HEAD"])
def notice_address_confirm_view(request, token: str):
    """The link mailed to a new notice address: confirms it for the provider whose host this is."""
    address = notice_address_confirm(provider=connection.tenant, token=token)
    context = {"address": address}
    return TemplateResponse(request, "cases/notice_confirmed.html", context, status=200 if address else 404)
