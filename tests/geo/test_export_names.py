import pandas as pd

from geo.export import neutralise, safe_filename, to_csv_bytes


def test_headers_are_neutralised_like_cells() -> None:
    table = pd.DataFrame({'=HYPERLINK("http://x")': ["+cmd"], "数值": [1]})
    out = neutralise(table)
    assert list(out.columns) == ['\'=HYPERLINK("http://x")', "数值"]
    assert out.iloc[0, 0] == "'+cmd"
    assert to_csv_bytes(table).decode("utf-8-sig").startswith("\"'=HYPERLINK")


def test_safe_filename_drops_separators_and_controls() -> None:
    assert safe_filename("脱贫攻坚地图_../../etc/passwd") == "脱贫攻坚地图_.._.._etc_passwd"
    assert safe_filename('a<b>:"c"|?*\x00') == "a_b_c_"
    assert safe_filename("...") == "download"
    assert len(safe_filename("长" * 500)) == 120
