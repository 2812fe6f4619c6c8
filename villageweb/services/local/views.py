"""The village's own admin screens for the regency's village services: the list of templates with
what the village changed, and one form per template (and one for the defaults of every template).

Every screen works on the current host's village only: the rows live in its own schema, and no URL
names a village. Village-only code: the portal's host refuses these views (tenants/isolation.py)."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from wagtail.admin import messages

from villageweb.services.local import services
from villageweb.services.local.models import ServiceOverride
from villageweb.services.local.regency import INDEX_SLUG, templates_for
from villageweb.village.models import ServiceIndexPage


def current_village_index(request) -> ServiceIndexPage | None:
    """The village's /layanan/ page when the user may publish it (an override is live at once, with
    no approval step), else None; a desa or kelurahan only."""
    village = getattr(connection, "tenant", None)
    if village is None or not getattr(village, "is_village", False) or not request.user.is_authenticated:
        return None
    index = ServiceIndexPage.objects.filter(depth=3, slug=INDEX_SLUG).first()
    if index is None or not index.permissions_for_user(request.user).can_publish():
        return None
    return index


def _village_for(request):
    if current_village_index(request) is None:
        if getattr(getattr(connection, "tenant", None), "is_village", False):
            raise PermissionDenied
        raise Http404
    return connection.tenant


def service_list(request):
    village = _village_for(request)
    regency = services.village_services(village=village)
    overrides = {row.template_id: row for row in ServiceOverride.objects.all()}
    rows = [
        {
            "service": service,
            "changed": [
                str(ServiceOverride._meta.get_field(name).verbose_name)
                for name in ServiceOverride.FIELDS
                if getattr(overrides.get(service.template_id), name, "")
            ],
        }
        for service in regency
    ]
    return render(
        request,
        "layanan_desa/service_list.html",
        {"rows": rows, "defaults": overrides.get(None), "village": village},
    )


class OverrideForm(forms.ModelForm):
    class Meta:
        model = ServiceOverride
        fields = ["not_served", *ServiceOverride.FIELDS]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}
        # What a village fills in differs from a provider's own service page (the models' texts).
        help_texts = {
            "officer": "Jabatan petugas (tanpa nama pribadi bila tidak perlu).",
            "hours": "Misalnya: Senin–Kamis 08.00–14.00, Jumat 08.00–11.00 WIB.",
            "online_url": "Bila desa memakai aplikasi sendiri (misalnya layanan mandiri OpenSID), "
            'alamatnya (https://...): tombol "Mulai" membukanya. Surat tetap dibuat di aplikasi desa, '
            "bukan di situs ini.",
            "online_label": "Misalnya: Layanan Mandiri OpenSID.",
        }
        # The model's validator gives the Indonesian message (http/https only); the form's URL
        # field would answer its own generic one, or quietly prefix a bare name with http://.
        field_classes = {"online_url": forms.CharField}


class DefaultsForm(OverrideForm):
    class Meta(OverrideForm.Meta):
        fields = list(ServiceOverride.FIELDS)


def service_edit(request, template_id: int | None = None):
    village = _village_for(request)
    template = get_object_or_404(templates_for(village), pk=template_id) if template_id else None
    override = services.override_for(template=template)
    form_class = OverrideForm if template else DefaultsForm
    form = form_class(request.POST or None, instance=override)
    if request.method == "POST" and form.is_valid():
        services.override_save(village=village, template=template, values=form.cleaned_data)
        messages.success(
            request,
            f"Tersimpan: {template.title if template else 'pengaturan untuk semua layanan'}. "
            "Perubahan tampil di situs desa dan di portal.",
        )
        return redirect("layanan_desa_list")
    merged = None
    if template is not None:
        merged = next(s for s in services.village_services(village=village, templates=[template]))
    return render(
        request,
        "layanan_desa/service_edit.html",
        {"form": form, "template": template, "merged": merged, "village": village},
    )
