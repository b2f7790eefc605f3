"""Problem texts of files before and around reading: size, archives, JSON, vertices, columns, the data folder.

The importer's safety and text checks (``geo.importer.safety``, ``geo.importer.text``),
reference layers (``geo.importer.reference``), the data folder's loaders
(``geo.loaders``) and the boundary check (``geo.spatial``) report these codes;
``geo.i18n.problems`` merges them into its table, so a code is rendered the same
way wherever it comes from. Korean is the wording staff have seen so far.
"""

from __future__ import annotations

#: Problem texts by key ``problem.<code>`` (merged into ``geo.i18n.problems.TEXTS``).
TEXTS: dict[str, dict[str, str]] = {
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
    "problem.header_joined": {
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
}
