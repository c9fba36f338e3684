import io

import pandas as pd

from geo.export import neutralise, to_csv_bytes, to_xlsx_bytes

HOSTILE = pd.DataFrame(
    {"name": ["阜平县", '=HYPERLINK("http://x")', "+cmd", "-1+1", "@SUM(A1)"], "value": [1, 2, 3, 4, 5]}
)


def test_formula_cells_become_text() -> None:
    names = neutralise(HOSTILE)["name"].tolist()
    assert names[0] == "阜平县"
    assert all(n.startswith("'") for n in names[1:])
    assert neutralise(HOSTILE)["value"].tolist() == [1, 2, 3, 4, 5]


def test_csv_has_bom_and_no_live_formula() -> None:
    data = to_csv_bytes(HOSTILE)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "\n=HYPERLINK" not in text and "'=HYPERLINK" in text


def test_xlsx_round_trips() -> None:
    back = pd.read_excel(io.BytesIO(to_xlsx_bytes(HOSTILE)))
    assert back["name"].iloc[0] == "阜平县"
    assert back["name"].iloc[2] == "'+cmd"
    assert back["value"].sum() == 15
