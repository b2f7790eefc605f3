"""Reading files through Arrow (#14): what a user gets must not depend on the reader."""

from __future__ import annotations

import zipfile

import geopandas as gpd
import pandas as pd
import pyarrow
import pytest
import shapely

from geo.i18n.problems import label_text
from geo.io import read_vector
from geo.loaders import load_services
from geo.model.schema import SERVICES
from geo.model.validation import validate_frame
from tests.conftest import DEMO_DIR
from tests.test_validation import TRICKY_TEXTS


def test_a_zipped_cp949_shapefile_without_cpg_is_read_as_korean(tmp_path):
    # Korean Windows tools write the .dbf in CP949 and often no .cpg; the loader reads such a zip in place.
    names = ["스마트 버스정류장", "안산 스마트 횡단보도"]
    frame = gpd.GeoDataFrame({"name_ko": names}, geometry=[shapely.Point(126.8, 37.3)] * 2, crs=4326)
    frame.to_file(tmp_path / "s.shp", engine="pyogrio", encoding="cp949")
    (tmp_path / "s.cpg").unlink(missing_ok=True)
    with zipfile.ZipFile(tmp_path / "s.zip", "w") as archive:
        for part in ("s.shp", "s.shx", "s.dbf", "s.prj"):
            archive.write(tmp_path / part, part)
    result = read_vector(tmp_path / "s.zip")
    assert result.report.ok
    assert result.frame["name_ko"].tolist() == names
    assert (
        label_text(result.encoding) == "CP949 (자동 판별)" and label_text(result.encoding, "en") == "CP949 (detected)"
    )


def _sliced(texts: list) -> pd.Series:
    return pd.Series([None, *texts], dtype=pd.StringDtype("pyarrow")).iloc[1:].reset_index(drop=True)


def _chunked(texts: list) -> pd.Series:
    middle = len(texts) // 2
    chunks = pyarrow.chunked_array([pyarrow.array(texts[:middle], pyarrow.string()), pyarrow.array(texts[middle:])])
    return pd.Series(pd.arrays.ArrowStringArray(chunks))


@pytest.mark.parametrize(
    "held_as",
    [_sliced, _chunked, lambda t: pd.Series(t, dtype="str"), lambda t: pd.Series(t, dtype="category")],
    ids=["sliced", "two-chunks", "str", "category"],
)
@pytest.mark.parametrize("field", ["status", "name_ko", "name_en"])
def test_text_however_arrow_holds_it_is_checked_like_python_text(held_as, field):
    # Arrow arrays that start inside their buffer or come in several chunks (what readers give) must give
    # the values and messages of plain Python text.
    base = load_services(DEMO_DIR).head(1)
    frame = base.loc[base.index.repeat(len(TRICKY_TEXTS))].reset_index(drop=True)
    frame[field] = pd.Series(TRICKY_TEXTS, dtype=object)
    held = frame.copy()
    held[field] = held_as(TRICKY_TEXTS)
    typed, report = validate_frame(frame, SERVICES, "f.geojson")
    held_typed, held_report = validate_frame(held, SERVICES, "f.geojson")
    assert held_typed[field].tolist() == typed[field].tolist()
    assert [str(p) for p in held_report.problems] == [str(p) for p in report.problems]
