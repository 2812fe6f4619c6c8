"""Reading the Kemendagri list: every bad row named by line and reason, subdomains the same on every run."""

import pytest

from provisioning.village_list import VillageListUnreadable, village_list_read

HEADER = "code,name,kind,district_code,district_name\n"
TUBAN = "provisioning/data/tuban_villages.csv"


def _write(tmp_path, text, *, encoding="utf-8", newline="\n"):
    path = tmp_path / "villages.csv"
    path.write_bytes(text.replace("\n", newline).encode(encoding))
    return path


def test_real_tuban_list_gives_328_villages_with_unique_subdomains():
    listing = village_list_read(TUBAN, regency_code="35.23")
    assert listing.errors == []
    assert len(listing.villages) == 328
    subdomains = [village.subdomain for village in listing.villages]
    assert len(set(subdomains)) == 328


def test_repeated_names_get_the_kecamatan_for_every_one_of_their_villages():
    villages = village_list_read(TUBAN, regency_code="35.23").villages
    by_name = {}
    for village in villages:
        by_name.setdefault(village.name, []).append(village)
    repeated = {name: group for name, group in by_name.items() if len(group) > 1}
    assert len(repeated) == 18
    assert sum(len(group) for group in repeated.values()) == 38
    sugihwaras = {village.district_name: village.subdomain for village in repeated["Sugihwaras"]}
    assert sugihwaras == {"Jenu": "sugihwaras-jenu", "Parengan": "sugihwaras-parengan"}
    for group in repeated.values():
        for village in group:
            assert village.subdomain.endswith("-" + village.district_name.lower().replace(" ", "-"))


def test_names_with_spaces_become_hyphenated_subdomains():
    villages = village_list_read(TUBAN, regency_code="35.23").villages
    spaced = {village.name: village.subdomain for village in villages if " " in village.name}
    assert len(spaced) == 8
    assert spaced["Lajo Kidul"] == "lajo-kidul"
    assert spaced["Prunggahan Wetan"] == "prunggahan-wetan"


def test_subdomains_do_not_depend_on_row_order(tmp_path):
    rows = [
        "35.23.01.2001,Sumber,desa,35.23.01,Kenduruan",
        "35.23.02.2001,Sumber,desa,35.23.02,Jatirogo",
        "35.23.03.2001,Wangi,desa,35.23.03,Bangilan",
    ]
    forward = village_list_read(_write(tmp_path, HEADER + "\n".join(rows) + "\n"))
    backward = village_list_read(_write(tmp_path, HEADER + "\n".join(reversed(rows)) + "\n"))
    assert {v.code: v.subdomain for v in forward.villages} == {v.code: v.subdomain for v in backward.villages}
    assert {v.subdomain for v in forward.villages} == {"sumber-kenduruan", "sumber-jatirogo", "wangi"}


def test_same_name_twice_in_one_kecamatan_adds_the_village_number(tmp_path):
    rows = (
        "35.23.01.2001,Sumber,desa,35.23.01,Kenduruan\n"
        "35.23.01.2002,Sumber,desa,35.23.01,Kenduruan\n"
        "35.23.02.2001,Sumber,desa,35.23.02,Jatirogo\n"
    )
    villages = village_list_read(_write(tmp_path, HEADER + rows)).villages
    assert [v.subdomain for v in villages] == [
        "sumber-kenduruan-2001",
        "sumber-kenduruan-2002",
        "sumber-jatirogo",
    ]


def test_bad_rows_are_reported_with_line_and_reason_and_good_rows_kept(tmp_path):
    text = HEADER + (
        "35.23.01.2001,Jlodro,desa,35.23.01,Kenduruan\n"  # line 2: good
        "35.23.01.201,Rusak,desa,35.23.01,Kenduruan\n"  # 3: bad code
        "35.24.01.2001,Luar,desa,35.24.01,Lain\n"  # 4: other regency
        "35.23.01.2002,,desa,35.23.01,Kenduruan\n"  # 5: empty name
        "35.23.01.2001,Jlodro,desa,35.23.01,Kenduruan\n"  # 6: duplicate code
        "35.23.01.2003,Jamprong,desa,35.23.01\n"  # 7: four columns
        "35.23.01.2004,Tawaran,desa,35.23.02,Kenduruan\n"  # 8: district code mismatch
        "35.23.01.2005,Sidomukti,kota,35.23.01,Kenduruan\n"  # 9: bad kind
        "\n"
        "35.23.01.2006,Sokogunung,desa,35.23.01,Kenduruan\n"  # 11: good
    )
    listing = village_list_read(_write(tmp_path, text), regency_code="35.23")
    assert [v.code for v in listing.villages] == ["35.23.01.2001", "35.23.01.2006"]
    reasons = {error.line: error.reason for error in listing.errors}
    assert sorted(reasons) == [3, 4, 5, 6, 7, 8, 9]
    assert "PP.KK.CC.DDDD" in reasons[3]
    assert "35.23" in reasons[4]
    assert "nama desa kosong" in reasons[5]
    assert "baris 2" in reasons[6]
    assert "jumlah kolom 4" in reasons[7]
    assert "kode kecamatan" in reasons[8]
    assert "jenis 'kota'" in reasons[9]
    assert listing.errors[0].code == "35.23.01.201"


def test_regency_defaults_to_the_first_good_code_of_the_file(tmp_path):
    text = HEADER + "35.24.01.2001,Satu,desa,35.24.01,A\n35.23.01.2001,Dua,desa,35.23.01,B\n"
    listing = village_list_read(_write(tmp_path, text))
    assert [v.code for v in listing.villages] == ["35.24.01.2001"]
    assert listing.errors[0].line == 3


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_bom_and_crlf_are_read_alike(tmp_path, encoding, newline):
    text = HEADER + "35.23.01.2001,Lajo Kidul,desa,35.23.01,Singgahan\n35.23.01.2002,Wangi,desa,35.23.01,X\n"
    listing = village_list_read(_write(tmp_path, text, encoding=encoding, newline=newline))
    assert listing.errors == []
    assert [(v.name, v.district_name, v.subdomain) for v in listing.villages] == [
        ("Lajo Kidul", "Singgahan", "lajo-kidul"),
        ("Wangi", "X", "wangi"),
    ]


def test_wrong_header_or_encoding_makes_the_whole_file_unreadable(tmp_path):
    with pytest.raises(VillageListUnreadable, match="Baris 1"):
        village_list_read(_write(tmp_path, "kode,nama\n35.23.01.2001,Jlodro\n"))
    with pytest.raises(VillageListUnreadable, match="UTF-8"):
        village_list_read(
            _write(tmp_path, HEADER + "35.23.01.2001,Jl\xf6dro,desa,35.23.01,K\n", encoding="latin-1")
        )
    with pytest.raises(VillageListUnreadable, match="tidak ditemukan"):
        village_list_read(tmp_path / "tidak-ada.csv")
