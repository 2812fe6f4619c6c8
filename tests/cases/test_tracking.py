"""`GET /lacak/?kode=CODE`: 200 with the status word on the village's host and the portal, 404 for an
unknown code, 429 for a guesser; the public page shows no personal data."""

import pytest

from villageweb.cases.services import (
    Submission,
    case_create,
    case_reply,
    code_new,
    code_normalise,
    provider_case_get,
)

from ..factories import village_of

pytestmark = pytest.mark.django_db

SUBMISSION = Submission(
    kind="pengaduan",
    category="infrastruktur",
    subject="Jalan berlubang",
    message="Jalan di depan rumah Pak Slamet 081298765432 berlubang.",
    name="Slamet Riyadi",
    phone="081298765432",
    email="slamet@example.id",
)


@pytest.fixture
def case(village_factory):
    jlodro = village_factory("Jlodro")
    return jlodro, case_create(provider=village_of(jlodro), submission=SUBMISSION)


def test_code_is_long_random_and_normalises_as_typed():
    codes = {code_new() for _ in range(2000)}
    assert len(codes) == 2000
    code = next(iter(codes))
    assert code_normalise(code.lower().replace("-", " ")) == code
    assert code_normalise("TBN-0000-OOOO") is None  # 0 and O are not in the alphabet


def test_lacak_answers_200_with_the_status_word_on_the_village_and_the_portal(case, client_for):
    jlodro, filed = case
    for host in (jlodro.domain, "localhost"):
        response = client_for(host).get(f"/lacak/?kode={filed.code}")
        assert response.status_code == 200, host
        assert "Diterima" in response.text
        assert "no-store" in response["Cache-Control"]
        for personal in ("Slamet", "081298765432", "slamet@example.id", "berlubang"):
            assert personal not in response.text


def test_status_words_follow_the_case(case, client_for):
    jlodro, filed = case
    provider_case_get(provider=village_of(jlodro), case_id=filed.pk, actor="admin", address="")
    assert "Diproses" in client_for(jlodro.domain).get(f"/lacak/?kode={filed.code}").text


def test_unknown_code_is_404_and_guessing_is_throttled(case, client_for, settings):
    settings.VILLAGEWEB_CASE_TRACK_LIMIT = (3, 600)
    jlodro, filed = case
    client = client_for(jlodro.domain)
    assert [client.get(f"/lacak/?kode=TBN-2222-222{n}").status_code for n in range(2, 5)] == [404] * 3
    assert client.get("/lacak/?kode=TBN-2222-2225").status_code == 429
    # Misses count across hosts: the portal refuses the same guesser too, even a real code.
    assert client_for("localhost").get(f"/lacak/?kode={filed.code}").status_code == 429
    assert (
        client_for(jlodro.domain, REMOTE_ADDR="10.1.1.1").get(f"/lacak/?kode={filed.code}").status_code == 200
    )


def test_lacak_without_a_code_shows_the_form(client_for, platform):
    response = client_for("localhost").get("/lacak/")
    assert response.status_code == 200 and 'name="kode"' in response.text


def test_objection_after_an_answer_reopens_the_case(case, client_for):
    jlodro, filed = case
    client = client_for(jlodro.domain)
    early = client.post("/lacak/keberatan/", {"kode": filed.code, "alasan": "Belum dijawab"})
    assert early.status_code == 400 and "setelah ada jawaban" in early.text
    case_reply(
        provider=village_of(jlodro), case_id=filed.pk, actor="admin", address="", text="Sudah ditambal."
    )
    assert "Ajukan keberatan" in client.get(f"/lacak/?kode={filed.code}").text
    response = client.post("/lacak/keberatan/", {"kode": filed.code, "alasan": "Tambalan sudah rusak lagi."})
    assert response.status_code == 200 and "Keberatan Anda sudah diterima" in response.text
    filed.refresh_from_db()
    assert filed.status == "diproses" and filed.objection_at is not None and filed.read_at is None
    assert client.post("/lacak/keberatan/", {"kode": filed.code, "alasan": "Lagi"}).status_code == 400
