"""Problem messages: a code and its parameters, worded here in Korean and English.

Validation, io, the importer and the store report a ``Message`` (``code`` plus
``params``); the UI and the command line render it in the reader's language
with ``Message.text(lang)``. Korean says what and where, as staff expect
("'완료'는 허용되지 않는 값입니다 (허용: 계획, …)"); the file, row and field are
added by ``geo.model.validation.Problem``. A parameter may itself be a ``Message``,
a ``{"ko": …, "en": …}`` pair or a list (joined with commas).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field

from geo.i18n import problems_audit, problems_files, problems_store

PREFIX = "problem."
#: "None" in a list of names, in both languages (a parameter of several messages).
NONE = {"ko": "없음", "en": "none"}

#: Problem texts by key ``problem.<code>``. Placeholders are the message's parameters.
#: Validation, io and the importer's readers here; files, archives and the data folder in ``problems_files``;
#: the store in ``problems_store``.
TEXTS: dict[str, dict[str, str]] = {
    # Free text from a module not yet moved to codes: shown as it is in both languages.
    "problem.text": {"ko": "{text}", "en": "{text}"},
    # A colour the accessibility self-assessment cannot read (geo.accessibility).
    # A column mapping the command line or the data page cannot use (geo.importer.mapping, geo.data_manager).
    "problem.mapping_malformed": {
        "ko": "열 매핑 '{item}'의 형식이 올바르지 않습니다: '원래열=스키마열' (예: 사업명=name_ko)",
        "en": "The column mapping '{item}' is not in the form 'COLUMN=SCHEMA_COLUMN' (e.g. name=name_ko)",
    },
    "problem.mapping_chosen_twice": {
        "ko": "파일의 열 '{source}'을(를) '{first}'와 '{second}' 두 곳에 골랐습니다: 하나만 고르세요",
        "en": "The file's column '{source}' is chosen for both '{first}' and '{second}': choose one",
    },
    # The speech engine asked for a language or setting it lacks (geo.speech).
    "problem.speech_language_missing": {
        "ko": "lang={lang!r}: 이 음성 엔진에 없는 언어입니다 (있는 언어: {languages})",
        "en": "lang={lang!r}: this speech engine has no such language (it has: {languages})",
    },
    "problem.speech_setting_unknown": {
        "ko": "rate={rate!r}, volume={volume!r}: 허용 값은 {allowed}",
        "en": "rate={rate!r}, volume={volume!r}: the allowed values are {allowed}",
    },
    # A dong the boundaries do not hold (geo.places).
    "problem.dong_not_in_boundaries": {
        "ko": "행정동 '{dong}'이(가) 경계 자료에 없습니다",
        "en": "The dong '{dong}' is not in the boundaries",
    },
    "problem.colour_format": {
        "ko": "colour={colour!r}: #RRGGBB 형식이어야 합니다",
        "en": "colour={colour!r}: must be in the form #RRGGBB",
    },
    # --- where a problem is ---------------------------------------------------------------------
    "problem.where.row": {"ko": "{file} {row}행", "en": "{file} row {row}"},
    "problem.where.feature": {"ko": "{file} {row}번째 피처", "en": "{file} feature {row}"},
    "problem.where.layer": {"ko": "{file} {row}번째 레이어", "en": "{file} layer {row}"},
    "problem.where.file": {"ko": "파일", "en": "file"},
    "problem.where.service": {"ko": "서비스 {file}", "en": "Service {file}"},
    "problem.rest": {
        "ko": "… 외 {hidden:,}개 문제 (전체 {total:,}개, 종류별: {kinds})",
        "en": "… and {hidden:,} more problems ({total:,} in all, by kind: {kinds})",
    },
    "problem.rest.kind": {"ko": "{field}: {kind} {count:,}개", "en": "{field}: {kind} ×{count:,}"},
    "problem.col.file": {"ko": "파일", "en": "File"},
    "problem.col.where": {"ko": "위치(행/피처)", "en": "Row/feature"},
    "problem.col.field": {"ko": "항목", "en": "Field"},
    "problem.col.message": {"ko": "문제", "en": "Problem"},
    # --- an import's summary (the command line) -------------------------------------------------
    "problem.summary.file": {"ko": "파일: {file} → {label}({layer})", "en": "File: {file} → {layer}"},
    "problem.summary.count_features": {"ko": "피처 수: {count}", "en": "Features: {count}"},
    "problem.summary.count_rows": {"ko": "행 수: {count}", "en": "Rows: {count}"},
    "problem.summary.crs": {"ko": "좌표계: {crs}", "en": "CRS: {crs}"},
    "problem.summary.encoding": {"ko": "문자 인코딩: {encoding}", "en": "Text encoding: {encoding}"},
    "problem.summary.bounds": {
        "ko": "범위(경위도): 경도 {minx:.4f}~{maxx:.4f}, 위도 {miny:.4f}~{maxy:.4f}",
        "en": "Extent: longitude {minx:.4f}-{maxx:.4f}, latitude {miny:.4f}-{maxy:.4f}",
    },
    "problem.summary.coordinates": {"ko": "좌표 열: {x}, {y}", "en": "Coordinate columns: {x}, {y}"},
    "problem.summary.mapping": {"ko": "열 매핑: {pairs}", "en": "Column mapping: {pairs}"},
    "problem.summary.mapping_cli": {
        "ko": "  명령줄로 같은 매핑: {arguments}",
        "en": "  The same mapping on the command line: {arguments}",
    },
    "problem.summary.defaults": {"ko": "기본값: {values}", "en": "Defaults: {values}"},
    "problem.summary.replace": {
        "ko": "교체(replace)하면 저장된 {stored:,}개를 모두 지우고 {new:,}개로 바꿉니다{kept}",
        "en": "A replace removes all {stored:,} stored and writes {new:,}{kept}",
    },
    "problem.summary.replace_kept": {
        "ko": " (같은 ID {same:,}개는 새 값으로, 파일에 없는 {gone:,}개는 삭제)",
        "en": " ({same:,} with the same ID take the new values, {gone:,} not in the file are deleted)",
    },
    "problem.summary.append_refused": {
        "ko": "저장소에 이미 있는 ID {same:,}개: 추가(append)는 거부됩니다",
        "en": "{same:,} IDs are already stored: an append is refused",
    },
    "problem.summary.derived": {
        "ko": "함께 만들 경계: {names} (교체할 때만 저장)",
        "en": "Boundaries made with it: {names} (saved on a replace only)",
    },
    "problem.summary.note": {"ko": "참고: {note}", "en": "Note: {note}"},
    "problem.summary.no_problems": {"ko": "검증: 문제 없음", "en": "Validation: no problems"},
    "problem.summary.problems": {
        "ko": "검증: 문제 {count:,}개 (저장할 수 없습니다)",
        "en": "Validation: {count:,} problems (cannot be saved)",
    },
    "problem.summary.more": {"ko": "  … 외 {count:,}개. 종류별 개수:", "en": "  … and {count:,} more. Counts by kind:"},
    "problem.summary.kind": {"ko": "  {count:>9,}개  {field}: {kind}", "en": "  {count:>9,}×  {field}: {kind}"},
    # --- files ----------------------------------------------------------------------------------
    "problem.not_utf8": {
        "ko": "문자 인코딩이 UTF-8이 아닙니다 (CP949/EUC-KR로 저장된 것 같습니다). "
        "편집기에서 인코딩을 'UTF-8'로 골라 다시 저장한 뒤 다시 시도하세요",
        "en": "The text encoding is not UTF-8 (the file looks saved as CP949/EUC-KR). "
        "Choose 'UTF-8' as the encoding in your editor, save again and retry",
    },
    "problem.file_missing": {"ko": "파일이 없습니다", "en": "The file does not exist"},
    "problem.file_empty": {"ko": "파일이 비어 있습니다 (0바이트)", "en": "The file is empty (0 bytes)"},
    "problem.file_unparsable": {
        "ko": "파일을 해석할 수 없습니다: {reason}",
        "en": "The file cannot be read: {reason}",
    },
    "problem.encoding_unknown": {
        "ko": "문자 인코딩을 알 수 없습니다 (UTF-8 또는 CP949로 저장하세요)",
        "en": "Unknown text encoding (save the file as UTF-8 or CP949)",
    },
    "problem.csv_unreadable": {"ko": "CSV로 읽을 수 없습니다: {reason}", "en": "Cannot read it as CSV: {reason}"},
    "problem.unreadable_gpkg": {
        "ko": "GeoPackage(.gpkg)로 읽을 수 없습니다: 손상되었거나 GeoPackage 형식이 아닙니다. "
        "QGIS에서 열리는지 확인하고 GeoPackage로 다시 저장해 올리세요",
        "en": "Cannot read it as a GeoPackage (.gpkg): it is damaged or not a GeoPackage. "
        "Check that QGIS opens it, save it again as a GeoPackage and upload that",
    },
    "problem.unreadable_geojson": {
        "ko": "GeoJSON으로 읽을 수 없습니다: 손상되었거나 GeoJSON 형식이 아닙니다. "
        "QGIS에서 GeoJSON으로 다시 저장해 올리세요",
        "en": "Cannot read it as GeoJSON: it is damaged or not GeoJSON. Save it again as GeoJSON in QGIS and upload that",
    },
    "problem.unreadable_shp": {
        "ko": "Shapefile로 읽을 수 없습니다: 손상되었거나 .shp, .shx, .dbf 중 빠진 파일이 있습니다. "
        "세 파일(.prj 포함)을 함께 압축해 올리세요",
        "en": "Cannot read it as a Shapefile: it is damaged or one of .shp, .shx, .dbf is missing. "
        "Zip the three files (and the .prj) together and upload the zip",
    },
    "problem.unreadable_vector": {
        "ko": "공간 데이터 파일로 읽을 수 없습니다: 손상되었거나 형식이 다릅니다",
        "en": "Cannot read it as a spatial data file: it is damaged or of another format",
    },
    "problem.not_utf8_gpkg": {
        "ko": "문자 인코딩이 UTF-8이 아닙니다 (CP949/EUC-KR로 저장된 것 같습니다): GeoPackage(.gpkg)의 글자는 "
        "UTF-8이어야 합니다. 파일을 만든 프로그램에서 UTF-8로 다시 내보내 올리거나, 올릴 때 문자 인코딩을 CP949로 "
        "지정하세요(명령줄: --encoding cp949)",
        "en": "The text encoding is not UTF-8 (the file looks saved as CP949/EUC-KR): a GeoPackage's (.gpkg) text "
        "must be UTF-8. Export it again as UTF-8 from the program that made it, or choose CP949 as the encoding "
        "when uploading (command line: --encoding cp949)",
    },
    "problem.not_utf8_geojson": {
        "ko": "문자 인코딩이 UTF-8이 아닙니다 (CP949/EUC-KR로 저장된 것 같습니다): GeoJSON의 글자는 UTF-8이어야 "
        "합니다. 편집기에서 인코딩을 'UTF-8'로 골라 다시 저장해 올리거나, 올릴 때 문자 인코딩을 CP949로 "
        "지정하세요(명령줄: --encoding cp949)",
        "en": "The text encoding is not UTF-8 (the file looks saved as CP949/EUC-KR): GeoJSON text must be UTF-8. "
        "Choose 'UTF-8' as the encoding in your editor and save again, or choose CP949 as the encoding when "
        "uploading (command line: --encoding cp949)",
    },
    "problem.not_utf8_shp": {
        "ko": "속성(.dbf)의 문자 인코딩을 판별할 수 없습니다 (UTF-8로도 CP949로도 깨끗하게 읽히지 않음): "
        "인코딩을 지정하거나(명령줄: --encoding cp949) QGIS에서 UTF-8로 다시 저장해 올리세요",
        "en": "The encoding of the attributes (.dbf) cannot be told (neither UTF-8 nor CP949 reads cleanly): "
        "give the encoding (command line: --encoding cp949) or save it again as UTF-8 in QGIS",
    },
    "problem.encoding_chosen_text": {
        "ko": "글자를 지정한 문자 인코딩 {encoding}(으)로 읽을 수 없습니다: "
        "다른 인코딩을 고르거나 '자동 판별'로 두고 다시 올리세요",
        "en": "The text cannot be read in the chosen encoding {encoding}: "
        "choose another encoding or leave it on automatic, and upload again",
    },
    "problem.encoding_chosen_dbf": {
        "ko": "속성(.dbf)의 글자를 지정한 문자 인코딩 {encoding}(으)로 읽을 수 없습니다: "
        "다른 인코딩을 고르거나 '자동 판별'로 두고 다시 올리세요",
        "en": "The attributes (.dbf) cannot be read in the chosen encoding {encoding}: "
        "choose another encoding or leave it on automatic, and upload again",
    },
    "problem.no_crs": {
        "ko": "좌표계 정보(.prj)가 없고, 좌표 범위(x {minx:,.0f}~{maxx:,.0f}, y {miny:,.0f}~{maxy:,.0f})로도 "
        "안산의 좌표계를 추정할 수 없습니다: .prj 파일을 함께 압축해 올리거나 좌표계를 지정하세요 "
        "(예: --crs EPSG:5186)",
        "en": "There is no CRS (.prj), and the coordinate range (x {minx:,.0f}-{maxx:,.0f}, "
        "y {miny:,.0f}-{maxy:,.0f}) does not match a CRS used for Ansan: zip the .prj file with it or give the "
        "CRS (e.g. --crs EPSG:5186)",
    },
    "problem.xlsx_unreadable": {
        "ko": "XLSX로 읽을 수 없습니다 (손상되었거나 형식이 다릅니다): {reason}",
        "en": "Cannot read it as XLSX (damaged or of another format): {reason}",
    },
    "problem.csv_encoding_unknown": {
        "ko": "CSV의 문자 인코딩을 판별할 수 없습니다 (UTF-8로도 CP949로도 깨끗하게 읽히지 않음): "
        "인코딩을 지정하거나(명령줄: --encoding cp949) 엑셀에서 'CSV UTF-8'로 다시 저장해 올리세요",
        "en": "The CSV's encoding cannot be told (neither UTF-8 nor CP949 reads cleanly): give the encoding "
        "(command line: --encoding cp949) or save it again as 'CSV UTF-8' in Excel",
    },
    "problem.csv_too_many_values": {
        "ko": "CSV로 읽을 수 없습니다: {row}행의 값이 {values}개로 열 이름({header}개)보다 많습니다. "
        "따옴표 없이 쉼표가 들어간 값이 있는지 확인하세요",
        "en": "Cannot read it as CSV: row {row} has {values} values, more than the {header} column names. "
        "Look for a value holding a comma without quotes",
    },
    "problem.csv_row_too_long": {
        "ko": "CSV로 읽을 수 없습니다: 열 이름({header_row}행)보다 값이 많은 행이 있습니다. "
        "따옴표 없이 쉼표가 들어간 값이 있는지 확인하세요",
        "en": "Cannot read it as CSV: a row has more values than the column names (row {header_row}). "
        "Look for a value holding a comma without quotes",
    },
    # --- coordinates of a table -----------------------------------------------------------------
    "problem.no_coordinate_columns": {
        "ko": "좌표 열이 없습니다: 위도/경도(lat/lon) 열, 또는 X좌표/Y좌표(x/y) 열을 넣으세요 (파일의 열: {columns})",
        "en": "There are no coordinate columns: add latitude/longitude (lat/lon) or X/Y (x/y) columns "
        "(the file's columns: {columns})",
    },
    "problem.no_coordinate_numbers": {
        "ko": "좌표 열에 숫자 값이 하나도 없습니다: 좌표 열을 확인하세요",
        "en": "The coordinate columns hold no number: check them",
    },
    "problem.coordinate_blank": {"ko": "좌표 값이 비어 있습니다", "en": "The coordinate is empty"},
    "problem.lat_lon_swapped": {
        "ko": "위도와 경도가 서로 바뀌어 있습니다 ({x_column} {x}, {y_column} {y}): 두 값을 바꿔 적으세요",
        "en": "Latitude and longitude are in each other's place ({x_column} {x}, {y_column} {y}): swap the two values",
    },
    "problem.not_wkt": {
        "ko": "'{value}'는 WKT 도형이 아닙니다 (예: LINESTRING (126.8 37.3, ...))",
        "en": "'{value}' is not a WKT geometry (e.g. LINESTRING (126.8 37.3, ...))",
    },
    "problem.declared_lonlat_but_projected": {
        "ko": "좌표 값이 경위도 범위를 벗어납니다 (x {minx:,.0f}~{maxx:,.0f}, y {miny:,.0f}~{maxy:,.0f}). "
        "파일은 좌표계를 {crs}로 밝히지만 좌표는 투영 좌표(예: EPSG:5186, 5179)로 보입니다: "
        "파일의 좌표계 정보(GeoJSON의 crs, Shapefile의 .prj)를 실제 좌표계로 고쳐 다시 올리거나, "
        "좌표계를 지정하세요 (화면의 좌표계 선택, 명령줄: --crs EPSG:5186)",
        "en": "The coordinates lie beyond longitude/latitude (x {minx:,.0f}-{maxx:,.0f}, y {miny:,.0f}-{maxy:,.0f}). "
        "The file declares {crs}, but the coordinates look projected (e.g. EPSG:5186, 5179): correct the file's CRS "
        "(GeoJSON's crs, a Shapefile's .prj) and upload again, or give the CRS (the CRS choice on screen, "
        "command line: --crs EPSG:5186)",
    },
    "problem.no_records": {
        "ko": "{label} {unit}가 하나도 없습니다: 빈 파일로는 바꿀 수 없습니다",
        "en": "There is not one record of {layer}: an empty file cannot replace the layer",
    },
    # --- column mapping -------------------------------------------------------------------------
    "problem.missing_required": {
        "ko": "필수 열 {count}개를 찾지 못했습니다: {named}. 파일에서 해당하는 열을 골라 지정하세요 "
        "(데이터 관리 화면의 열 매핑, 또는 명령줄: {line}). 매핑되지 않은 파일의 열: {unused}",
        "en": "{count} required columns were not found: {named}. Choose the file's column for each "
        "(the column mapping on the data page, or on the command line: {line}). "
        "The file's columns not mapped: {unused}",
    },
    "problem.mapping_target_unknown": {
        "ko": "매핑 대상 '{target}'은(는) {label}의 열이 아닙니다 (가능: {allowed})",
        "en": "The mapping target '{target}' is not a column of {layer} (possible: {allowed})",
    },
    "problem.mapping_target_taken": {
        "ko": "열 '{target}'이(가) 이미 있어 '{source}'을(를) '{target}'(으)로 바꿀 수 없습니다",
        "en": "The column '{target}' exists already, so '{source}' cannot be renamed to '{target}'",
    },
    # --- columns and cells ----------------------------------------------------------------------
    "problem.missing_column": {
        "ko": "필수 열 '{column}'({label})이(가) 없습니다",
        "en": "The required column '{column}' is missing",
    },
    "problem.blank": {"ko": "{label} 값이 비어 있습니다", "en": "{column} is empty"},
    "problem.not_allowed": {
        "ko": "'{value}'는 허용되지 않는 값입니다 (허용: {allowed})",
        "en": "'{value}' is not an allowed value (allowed: {allowed})",
    },
    "problem.too_long": {
        "ko": "{label}이(가) 너무 깁니다 ({length:,}자, 최대 {limit:,}자)",
        "en": "{column} is too long ({length:,} characters, at most {limit:,})",
    },
    "problem.control_characters": {
        "ko": "보이지 않는 제어 문자 {found}가 들어 있습니다 ('{text}'). "
        "원본 파일에서 이 칸의 값을 다시 입력하거나 지운 뒤 다시 올리세요",
        "en": "It holds the invisible control characters {found} ('{text}'). "
        "Type the value again or delete it in the source file, then upload again",
    },
    "problem.not_bool": {
        "ko": "'{value}'는 참/거짓 값이 아닙니다 (허용: true, false)",
        "en": "'{value}' is not a true/false value (allowed: true, false)",
    },
    "problem.not_date": {
        "ko": "'{value}'는 날짜가 아닙니다 (예: 2026-01-15)",
        "en": "'{value}' is not a date (e.g. 2026-01-15)",
    },
    "problem.not_number": {"ko": "'{value}'는 숫자가 아닙니다", "en": "'{value}' is not a number"},
    "problem.not_finite": {
        "ko": "'{value}'는 쓸 수 없는 숫자입니다 (NaN·무한대는 허용되지 않습니다)",
        "en": "'{value}' is not a usable number (NaN and infinity are not allowed)",
    },
    "problem.not_integer": {"ko": "'{value}'는 정수가 아닙니다", "en": "'{value}' is not a whole number"},
    "problem.below_minimum": {
        "ko": "{value}는 {minimum:g} 이상이어야 합니다",
        "en": "{value} must be at least {minimum:g}",
    },
    "problem.above_maximum": {
        "ko": "{value}는 {maximum:g} 이하여야 합니다",
        "en": "{value} must be at most {maximum:g}",
    },
    "problem.cut_length": {"ko": "{text}… ({length:,}자)", "en": "{text}… ({length:,} characters)"},
    # --- rows -----------------------------------------------------------------------------------
    "problem.duplicate_id": {"ko": "ID '{id}'가 중복됩니다", "en": "The ID '{id}' appears twice"},
    "problem.end_before_start": {
        "ko": "종료 연도 {end}가 시작 연도 {start}보다 앞섭니다",
        "en": "The end year {end} is before the start year {start}",
    },
    "problem.parent_is_self": {
        "ko": "상위 사업 ID '{parent}'가 자기 자신입니다 (다른 서비스의 ID를 적으세요)",
        "en": "The parent project ID '{parent}' is the service itself (give another service's ID)",
    },
    "problem.parent_unknown": {
        "ko": "상위 사업 ID '{parent}'가 이 자료의 서비스 ID에 없습니다",
        "en": "The parent project ID '{parent}' is not a service ID of this data",
    },
    "problem.funding_not_json": {
        "ko": "'{value}'는 JSON 객체가 아닙니다 (예: {example})",
        "en": "'{value}' is not a JSON object (e.g. {example})",
    },
    "problem.funding_not_object": {
        "ko": "'{value}'는 재원별 금액을 담은 JSON 객체가 아닙니다 (예: {example})",
        "en": "'{value}' is not a JSON object of amounts by funding source (e.g. {example})",
    },
    "problem.funding_unknown": {
        "ko": "재원 '{funding}'는 허용되지 않는 값입니다 (허용: {allowed})",
        "en": "The funding source '{funding}' is not allowed (allowed: {allowed})",
    },
    "problem.funding_amount": {
        "ko": "{funding}의 금액 '{amount}'는 0 이상의 숫자(억원)여야 합니다",
        "en": "The amount '{amount}' of {funding} must be a number of at least 0 (100 million won)",
    },
    # --- geometry -------------------------------------------------------------------------------
    "problem.no_geometry": {"ko": "도형(geometry)이 없습니다", "en": "There is no geometry"},
    "problem.no_geometry_column": {
        "ko": "도형(geometry) 정보가 없습니다",
        "en": "The data holds no geometry",
    },
    "problem.empty_geometry": {
        "ko": "도형이 비어 있습니다 (좌표가 하나도 없는 {geom_type}): 파일에서 이 피처를 그리거나 지우세요",
        "en": "The geometry is empty (a {geom_type} without coordinates): draw or delete this feature in the file",
    },
    "problem.nonfinite_coordinates": {
        "ko": "도형 좌표에 숫자가 아닌 값(NaN·무한대)이 있습니다",
        "en": "The geometry's coordinates hold values that are not numbers (NaN, infinity)",
    },
    "problem.geometry_type": {
        "ko": "도형 종류 {geom_type}은(는) 허용되지 않습니다 (허용: {allowed})",
        "en": "The geometry type {geom_type} is not allowed (allowed: {allowed})",
    },
    "problem.invalid_geometry": {
        "ko": "도형이 올바르지 않습니다 ({reason})",
        "en": "The geometry is not valid ({reason})",
    },
    "problem.outside_city": {
        "ko": "도형이 안산시 경계 밖에 있습니다 (좌표계 또는 좌표 순서를 확인하세요)",
        "en": "The geometry lies outside Ansan's boundary (check the CRS or the order of the coordinates)",
    },
    "problem.lonlat": {"ko": "경도 {lon:.4f}, 위도 {lat:.4f}", "en": "longitude {lon:.4f}, latitude {lat:.4f}"},
    "problem.coordinates_swapped": {
        "ko": "위도와 경도가 바뀐 것 같습니다 ({where}): x(경도)가 126.4~126.9, y(위도)가 37.1~37.4여야 합니다. "
        "열 매핑에서 경도·위도 열을 바꿔 지정하세요",
        "en": "Latitude and longitude look swapped ({where}): x (longitude) must be 126.4-126.9 and "
        "y (latitude) 37.1-37.4. Swap the longitude and latitude columns in the column mapping",
    },
    "problem.coordinates_projected": {
        "ko": "좌표가 경위도가 아닙니다 (미터 단위 투영 좌표로 보입니다). "
        "파일의 좌표계(.prj 또는 좌표계 지정)를 확인하세요",
        "en": "The coordinates are not longitude/latitude (they look like projected metres). "
        "Check the file's CRS (its .prj, or the CRS you give)",
    },
    "problem.outside_ansan": {
        "ko": "도형이 안산시 부근(경도 {west}~{east}, 위도 {south}~{north})을 벗어납니다 ({where}). "
        "좌표계가 맞는지 확인하세요",
        "en": "The geometry lies beyond the Ansan area (longitude {west}-{east}, latitude {south}-{north}) "
        "({where}). Check that the CRS is right",
    },
}
TEXTS.update(problems_files.TEXTS)
TEXTS.update(problems_store.TEXTS)
TEXTS.update(problems_audit.TEXTS)


@dataclass(frozen=True)
class Message:
    """A problem's code and parameters; its words come from ``TEXTS`` in the reader's language."""

    code: str
    params: Mapping[str, object] = field(default_factory=dict)

    def text(self, lang: str = "ko") -> str:
        """The message in ``lang`` (Korean when the language is unknown)."""
        return render(self.code, self.params, lang)


def message(code: str, **params: object) -> Message:
    """``Message(code, params)`` written as a call: ``message("blank", label="상태", column="status")``."""
    return Message(code, params)


class ProblemError(ValueError):
    """A wrong argument, worded from a code: ``str(error)`` is the Korean, ``error.text(lang)`` the reader's."""

    def __init__(self, detail: Message) -> None:
        self.detail = detail
        super().__init__(detail.text("ko"))

    def text(self, lang: str = "ko") -> str:
        return self.detail.text(lang)


#: What a label may be: a plain text (a format's name, the same in both languages) or a message.
Label = str | Message


def label_text(label: Label | None, lang: str = "ko") -> str:
    """A label in ``lang`` ("" for none)."""
    if label is None:
        return ""
    return label.text(lang) if isinstance(label, Message) else label


def free_text(text: str) -> Message:
    """A message that is already worded (a module not yet moved to codes): shown as it is."""
    return Message("text", {"text": text})


def _param(value: object, lang: str) -> object:
    if isinstance(value, Message):
        return value.text(lang)
    if isinstance(value, Mapping) and "ko" in value:
        return value.get(lang, value["ko"])
    if isinstance(value, list | tuple):
        return ", ".join(str(_param(item, lang)) for item in value)
    return value


def render(code: str, params: Mapping[str, object], lang: str = "ko") -> str:
    """The text of ``problem.<code>`` in ``lang`` with ``params`` filled in (each rendered in ``lang`` too)."""
    entry = TEXTS[PREFIX + code]
    template = entry.get(lang, entry["ko"])
    return template.format(**{name: _param(value, lang) for name, value in params.items()})


def _plain(value: object) -> object:
    """A parameter as JSON can hold it: a nested message as its code and parameters."""
    if isinstance(value, Message):
        return {"code": value.code, "params": {k: _plain(v) for k, v in value.params.items()}}
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _revived(value: object) -> object:
    if isinstance(value, dict):
        if set(value) == {"code", "params"} and PREFIX + str(value["code"]) in TEXTS:
            return Message(str(value["code"]), {k: _revived(v) for k, v in dict(value["params"]).items()})
        return {k: _revived(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_revived(v) for v in value]
    return value


def to_stored(detail: Message) -> str:
    """``detail`` as a stored text (JSON of its code and parameters), worded later by :func:`from_stored`."""
    return json.dumps(_plain(detail), ensure_ascii=False, sort_keys=True)


def from_stored(text: str | None) -> Message:
    """A stored message back; a text stored before codes (or not one of ours) is shown as it is."""
    if not text:
        return free_text("")
    try:
        revived = _revived(json.loads(text)) if text.startswith('{"code"') else None
    except (ValueError, TypeError):
        revived = None
    return revived if isinstance(revived, Message) else free_text(text)
