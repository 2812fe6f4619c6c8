"""A kelurahan's site speaks of "kelurahan", never "desa", where a template writes the word itself."""

import pytest
from django.template.loader import render_to_string

from tenants.models import Village

from ..factories import village_of
from ..themes.helpers import branding_set

pytestmark = pytest.mark.django_db


def test_whatsapp_greeting_of_a_kelurahan_addresses_the_kelurahan(village_factory, client_for):
    kutorejo = village_factory("Kutorejo", kind="kelurahan", district_name="Tuban")
    branding_set(kutorejo, whatsapp="0812 3456 7890")
    text = client_for(kutorejo.domain).get("/").text
    assert (
        "wa.me/6281234567890?text=Halo%2C%20saya%20ingin%20bertanya%20kepada%20pemerintah%20kelurahan" in text
    )
    assert "pemerintah%20desa" not in text


def test_page_being_prepared_names_the_kind_of_village(village_factory):
    kutorejo = village_of(village_factory("Kutorejo", kind="kelurahan", district_name="Tuban"))
    assert kutorejo.kind == Village.Kind.KELURAHAN
    note = render_to_string("village/includes/preparing.html", {"current_village": kutorejo})
    assert "pemerintah kelurahan" in note and "desa" not in note
    jlodro = village_of(village_factory("Jlodro"))
    assert "pemerintah desa" in render_to_string(
        "village/includes/preparing.html", {"current_village": jlodro}
    )
