"""Drawing a village page in its theme costs at most two queries (site and branding); the regency
policy comes from the cache."""

import pytest
from wagtail.models import Site

from themes.context_processors import theme
from themes.regency.models import regency_policy

from ..factories import in_village
from .helpers import branding_set

pytestmark = pytest.mark.django_db


def test_theme_and_branding_cost_a_village_request_at_most_two_queries(
    village_factory, rf, django_assert_max_num_queries
):
    jlodro = village_factory("Jlodro")
    branding_set(jlodro, theme="modern", address="Jl. Raya Jlodro 1")
    regency_policy()
    with in_village(jlodro):
        Site.objects.exists()  # the request's tenant middleware has already set the search path
        request = rf.get("/", HTTP_HOST=jlodro.domain)
        with django_assert_max_num_queries(2):
            context = theme(request)
            assert context["theme"].slug == "modern"
            assert context["branding"].address == "Jl. Raya Jlodro 1"


def test_templates_that_never_use_the_theme_cost_no_query(village_factory, rf, django_assert_num_queries):
    jlodro = village_factory("Jlodro")
    with in_village(jlodro), django_assert_num_queries(0):
        theme(rf.get("/admin/", HTTP_HOST=jlodro.domain))
