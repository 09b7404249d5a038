from ouvert.actors.themes import (
    NOMENCLATURE,
    Theme,
    code_label,
    is_open_government,
    themes_for_codes,
)


def test_the_nomenclature_ships_every_code_and_every_code_has_a_theme():
    assert len(NOMENCLATURE) == 297
    assert len({code[:3] for code in NOMENCLATURE}) == 29
    for code in NOMENCLATURE:
        assert themes_for_codes(code), code


def test_codes_map_to_themes_and_the_open_government_families():
    assert themes_for_codes("024026") == [Theme.ENVIRONMENT]
    assert themes_for_codes("003020") == [Theme.RIGHTS, Theme.WOMEN]
    assert themes_for_codes("016015") == [Theme.PARTICIPATION, Theme.RESEARCH]
    assert themes_for_codes("023003") == [Theme.TRANSPARENCY, Theme.ECONOMY]
    assert themes_for_codes("000000", "999999", "") == []
    assert themes_for_codes("015005", "011075") == [Theme.EDUCATION, Theme.LEISURE]
    for family in ("001", "002", "003", "004", "005", "024", "030"):
        code = next(code for code in NOMENCLATURE if code.startswith(family))
        assert is_open_government(themes_for_codes(code)), family
    assert is_open_government(themes_for_codes("016015"))
    assert is_open_government(themes_for_codes("023001"))
    assert not is_open_government(themes_for_codes("011075"))  # football
    assert code_label("004020").startswith("contrôle judiciaire")
