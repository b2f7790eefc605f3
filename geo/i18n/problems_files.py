"""Problem texts of files before and around reading: size, archives, JSON, vertices, columns, the data folder.

The importer's safety and text checks (``geo.importer.safety``, ``geo.importer.text``),
reference layers (``geo.importer.reference_layers``), the data folder's loaders
(``geo.loaders``) and the boundary check (``geo.spatial``) report these codes;
``geo.i18n.problems`` merges them into its table, so a code is rendered the same
way wherever it comes from. Korean is the wording staff have seen so far.
"""

from __future__ import annotations

#: Problem texts by key ``problem.<code>`` (merged into ``geo.i18n.problems.TEXTS``).
TEXTS: dict[str, dict[str, str]] = {
    # --- the command line -----------------------------------------------------------------------
    "problem.cli.error": {"ko": "오류: {text}", "en": "Error: {text}"},
    "problem.cli.data_folder_broken": {
        "ko": "데이터 폴더의 파일에 문제가 있어 저장소를 만들 수 없습니다:",
        "en": "The data folder's files have problems, so the store cannot be made:",
    },
    # --- how a file's text encoding and CRS were found (the preview's summary) ------------------
    "problem.encoding.chosen": {"ko": "{name} (사용자 지정)", "en": "{name} (as chosen)"},
    "problem.encoding.detected": {"ko": "{name} (자동 판별)", "en": "{name} (detected)"},
    "problem.encoding.no_cpg": {"ko": "{name} (자동 판별, .cpg 없음)", "en": "{name} (detected, no .cpg)"},
    "problem.encoding.cpg_differs": {
        "ko": "{name} (자동 판별: .cpg는 '{declared}'라고 하지만 내용은 {name})",
        "en": "{name} (detected: the .cpg says '{declared}' but the text is {name})",
    },
    "problem.encoding.undetermined": {"ko": "판별 불가", "en": "cannot be told"},
    "problem.encoding.kept_utf8": {
        "ko": "UTF-8 (글자가 UTF-8이라 지정한 {name} 대신 씀)",
        "en": "UTF-8 (the text is UTF-8, so it was used instead of the chosen {name})",
    },
    "problem.encoding.xlsx": {"ko": "XLSX (유니코드, 판별 필요 없음)", "en": "XLSX (Unicode, nothing to detect)"},
    "problem.encoding_unusable": {
        "ko": "문자 인코딩 '{name}'은(는) 쓸 수 없습니다: UTF-8 또는 CP949(EUC-KR) 중 하나를 지정하세요",
        "en": "The text encoding '{name}' cannot be used: choose UTF-8 or CP949 (EUC-KR)",
    },
    "problem.crs.guessed": {"ko": "{crs} (추정)", "en": "{crs} (guessed)"},
    "problem.crs_unknown": {
        "ko": "좌표계 '{crs}'을(를) 알 수 없습니다 (예: EPSG:5186, EPSG:5179, EPSG:5174)",
        "en": "The CRS '{crs}' is unknown (e.g. EPSG:5186, EPSG:5179, EPSG:5174)",
    },
    # --- sizes ----------------------------------------------------------------------------------
    "problem.size_bytes": {"ko": "{count}바이트", "en": "{count} bytes"},
    "problem.file_too_large": {
        "ko": "파일 크기 {size}가 한도 {limit}를 넘습니다. 필요한 피처만 남기거나 나누어 올리세요",
        "en": "The file size {size} is over the limit of {limit}. Keep only the features you need or split the file",
    },
    "problem.path_missing": {
        "ko": "파일이 없습니다: 경로를 확인하세요",
        "en": "The file does not exist: check the path",
    },
    "problem.unsupported_format": {
        "ko": "지원하지 않는 파일 형식입니다 ({suffix}). GeoJSON, GeoPackage, 압축한 Shapefile(.zip), CSV, XLSX 중 "
        "하나로 올리세요",
        "en": "This file format is not supported ({suffix}). Upload GeoJSON, GeoPackage, a zipped Shapefile (.zip), "
        "CSV or XLSX",
    },
    "problem.no_suffix": {"ko": "확장자 없음", "en": "no extension"},
    "problem.too_many_features": {
        "ko": "피처(행)가 {count:,}개로 한도 {limit:,}개를 넘습니다. 나누어 올리세요",
        "en": "{count:,} features (rows) are over the limit of {limit:,}. Split the file",
    },
    "problem.too_many_columns": {
        "ko": "열이 {count:,}개로 한도 {limit:,}개를 넘습니다. 필요한 열만 남겨 다시 저장해 올리세요",
        "en": "{count:,} columns are over the limit of {limit:,}. Keep only the columns you need, save and upload again",
    },
    "problem.column_name_control": {"ko": "열 이름에 {detail}", "en": "In the column name: {detail}"},
    "problem.note_header_joined": {
        "ko": "줄바꿈이 있는 열 이름 '{old}'을(를) '{new}'(으)로 읽었습니다",
        "en": "The column name '{old}' holding a line break was read as '{new}'",
    },
    # --- archives -------------------------------------------------------------------------------
    "problem.zip_path_outside": {
        "ko": "압축 파일 안의 경로 '{member}'이(가) 압축을 푸는 폴더 밖을 가리킵니다 (보안상 거부). "
        "절대 경로나 '../' 없이 파일만 다시 압축해 올리세요",
        "en": "The path '{member}' in the archive points outside the folder it is unpacked to (refused for safety). "
        "Zip the files again without absolute paths or '../'",
    },
    "problem.zip_symlink": {
        "ko": "압축 파일 안의 '{member}'은(는) 심볼릭 링크입니다 (보안상 거부). 실제 파일을 넣어 다시 압축하세요",
        "en": "'{member}' in the archive is a symbolic link (refused for safety). Zip the real file instead",
    },
    "problem.zip_encrypted": {
        "ko": "압축 파일 안의 '{member}'에 암호가 걸려 있습니다: 암호 없이 다시 압축하세요",
        "en": "'{member}' in the archive is password-protected: zip it again without a password",
    },
    "problem.xlsx_not_workbook": {
        "ko": "읽을 수 있는 엑셀 파일(.xlsx)이 아닙니다: 손상되었거나 다른 형식의 파일에 .xlsx 이름이 붙었습니다. "
        "엑셀에서 열어 'Excel 통합 문서(.xlsx)'로 다시 저장해 올리세요",
        "en": "This is not a readable Excel file (.xlsx): it is damaged or a file of another format named .xlsx. "
        "Open it in Excel, save it again as 'Excel Workbook (.xlsx)' and upload that",
    },
    "problem.zip_unreadable": {
        "ko": "압축 파일(zip)을 열 수 없습니다: 손상되었거나 zip 형식이 아닙니다. 다시 압축해 올리세요",
        "en": "The archive (zip) cannot be opened: it is damaged or not a zip. Zip the files again and upload that",
    },
    "problem.zip_too_many_members": {
        "ko": "압축 파일 안의 파일이 {count}개로 한도 {limit}개를 넘습니다",
        "en": "The archive holds {count} files, over the limit of {limit}",
    },
    "problem.zip_too_large": {
        "ko": "압축을 풀면 {size}로 한도 {limit}를 넘습니다. 필요한 파일만 나누어 올리세요",
        "en": "Unpacked, the archive is {size}, over the limit of {limit}. Upload only the files you need, split",
    },
    "problem.zip_bomb": {
        "ko": "압축 파일 안의 '{member}'의 압축률이 {ratio:,.0f}배로 비정상적으로 높습니다 "
        "(한도 {limit:g}배, 압축 폭탄 의심). 원본 파일을 다시 압축해 올리세요",
        "en": "'{member}' in the archive is compressed {ratio:,.0f} times, abnormally high "
        "(limit {limit:g}, a suspected zip bomb). Zip the original file again",
    },
    "problem.zip_no_data_file": {
        "ko": "압축 파일 안에 .shp, .geojson 또는 .gpkg 파일이 없습니다 (들어 있는 파일: {listed})",
        "en": "The archive holds no .shp, .geojson or .gpkg file (the files in it: {listed})",
    },
    "problem.zip_several_data_files": {
        "ko": "압축 파일 안에 공간 데이터 파일이 {count}개 있습니다 ({listed}): 하나만 넣어 다시 압축하세요",
        "en": "The archive holds {count} spatial data files ({listed}): zip only one of them",
    },
    "problem.zip_shapefile_sidecars": {
        "ko": "Shapefile '{member}'에 필요한 {missing} 파일이 압축 파일에 없습니다: .shp, .shx, .dbf, .prj를 함께 "
        "압축하세요",
        "en": "The {missing} files the Shapefile '{member}' needs are not in the archive: zip .shp, .shx, .dbf and "
        ".prj together",
    },
    "problem.zip_damaged": {
        "ko": "압축 파일이 손상되어 '{member}'을(를) 풀 수 없습니다 ({error}). 원본 파일을 다시 압축해 올리세요",
        "en": "The archive is damaged: '{member}' cannot be unpacked ({error}). Zip the original file again",
    },
    # --- GeoJSON and GeoPackage -----------------------------------------------------------------
    "problem.geojson_not_utf8": {
        "ko": "GeoJSON은 UTF-8로 저장해야 합니다 (다른 인코딩으로 저장된 파일입니다)",
        "en": "GeoJSON must be saved as UTF-8 (this file is saved in another encoding)",
    },
    "problem.geojson_syntax": {
        "ko": "GeoJSON(JSON) 문법 오류: {line}행 {column}열 근처 ({reason}). "
        "텍스트 편집기나 QGIS에서 파일을 고친 뒤 다시 올리세요",
        "en": "GeoJSON (JSON) syntax error near line {line}, column {column} ({reason}). "
        "Correct the file in a text editor or QGIS and upload it again",
    },
    "problem.geojson_too_deep": {
        "ko": "GeoJSON(JSON)이 너무 깊이 중첩되어 읽을 수 없습니다 (공간 데이터 파일로 보이지 않습니다). "
        "QGIS 등에서 GeoJSON으로 다시 저장해 올리세요",
        "en": "The GeoJSON (JSON) is nested too deeply to read (it does not look like a spatial data file). "
        "Save it again as GeoJSON, in QGIS for instance, and upload that",
    },
    "problem.gpkg_several_layers": {
        "ko": "GeoPackage에 공간 레이어가 {count}개 있습니다 ({layers}): 하나만 남겨 올리세요",
        "en": "The GeoPackage holds {count} spatial layers ({layers}): keep only one and upload it",
    },
    # --- vertices -------------------------------------------------------------------------------
    "problem.simplify_how": {
        "ko": "QGIS의 벡터 > 지오메트리 도구 > 단순화(Simplify)로 허용 오차를 1~5 m쯤 주어 꼭짓점을 줄이거나, "
        "mapshaper(mapshaper.org)의 Simplify로 줄인 뒤 다시 올리세요",
        "en": "Reduce the vertices with QGIS's Vector > Geometry Tools > Simplify at a tolerance of about 1-5 m, "
        "or with mapshaper's (mapshaper.org) Simplify, and upload again",
    },
    "problem.vertices_feature": {
        "ko": "도형의 꼭짓점이 {count:,}개로 한 피처의 한도 {limit:,}개를 넘습니다. {how}",
        "en": "The geometry has {count:,} vertices, over the limit of {limit:,} for one feature. {how}",
    },
    "problem.vertices_file": {
        "ko": "파일 전체의 꼭짓점이 {count:,}개로 한도 {limit:,}개를 넘습니다. {how}",
        "en": "The whole file has {count:,} vertices, over the limit of {limit:,}. {how}",
    },
    # --- reference layers -----------------------------------------------------------------------
    "problem.reference_title_missing": {
        "ko": "레이어 제목을 적으세요 (예: --title 어린이보호구역)",
        "en": "Give the layer a title (e.g. --title 'School zones')",
    },
    "problem.reference_not_points": {
        "ko": "참고 레이어는 점(Point) 자료만 가져올 수 있습니다 (이 파일의 도형: {kinds}). "
        "면·선 자료는 경계나 대상지로 가져오세요",
        "en": "A reference layer takes points only (this file's geometries: {kinds}). "
        "Import polygons and lines as boundaries or development areas",
    },
    "problem.reference_no_point": {
        "ko": "도형이 없거나 비어 있습니다 (좌표가 하나도 없음): 파일에서 이 점의 좌표를 넣거나 지우세요",
        "en": "The geometry is missing or empty (no coordinates): give this point its coordinates or delete it",
    },
    "problem.reference_outside": {
        "ko": "안산시 밖의 좌표입니다 (위도 {lat:.5f}, 경도 {lon:.5f}): 좌표를 확인하세요",
        "en": "The coordinates lie outside Ansan (latitude {lat:.5f}, longitude {lon:.5f}): check them",
    },
    "problem.reference_no_usable_point": {
        "ko": "쓸 수 있는 점이 하나도 없습니다: 아래 제외한 행의 이유를 보고 좌표를 고치세요",
        "en": "Not one point is usable: see why the rows below were left out and correct their coordinates",
    },
    # --- the data folder ------------------------------------------------------------------------
    "problem.yaml_invalid": {
        "ko": "YAML 형식이 올바르지 않습니다: {reason}",
        "en": "The YAML is not well-formed: {reason}",
    },
    "problem.yaml_not_mapping": {
        "ko": "최상위가 항목(key: value) 목록이어야 합니다",
        "en": "The top level must be a list of entries (key: value)",
    },
    "problem.plan_key_missing": {
        "ko": "필수 항목 '{key}'이(가) 없습니다",
        "en": "The required entry '{key}' is missing",
    },
    "problem.direction_unknown": {
        "ko": "'{value}'는 알 수 없는 추진 방향입니다",
        "en": "'{value}' is not a known direction",
    },
    "problem.service_id_unknown": {
        "ko": "'{value}'는 서비스 목록에 없는 ID입니다",
        "en": "'{value}' is not an ID of the service list",
    },
    "problem.area_not_touched": {
        "ko": "대상지가 '{area}'로 되어 있지만 도형이 그 대상지 경계와 겹치지 않습니다 (대상지 또는 좌표를 확인하세요)",
        "en": "The development area is '{area}', but the geometry does not touch that area's boundary "
        "(check the area or the coordinates)",
    },
    "problem.data_folder_missing": {
        "ko": "데이터 폴더가 없습니다 (DASHBOARD_DATA_DIR를 확인하세요)",
        "en": "The data folder does not exist (check DASHBOARD_DATA_DIR)",
    },
    "problem.manifest_no_layers": {"ko": "'layers' 목록이 없습니다", "en": "There is no 'layers' list"},
    "problem.manifest_entry_incomplete": {
        "ko": "레이어 설명에 필수 항목이 없습니다",
        "en": "The layer's description lacks required entries",
    },
    "problem.manifest_columns_absent": {
        "ko": "매니페스트에 적힌 열이 파일에 없습니다",
        "en": "Columns the manifest names are not in the file",
    },
    "problem.coordinates_unreadable": {
        "ko": "좌표 '{lat}, {lon}'를 읽을 수 없습니다",
        "en": "The coordinates '{lat}, {lon}' cannot be read",
    },
    "problem.coordinates_outside_city": {
        "ko": "좌표 {lat}, {lon}이(가) 안산시 밖입니다",
        "en": "The coordinates {lat}, {lon} lie outside Ansan",
    },
    # --- boundaries -----------------------------------------------------------------------------
    "problem.services_orphaned": {
        "ko": "이 경계로 바꾸면 저장된 서비스 {count}개가 안산시 경계 밖에 놓입니다: {shown}. "
        "경계 파일의 좌표계와 범위를 확인하세요",
        "en": "With these boundaries, {count} stored services would lie outside Ansan: {shown}. "
        "Check the boundary file's CRS and extent",
    },
    "problem.and_more": {"ko": "{shown} 외 {count}개", "en": "{shown} and {count} more"},
    # --- a reference layer's summary (the command line) -----------------------------------------
    "problem.reference.file": {
        "ko": "파일: {file} → 참고 레이어 '{title}'",
        "en": "File: {file} → reference layer '{title}'",
    },
    "problem.reference.rows": {"ko": "읽은 행: {count:,}", "en": "Rows read: {count:,}"},
    "problem.reference.points": {"ko": "가져올 점: {count:,}개", "en": "Points to import: {count:,}"},
    "problem.reference.described": {
        "ko": "제공기관: {provider} · 기준일: {date} · 출처: {source}",
        "en": "Provider: {provider} · as of: {date} · source: {source}",
    },
    "problem.reference.fields": {
        "ko": "이름 열: {name} · 팝업 열: {popup}",
        "en": "Name column: {name} · pop-up columns: {popup}",
    },
    "problem.reference.replaces": {
        "ko": "같은 제목의 레이어({layer}, 점 {count:,}개)를 교체합니다",
        "en": "Replaces the layer of the same title ({layer}, {count:,} points)",
    },
    "problem.reference.kind_rows": {"ko": "{kind} {count:,}행", "en": "{kind}: {count:,} rows"},
    "problem.reference.refused": {
        "ko": "제외한 행 {count:,}개 ({counts}):",
        "en": "{count:,} rows left out ({counts}):",
    },
    "problem.reference.refused_more": {
        "ko": "  … 외 {count:,}개 (위 종류별 수에 포함)",
        "en": "  … and {count:,} more (counted by kind above)",
    },
    "problem.reference.ok": {"ko": "검증: 저장할 수 있습니다", "en": "Validation: it can be saved"},
    "problem.reference.kind.no_coordinates": {"ko": "좌표 없음", "en": "no coordinates"},
    "problem.reference.kind.not_number": {"ko": "숫자가 아님", "en": "not a number"},
    "problem.reference.kind.swapped": {"ko": "위도·경도 바뀜", "en": "latitude and longitude swapped"},
    "problem.reference.kind.outside": {"ko": "안산 밖", "en": "outside Ansan"},
    "problem.reference.kind.other": {"ko": "기타", "en": "other"},
    # --- notes: what reading a file did to the data (the preview's "what was converted or repaired") --
    "problem.note_crs_overridden": {
        "ko": "파일의 좌표계 {file_crs} 대신 지정한 {crs}를 썼습니다",
        "en": "The CRS given, {crs}, was used instead of the file's {file_crs}",
    },
    "problem.note_crs_by_parameters": {
        "ko": "파일의 좌표계 정의('{name}')에 EPSG 코드가 없어 투영 변수로 EPSG:{epsg} ({crs_name})로 판단했습니다",
        "en": "The file's CRS definition ('{name}') has no EPSG code: its projection parameters make it "
        "EPSG:{epsg} ({crs_name})",
    },
    "problem.note_crs_guessed": {
        "ko": "파일에 좌표계 정보가 없어 좌표 범위로 EPSG:{epsg} ({crs_name})로 추정했습니다. "
        "미리보기 지도에서 위치를 확인하고, 다르면 좌표계를 지정하세요 (명령줄: --crs EPSG:5186)",
        "en": "The file has no CRS: from the coordinates' range it is taken as EPSG:{epsg} ({crs_name}). "
        "Check the places on the preview map and give the CRS if they are wrong (command line: --crs EPSG:5186)",
    },
    "problem.note_crs_guessed_others": {
        "ko": "{guess}. 같은 범위에 맞는 다른 좌표계: {others} (서로 수백 m 차이가 날 수 있습니다)",
        "en": "{guess}. Other CRSs that fit the same range: {others} (they can differ by some hundred metres)",
    },
    "problem.note_crs_converted": {
        "ko": "좌표계 {crs}를 EPSG:4326(WGS 84)으로 변환했습니다",
        "en": "The CRS {crs} was converted to EPSG:4326 (WGS 84)",
    },
    "problem.note_geometry_repaired": {
        "ko": "올바르지 않은 도형 {count}개를 자동 보정했습니다 ({rows}번째 피처)",
        "en": "{count} invalid geometries were repaired automatically (features {rows})",
    },
    "problem.note_columns_swapped": {
        "ko": "'{x_column}' 열에 위도, '{y_column}' 열에 경도가 들어 있어 서로 바꿔 읽었습니다",
        "en": "The column '{x_column}' holds latitudes and '{y_column}' longitudes: they were read the other way round",
    },
    "problem.note_title_rows": {
        "ko": "제목 행 {count}개를 건너뛰었습니다 (열 이름은 {header_row}행)",
        "en": "{count} title rows were skipped (the column names are in row {header_row})",
    },
    "problem.note_names_to_ids": {
        "ko": "{label}({column}): 이름으로 적힌 값 {count:,}개를 ID로 바꿨습니다 (예: '{example}' → {id})",
        "en": "{column}: {count:,} values written as names were changed to IDs (e.g. '{example}' → {id})",
    },
    "problem.note_city_not_checked": {
        "ko": "안산시 경계 안에 있는지는 확인하지 않았습니다 (경계 자료 없음)",
        "en": "Whether it lies within Ansan was not checked (no boundary data)",
    },
    "problem.note_year_in_source": {
        "ko": "'{column}' 열의 {year}을 자료의 기준 연도로 출처에 적었습니다",
        "en": "{year} from the column '{column}' was written into the source as the data's year",
    },
    "problem.note_columns_dropped": {
        "ko": "스키마에 없는 열 {count}개는 저장하지 않습니다: {columns}",
        "en": "{count} columns not in the schema are not saved: {columns}",
    },
    "problem.note_boundaries_derived": {
        "ko": "행정동 {dongs}개를 합쳐 구 경계와 시 경계 {count}개를 만들었습니다 (교체할 때 함께 저장)",
        "en": "{count} gu and city boundaries were made from the {dongs} dongs (saved with a replace)",
    },
    "problem.note_last_word_name": {
        "ko": "이름의 마지막 낱말을 이름으로 썼습니다 (예: '{full}' → '{name}')",
        "en": "The last word of each name was used as the name (e.g. '{full}' → '{name}')",
    },
    # --- defaults: a value filled in where the file had no column, and why ------------------------
    "problem.default_from_file": {
        "ko": "'{value}' (파일 이름과 가져온 날짜)",
        "en": "'{value}' (the file's name and the import date)",
    },
    "problem.default_in_english": {
        "ko": "'{value}' (같은 출처의 영문)",
        "en": "'{value}' (the same source in English)",
    },
    "problem.default_official": {"ko": "'{value}' (가져온 공식 파일)", "en": "'{value}' (an official file, imported)"},
    "problem.default_level_by_code": {
        "ko": "코드 자릿수로 판단 (5자리·…00000 → gu, 7·8·10자리 → dong)",
        "en": "told by the code's digits (5 or …00000 → gu, 7, 8 or 10 → dong)",
    },
    "problem.default_level_by_name": {
        "ko": "이름으로 판단 (…구 → gu, …시 → city, 그 밖 → dong)",
        "en": "told by the name (…-gu → gu, …-si → city, else dong)",
    },
    "problem.default_id_from_code": {"ko": "구분-코드 (예: {example})", "en": "level-code (e.g. {example})"},
    "problem.default_id_from_name": {
        "ko": "구분-이름 (예: {example}; 코드 열이 없음)",
        "en": "level-name (e.g. {example}; no code column)",
    },
    "problem.default_gu_by_code": {
        "ko": "행정동 코드 앞 다섯 자리(31091/41271 상록구, 31092/41273 단원구)",
        "en": "the first five digits of the dong code (31091/41271 Sangnok-gu, 31092/41273 Danwon-gu)",
    },
    "problem.default_gu_by_full_name": {"ko": "전체 이름의 구", "en": "the gu in the full name"},
    "problem.default_gu_by_dong_list": {"ko": "안산시 행정동 목록", "en": "Ansan's list of dongs"},
}
