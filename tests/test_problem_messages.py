"""Problem messages: every code worded in Korean and English, and used codes all have words (geo.i18n.problems)."""

from __future__ import annotations

import ast
import re
import sqlite3
import string

import pytest

from geo.i18n import problems_audit, problems_files, problems_store
from geo.i18n.problems import PREFIX, TEXTS, Message, from_stored, message, render, to_stored
from geo.model.validation import Problem, ValidationReport
from geo.settings import PROJECT_ROOT
from geo.store import GeoPackageStore, StoreError

HANGUL = re.compile(r"[\uac00-\ud7a3]")
CODES = sorted(key.removeprefix(PREFIX) for key in TEXTS)


def sample_params(template: str) -> dict[str, object]:
    """A plain ASCII value for each placeholder, a number where the format asks for one."""
    params: dict[str, object] = {}
    for _, name, spec, _ in string.Formatter().parse(template):
        if name:
            params[name] = 1234.5 if spec and spec[-1] in "fg" else 1234 if spec else "X1"
    return params


@pytest.mark.parametrize("code", CODES)
def test_each_message_renders_in_both_languages(code):
    entry = TEXTS[PREFIX + code]
    params = sample_params(entry["ko"]) | sample_params(entry["en"])
    korean, english = render(code, params, "ko"), render(code, params, "en")
    assert korean.strip() and english.strip()
    assert not HANGUL.search(english), english
    if code != "text":  # free text is shown as it is
        assert HANGUL.search(korean) or code.startswith("where.") or code == "lonlat", korean
        assert korean != english
    # Both say the same values: every placeholder of one language is in the other.
    assert set(sample_params(entry["ko"])) <= set(params) and set(sample_params(entry["en"])) <= set(params)


def _codes_in_source() -> set[str]:
    """Codes named in the code base: ``message("code", …)``, ``FundingSplitError("code", …)``, io's kinds."""
    found: set[str] = set()
    for path in (PROJECT_ROOT / "geo").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        found |= set(re.findall(r'(?:\bmessage|FundingSplitError)\(\s*"([a-z_]+)"', text))
    kinds = ("gpkg", "geojson", "shp")
    found |= {f"not_utf8_{k}" for k in kinds} | {f"unreadable_{k}" for k in (*kinds, "vector")}
    found |= {"encoding_chosen_text", "encoding_chosen_dbf"}
    return found


def test_every_code_the_code_base_uses_has_words():
    used = _codes_in_source()
    assert len(used) > 40
    assert used <= set(CODES), used - set(CODES)


def test_a_problem_names_file_row_and_field_in_the_readers_language():
    problem = Problem(
        "services.csv", 12, "status", message("not_allowed", value="완료", allowed=["계획", "운영"]), "행"
    )
    assert str(problem) == "services.csv 12행 status: '완료'는 허용되지 않는 값입니다 (허용: 계획, 운영)"
    assert problem.line("en") == "services.csv row 12 status: '완료' is not an allowed value (allowed: 계획, 운영)"
    feature = Problem("areas.geojson", 3, "geometry", message("no_geometry"))
    assert feature.line("ko") == "areas.geojson 3번째 피처 geometry: 도형(geometry)이 없습니다"
    assert feature.line("en") == "areas.geojson feature 3 geometry: There is no geometry"
    layer = Problem("layers.yaml", 2, "title", message("no_geometry"), "번째 레이어")
    assert layer.line("ko").startswith("layers.yaml 2번째 레이어 title: ")


def test_parameters_are_worded_in_the_readers_language():
    cut = message("not_number", value=message("cut_length", text="x" * 40, length=5000))
    assert cut.text("ko") == f"'{'x' * 40}… (5,000자)'는 숫자가 아닙니다"
    assert cut.text("en") == f"'{'x' * 40}… (5,000 characters)' is not a number"
    paired = Message("not_allowed", {"value": "x", "allowed": [{"ko": "운영", "en": "Operating"}]})
    assert paired.text("en").endswith("(allowed: Operating)") and paired.text("ko").endswith("(허용: 운영)")
    assert message("file_missing").text("fr") == "파일이 없습니다"  # an unknown language reads Korean


def test_free_text_from_modules_not_yet_coded_is_kept_as_it_is():
    report = ValidationReport()
    report.add("plan.yaml", None, None, "최상위가 항목(key: value) 목록이어야 합니다")
    assert report.codes == ["text"]
    assert report.messages(lang="en") == ["plan.yaml: 최상위가 항목(key: value) 목록이어야 합니다"]


# Modules whose messages are all codes: a Korean sentence written inline there fails the scan below.
CODED_MODULES = (
    "geo/model/validation/*.py",
    "geo/importer/safety.py",
    "geo/importer/text.py",
    "geo/importer/boundaries.py",
    "geo/store/backend.py",
    "geo/store/backend_postgis.py",
    "geo/store/gpkg_codec.py",
    "geo/importer/reference_layers.py",
    "geo/loaders.py",
    "geo/spatial.py",
)
# Korean that is not a message: how a position is counted, words a cell may hold, and what files hold
# (column names recognised, a reference layer's stored description of where it came from).
NOT_MESSAGES = {
    "피처",
    "행",
    "번째 레이어",
    "예",
    "아니오",
    "위도",
    "경도",
    "번호",
    "제공기관명",
    "관리기관명",
    "운영기관명",
    "데이터기준일자",
    "기준일자",
    "파일에 제공기관 없음",
    "원본 자료의 이용 조건을 따름 (공공데이터는 제공기관 표시)",
    "미상 (",
    " 가져옴)",
    # Ansan's gu and the words that end them, and the source an imported boundary layer is stored with.
    "상록구",
    "단원구",
    "안산시",
    "구",
    "시",
    "가져온 파일 ",
    "년 기준, ",
    "의 행정동을 합쳐 만든 경계",
}


def inline_korean(source: str) -> list[tuple[int, str]]:
    """(line, text) of Korean string constants in ``source`` that are neither docstrings, regexes nor data words."""
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and HANGUL.search(node.value)
        and node.value not in NOT_MESSAGES
        and not re.search(r"[|$\\[]", node.value)  # a regular expression matching Korean column names
    ]


def test_the_scan_sees_an_inline_message_but_not_a_docstring_or_a_unit():
    source = '''"""모듈 설명."""\nreport.add(name, 3, None, f"파일이 {n}개로 한도를 넘습니다 (나누세요)", "행")\n'''
    assert inline_korean(source) == [(2, "파일이 "), (2, "개로 한도를 넘습니다 (나누세요)")]


@pytest.mark.parametrize("pattern", CODED_MODULES)
def test_coded_modules_word_no_message_themselves(pattern):
    # Their messages live in geo.i18n.problems (and problems_files); add a code there instead of a sentence here.
    paths = sorted(PROJECT_ROOT.glob(pattern))
    assert paths
    found = [
        f"{p.relative_to(PROJECT_ROOT)}:{line} {text!r}"
        for p in paths
        for line, text in inline_korean(p.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_problem_tables_share_no_code():
    # problems_files, _store and _audit are merged into problems.TEXTS: a code in two would silently take one wording.
    tree = ast.parse((PROJECT_ROOT / "geo" / "i18n" / "problems.py").read_text(encoding="utf-8"))
    table = next(
        node.value
        for node in tree.body
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id == "TEXTS"
    )
    assert isinstance(table, ast.Dict)
    own = {key.value for key in table.keys if isinstance(key, ast.Constant)}
    tables = (problems_files.TEXTS, problems_store.TEXTS, problems_audit.TEXTS)
    assert own and all(own.isdisjoint(table) for table in tables)
    assert len(TEXTS) == len(own) + sum(len(table) for table in tables)


def test_a_store_error_says_why_in_the_readers_language(tmp_path):
    store = GeoPackageStore(tmp_path / "dashboard.gpkg")
    with pytest.raises(StoreError) as caught:
        store.backup()
    error = caught.value
    assert error.detail.code == "backup_no_store"
    # Logs and the command line keep the Korean; a page words it for its reader.
    assert str(error) == error.text("ko") == f"백업할 저장소가 없습니다: {store.path}"
    assert error.text("en") == f"There is no store to back up: {store.path}"


def test_a_stored_message_comes_back_with_its_nested_parameters():
    detail = message("audit_upgraded", added=[message("audit_added_voice"), "x"], folder={"ko": "가", "en": "a"})
    assert from_stored(to_stored(detail)) == Message(
        "audit_upgraded", {"added": [Message("audit_added_voice", {}), "x"], "folder": {"ko": "가", "en": "a"}}
    )
    # Text stored before codes, or JSON that is not one of our messages, is shown as it is.
    for old in ("로그인 실패 (주소 알 수 없음)", '{"code": "no_such_code", "params": {}}', '{"code": 1'):
        assert from_stored(old).text("en") == old


def test_the_audit_log_reads_in_the_readers_language_and_keeps_old_rows(tmp_path):
    store = GeoPackageStore(tmp_path / "dashboard.gpkg")
    store.initialise(PROJECT_ROOT / "data")
    assert store.unlock_account("kim", user="lee") is False
    with sqlite3.connect(store.path) as db:  # a row as the version before codes wrote it
        db.execute(
            "INSERT INTO audit_log (at, user_name, action, detail) VALUES ('2026-01-01', 'lee', 'restore', ?)",
            ("백업 a.gpkg에서 복원했습니다",),
        )
    db.close()
    korean, english = store.audit_log()["detail"].tolist(), store.audit_log("en")["detail"].tolist()
    assert korean[0].startswith("데이터 폴더 'data' (자료 지문 ") and korean[0].endswith("에서 저장소를 만들었습니다")
    assert english[0].startswith("Store made from the data folder 'data' (data fingerprint ")
    assert korean[1:] == ["'kim' 계정의 잠겨 있지 않았고 실패 횟수를 0으로 했습니다", "백업 a.gpkg에서 복원했습니다"]
    assert english[1:] == [
        "The account 'kim' was not locked; its failure count set to 0",
        "백업 a.gpkg에서 복원했습니다",
    ]
