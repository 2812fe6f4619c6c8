"""Tulis Kabar (/admin/tulis-kabar/): news written on a phone, light enough for a slow connection.

Its own small template and stylesheet instead of Wagtail's admin frame and script bundle (the full
editor transfers about 0.66 MB compressed), always in Indonesian. The news goes through
villageweb.news.services.publishing.news_write, the same page revisions and workflow as the full editor.
"""

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache

from villageweb.news.forms import NewsWriteForm
from villageweb.news.models import NewsIndexPage, NewsPage
from villageweb.news.services import NewsPublishError
from villageweb.news.services.photos import PHOTO_LONG_SIDE
from villageweb.news.services.publishing import NewsAction, NewsAlreadySaved, news_rights, news_write
from villageweb.schemas import in_public_schema

LANGUAGE = "id"
# The saved page's query flag after a second send of the same form.
RESENT = "ulang"


def news_index_for(request) -> NewsIndexPage | None:
    """The village's Berita page (one per village; none on the portal)."""
    if in_public_schema():
        return None
    return NewsIndexPage.objects.first()


def _actions(rights) -> list[tuple[str, str]]:
    """The buttons the user may press. "Simpan sebagai draf" comes first in the page: Enter or Go on
    a phone's keyboard presses a form's first button, and that must never publish."""
    actions = [(NewsAction.SAVE, "Simpan sebagai draf")]
    if rights.can_submit:
        actions.append((NewsAction.SUBMIT, "Kirim untuk ditinjau"))
    if rights.can_publish:
        actions.append((NewsAction.PUBLISH, "Terbitkan sekarang"))
    return actions


def _indonesian(response):
    """Tulis Kabar is Indonesian even for an editor who chose English for the rest of the admin."""
    response["Content-Language"] = LANGUAGE
    return response


def _refused(request, status: int = 403):
    return _indonesian(render(request, "news/tulis_kabar/refused.html", status=status))


@never_cache
def news_write_view(request):
    index = news_index_for(request)
    if index is None:
        raise Http404("Halaman tidak ditemukan")
    with translation.override(LANGUAGE):
        rights = news_rights(user=request.user, index=index)
        if not rights.can_add:
            return _refused(request)
        actions = _actions(rights)
        form = NewsWriteForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            # A send without a chosen button (a script, an old page) is a draft, never published.
            chosen = request.POST.get("action") or NewsAction.SAVE
            action = next((value for value, _label in actions if value == chosen), None)
            if action is None:
                form.add_error(None, "Tindakan itu tidak tersedia untuk Anda. Pilih salah satu tombol.")
            else:
                try:
                    page = news_write(
                        index=index,
                        user=request.user,
                        action=action,
                        title=form.cleaned_data["title"],
                        date=form.cleaned_data["date"],
                        summary=form.cleaned_data["summary"],
                        body_text=form.cleaned_data["body"],
                        photos=form.cleaned_data["prepared_photos"],
                        categories=form.cleaned_data.get("categories") or (),
                        submission_key=form.cleaned_data["submission_key"],
                    )
                except NewsAlreadySaved as saved:
                    return redirect(f"{reverse('news_write_saved', args=[saved.page.pk])}?{RESENT}=1")
                except NewsPublishError as error:
                    form.add_error(None, str(error))
                else:
                    return redirect("news_write_saved", page_id=page.pk)
        form.errors_link()
        context = {
            "form": form,
            "actions": actions,
            "primary": actions[-1][0],
            "index": index,
            "photo_form": rights.can_add_photos,
            "max_upload": settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE,
            "photo_long_side": PHOTO_LONG_SIDE,
        }
        return _indonesian(render(request, "news/tulis_kabar/form.html", context))


@never_cache
def news_write_saved_view(request, page_id: int):
    index = news_index_for(request)
    if index is None:
        raise Http404("Halaman tidak ditemukan")
    page = NewsPage.objects.child_of(index).filter(pk=page_id).first()
    if page is None:
        raise Http404("Berita tidak ditemukan")
    with translation.override(LANGUAGE):
        if not page.permissions_for_user(request.user).can_edit():
            return _refused(request)
        state = page.current_workflow_state
        if page.live:
            status = "live"
        elif state is not None and state.status == state.STATUS_IN_PROGRESS:
            status = "review"
        else:
            status = "draft"
        context = {
            "page": page,
            "status": status,
            "dated_ahead": page.date > timezone.localdate(),
            "live_url": page.full_url if page.live else None,
            "draft_url": reverse("wagtailadmin_pages:view_draft", args=[page.pk]),
            "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
            "resent": request.GET.get(RESENT) == "1",
        }
        return _indonesian(render(request, "news/tulis_kabar/saved.html", context))
