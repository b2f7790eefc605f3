"""Column mapping: a file's own column names to the schema's (``사업명=name_ko``)."""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from geo.i18n import t
from geo.i18n.problems import ProblemError
from geo.importer.readers import (
    COORDINATE_COLUMNS,
    HEADER_SEARCH_ROWS,
    WKT_NAMES,
    Table,
    normalised,
    read_table_file,
)
from geo.model.schema import DatasetSchema
from geo.model.validation import Message, ValidationReport, message
from geo.store import LAYERS


def parse_mapping(items: Iterable[str]) -> dict[str, str]:
    """``["사업명=name_ko", ...]`` → ``{"사업명": "name_ko"}``.

    Raises
    ------
    ProblemError
        An item without ``=`` or with an empty side (a ValueError worded in either language).
    """
    mapping: dict[str, str] = {}
    for item in items:
        source, sep, target = item.partition("=")
        if not sep or not source.strip() or not target.strip():
            raise ProblemError(message("mapping_malformed", item=item))
        mapping[source.strip()] = target.strip()
    return mapping


def apply_mapping(
    frame: pd.DataFrame, mapping: Mapping[str, str], layer: str, name: str
) -> tuple[pd.DataFrame, dict[str, str], ValidationReport]:
    """``frame`` with columns renamed; the entries that applied; problems with the mapping itself."""
    allowed = set(LAYERS[layer].column_names) | set(COORDINATE_COLUMNS)
    report = ValidationReport()
    applied: dict[str, str] = {}
    for source, target in mapping.items():
        if target not in allowed:
            report.add(
                name,
                None,
                source,
                message(
                    "mapping_target_unknown",
                    target=target,
                    label=LAYERS[layer].label_ko,
                    layer=layer,
                    allowed=list(LAYERS[layer].column_names),
                ),
            )
        elif source not in frame.columns:
            continue
        elif target in frame.columns and target != source:
            report.add(name, None, source, message("mapping_target_taken", target=target, source=source))
        else:
            applied[source] = target
    renamed = frame.rename(columns=applied) if applied else frame
    return renamed, applied, report


# --- recognition ---------------------------------------------------------------------------------------------

# Column names Korean files use for each schema column, compared normalised (lower case, no spaces, '_', brackets).
ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "boundaries": {
        "boundary_id": (
            "행정동코드",
            "adm_cd",
            "adm_dr_cd",
            "adm_cd2",
            "emd_cd",
            "hjd_cd",
            "행정구역코드",
            "code",
            "코드",
        ),
        "name_ko": (
            "행정동명",
            "adm_nm",
            "adm_dr_nm",
            "emd_kor_nm",
            "읍면동명",
            "hjd_nam",
            "행정동",
            "동명",
            "name",
            "이름",
        ),
        "name_en": ("영문명", "name_eng", "emd_eng_nm", "eng_nm", "영문이름", "영문"),
        "gu": ("구", "구명", "자치구", "시군구명", "sggnm", "sgg_nm", "sig_kor_nm"),
        "level": ("구분", "경계구분"),
        "source": ("출처", "자료출처"),
        "accuracy": ("정확도", "경계정확도"),
    },
    "areas": {
        "area_id": ("대상지id", "대상지코드", "사업지구코드"),
        "name_ko": ("대상지명", "사업지구명", "지구명", "사업명", "name"),
        "name_en": ("영문명", "name_eng"),
        "kind_ko": ("유형", "사업유형", "지구유형"),
        "location_ko": ("위치", "소재지"),
        "reported_area_m2": ("면적", "면적㎡", "면적(㎡)", "보도면적"),
        "homes": ("주택", "주택수", "세대수", "호수"),
        "residents": ("계획인구", "인구"),
        "source": ("출처", "자료출처"),
        "accuracy": ("정확도", "경계정확도"),
    },
    "services": {
        "service_id": ("서비스id", "사업id", "사업번호", "관리번호"),
        "name_ko": ("사업명", "서비스명", "사업이름"),
        "name_en": ("영문명", "영문사업명", "name_eng"),
        "domain": ("분야", "서비스분야", "사업분야"),
        "direction": ("추진방향", "방향"),
        "area_id": ("대상지", "대상지id", "사업지구"),
        "status": ("상태", "추진상태", "진행상태"),
        "phase": ("단계", "추진단계"),
        "start_year": ("시작연도", "시작년도", "착수연도"),
        "end_year": ("종료연도", "종료년도", "완료연도"),
        "budget_krw_100m": ("사업비", "사업비억원", "예산", "총사업비"),
        "funding": ("재원", "재원구분"),
        "department": ("담당부서", "부서", "주관부서"),
        "description_public": ("시민안내", "설명", "사업내용"),
        "updated_at": ("갱신일", "수정일", "기준일"),
    },
}
# Columns holding the data's reference year or date: they become the layer's date (in its source).
YEAR_ALIASES = ("기준연도", "기준년도", "base_year", "기준일자", "데이터기준일자", "year", "연도")

# Ansan's 25 administrative dongs (KOSTAT 2018, as in data/boundaries.geojson), to recognise a name column by content.
ANSAN_DONGS = {
    "일동": "상록구", "본오1동": "상록구", "본오2동": "상록구", "본오3동": "상록구", "부곡동": "상록구",
    "월피동": "상록구", "성포동": "상록구", "반월동": "상록구", "안산동": "상록구", "이동": "상록구",
    "사동": "상록구", "사이동": "상록구", "해양동": "상록구", "와동": "단원구", "초지동": "단원구",
    "선부1동": "단원구", "선부2동": "단원구", "선부3동": "단원구", "대부동": "단원구", "호수동": "단원구",
    "고잔동": "단원구", "중앙동": "단원구", "원곡동": "단원구", "신길동": "단원구", "백운동": "단원구",
}  # fmt: skip

# How a file column came to be mapped (``mapping_how``): ids, worded by :func:`how_label` (``import.how.<id>``).
BY_NAME, BY_CONTENT, GIVEN, REMEMBERED, SAME_NAME = "name", "content", "given", "remembered", "same_name"


def how_label(how: str, lang: str = "ko") -> str:
    """How a column was mapped, in ``lang``: "열 이름으로" / "by its name", …"""
    return t(f"import.how.{how}", lang)


def _last_words(values: pd.Series) -> pd.Series:
    return values.dropna().astype(str).str.strip().str.split().str[-1].dropna()


def looks_like_dong_names(values: pd.Series) -> bool:
    """Most values end in 동/읍/면 (last word), and some are Ansan's dongs."""
    words = _last_words(values)
    if words.empty:
        return False
    suffixed = words.str.contains(r"[동읍면]$").mean()
    known = words.isin(list(ANSAN_DONGS)).mean()
    return bool(suffixed >= 0.8 and known >= 0.3)


def looks_like_admin_codes(values: pd.Series) -> bool:
    """Every value is a 7-, 8- or 10-digit administrative code (KOSTAT or MOIS), all different."""
    text = values.dropna().astype(str).str.strip().str.removesuffix(".0")
    return bool(len(text) and text.str.fullmatch(r"\d{7}|\d{8}|\d{10}").all() and text.is_unique)


def _aliases(layer: str) -> dict[str, tuple[str, ...]]:
    """The layer's aliases, and each schema column's Korean label: the header the app's own exports write."""
    aliases = dict(ALIASES.get(layer, {}))
    for column in LAYERS[layer].columns if layer in LAYERS else ():
        aliases[column.name] = (*aliases.get(column.name, ()), column.label_ko)
    return aliases


def recognise_columns(frame: pd.DataFrame, layer: str, taken: Mapping[str, str]) -> dict[str, tuple[str, str]]:
    """Proposed ``source column → (schema column, how)`` for columns the file names its own way.

    ``taken`` is the mapping already given (by the user or remembered); those
    sources and targets are left alone, as are schema columns the file already has.
    """
    columns = [c for c in frame.columns if c != getattr(frame, "geometry", pd.Series(name=None)).name]
    present = {str(c) for c in columns} | set(taken.values())
    used = set(taken)
    proposed: dict[str, tuple[str, str]] = {}
    lookup = {normalised(c): c for c in columns}
    for target, aliases in _aliases(layer).items():
        if target in present:
            continue
        source = next((lookup[normalised(a)] for a in aliases if normalised(a) in lookup), None)
        if source is not None and source not in used:
            proposed[source] = (target, BY_NAME)
            used.add(source)
            present.add(target)
    if layer == "boundaries":
        checks = (("name_ko", looks_like_dong_names), ("boundary_id", looks_like_admin_codes))
        for target, check in checks:
            if target in present:
                continue
            source = next((c for c in columns if c not in used and check(frame[c])), None)
            if source is not None:
                proposed[source] = (target, BY_CONTENT)
                used.add(source)
                present.add(target)
    return proposed


def year_column(frame: pd.DataFrame) -> str | None:
    """The column holding the data's reference year (``기준연도``), if any."""
    lookup = {normalised(c): c for c in frame.columns}
    return next((lookup[normalised(a)] for a in YEAR_ALIASES if normalised(a) in lookup), None)


def map_arguments(mapping: Mapping[str, str]) -> str:
    """The command-line arguments that reproduce ``mapping`` (quoted where a name has spaces)."""
    return " ".join(f"--map {_shell_word(f'{source}={target}')}" for source, target in mapping.items())


def _shell_word(text: str) -> str:
    # shlex.quote would quote every Hangul name; only spaces and shell characters need it.
    return shlex.quote(text) if re.search(r"[\s'\"$`\\|&;<>()*?!#~\[\]{}]", text) else text


def _label_key(text: str) -> str:
    """A label compared without spaces and case: '시 전역', '시전역' and 'citywide ' are one key."""
    return "".join(text.split()).casefold()


def vocabulary_ids(frame: pd.DataFrame, schema: DatasetSchema) -> tuple[pd.DataFrame, list[Message]]:
    """Vocabulary cells written as a term's Korean or English label, changed to the term's id.

    The app's own tables and exports show labels ('시민 중심 체감형 스마트서비스 확대', '시 전역'),
    so a file edited from them says what staff read, not the stored id. Other values are left for
    validation to refuse. Returns the frame (a copy when anything changed) and one note per column.
    """
    notes: list[Message] = []
    for column in schema.columns:
        if not column.terms or column.name not in frame.columns or column.vocabulary is None:
            continue
        ids = {_label_key(label): term.value for term in column.terms for label in (term.en, term.ko)}
        ids.update({_label_key(term.value): term.value for term in column.terms})  # an id is never another's label
        changed = {
            value: ids[_label_key(value)]
            for value in set(frame[column.name].dropna())
            if isinstance(value, str) and value.strip() not in column.vocabulary and _label_key(value) in ids
        }
        if not changed:
            continue
        count = int(frame[column.name].isin(list(changed)).sum())
        frame = frame.copy()
        frame[column.name] = [changed.get(v, v) if isinstance(v, str) else v for v in frame[column.name]]
        example, term_id = next(iter(sorted(changed.items())))
        notes.append(
            message(
                "note_names_to_ids", label=column.label_ko, column=column.name, count=count, example=example, id=term_id
            )
        )
    return frame, notes


def _is_unnamed(column: object) -> bool:
    """A header cell the spreadsheet left empty (pandas names it 'Unnamed: 5')."""
    return str(column).startswith("Unnamed:") or not str(column).strip()


def _recognised_count(names: list[object], layer: str) -> int:
    known = {normalised(a) for aliases in _aliases(layer).values() for a in aliases}
    known |= {normalised(c) for c in LAYERS[layer].column_names} if layer in LAYERS else set()
    known |= {normalised(c) for c in COORDINATE_COLUMNS} | set(WKT_NAMES)
    return sum(1 for name in names if isinstance(name, str) and name.strip() and normalised(name) in known)


def header_found(frame: pd.DataFrame, layer: str) -> tuple[pd.DataFrame, int]:
    """A table with its real header, and the title rows skipped above it; wholly empty unnamed columns dropped.

    The header is the first row (of the first ``HEADER_SEARCH_ROWS``) with at least two column names the
    importer recognises for ``layer``; when the first row already has two, nothing is skipped.
    """
    skipped = 0
    if _recognised_count(list(frame.columns), layer) < 2:
        rows = frame.head(HEADER_SEARCH_ROWS).to_numpy().tolist()
        found = next((i for i, row in enumerate(rows) if _recognised_count(row, layer) >= 2), None)
        if found is not None:
            header = [str(v).strip() if str(v).strip() else f"Unnamed: {i}" for i, v in enumerate(rows[found])]
            frame = frame.iloc[found + 1 :].set_axis(header, axis=1).reset_index(drop=True)
            skipped = found + 1
    empty = [c for c in frame.columns if _is_unnamed(c) and frame[c].astype(str).str.strip().eq("").all()]
    return frame.drop(columns=empty), skipped


def titled_table(path: Path, name: str, layer: str, encoding: str | None = None) -> Table | ValidationReport:
    """A CSV or XLSX for ``layer`` read from its header, below any title rows, with or without the header's commas.

    ``title_rows`` counts every line skipped above the header, so problems name the rows a spreadsheet shows.
    """
    table = read_table_file(path, name, encoding)
    if isinstance(table, ValidationReport):
        return table
    frame, padded = header_found(table.frame, layer)
    return Table(frame, table.encoding, table.title_rows + padded)
