"""Rebuild the bundled data folders (run by hand; the output is committed, so a clone runs without ../shared).

Usage: ``python scripts/build_bundled_data.py [--shared ../shared] [--out DIR]``

The facts are not here: they are the reviewed YAML files of ``data/sources/``
(projects.yaml, areas.yaml, outlets.yaml, boundaries.yaml, reference_layers.yaml,
demo_catalogue.yaml), which this script reads, checks and transforms; the
geometry comes from ``../shared/reference``. To correct a fact, edit its YAML
file and run this script.

``data/`` (the default, real data):

- ``boundaries.geojson``: Ansan's outline, its two 구 and 25 행정동, simplified
  (about 40 m) from Statistics Korea's 2018 boundaries (KOGL Type 1), marked
  ``accuracy = approximate``.
- ``areas.geojson``: the five development areas as approximate outlines drawn at
  the places and of the sizes the reports give; each fact keeps its source.
- ``services.geojson`` and ``status_history.csv``: the smart-city projects of
  ``PROJECTS.md`` as reported (each name must appear there), one record each,
  ``is_sample = false``. A point is a
  ``places.csv`` point, the point of a reported lot number in a public dataset, or
  a 동 centre of the bundled boundaries (``geo.places``); nothing is guessed, and
  a field no source gives stays empty. The history holds the reported dated events,
  each credited to the report that gave it.
- ``reference/``: the public point layers of ``reference/public_layers`` with a
  ``manifest.yaml`` (title, provider, data date, licence, popup fields).

``data/demo/``: the same plan, boundaries and areas with the 96 illustrative
services (``is_sample = true``, seeded, so a rebuild is identical), for
demonstrations with ``DASHBOARD_DATA_DIR=data/demo``.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import math
import random
import re
import shutil
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any, cast

import geopandas as gpd
import pandas as pd
import yaml
from shapely import affinity
from shapely.geometry import LineString, Point, Polygon, mapping
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.model.schema import AREAS, SERVICES, parse_funding_split  # noqa: E402
from geo.model.vocab import STATUS_TERMS, label  # noqa: E402
from geo.places import dong_anchor  # noqa: E402

METRIC = "EPSG:5186"
# The reviewed facts this script transforms (one YAML file per kind, each saying what it holds).
SOURCES = ROOT / "data" / "sources"
HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")


def read_source(name: str) -> dict[str, Any]:
    """One reviewed facts file of ``data/sources/`` (``name`` without ``.yaml``)."""
    path = SOURCES / f"{name}.yaml"
    try:
        facts = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise SystemExit(f"{path.relative_to(ROOT)}: cannot read it ({exc})") from exc
    if not isinstance(facts, dict):
        raise SystemExit(f"{path.relative_to(ROOT)}: the top level must be a mapping")
    return facts


def cited(report: dict[str, Any]) -> str:
    """A report as the data cites it: ``outlet (date)``."""
    return f"{report['outlet']} ({report['date']})"


def cited_with_url(report: dict[str, Any]) -> str:
    """A report with its address when it has one: ``outlet (date), url``."""
    return cited(report) + (f", {report['url']}" if report.get("url") else "")


class Outlets:
    """English of the sources: each outlet as it spells itself in English, and phrases of the facts files.

    Dates and addresses stay as they are. A source with Korean left after the table stops the build
    (name the outlet in outlets.yaml): English screens never show a source the table did not translate.
    """

    def __init__(self, table: dict[str, str]):
        self.table = table

    def english(self, source: str | None) -> str | None:
        if source is None:
            return None
        english = source
        for korean, text in self.table.items():
            english = english.replace(korean, text)
        if HANGUL.search(english):
            raise SystemExit(f"source '{source}': no English for '{english}' (add the outlet to outlets.yaml)")
        return english


def english_source(source: str | None) -> str | None:
    """The English of a service source, with the outlets of ``data/sources/outlets.yaml``; None stays None."""
    return Outlets(read_source("outlets")["outlets"]).english(source)


def approximate_outline(centre: tuple[float, float], area_m2: float, aspect: float, rotation: float) -> Polygon:
    """An irregular octagon of exactly ``area_m2`` around ``centre`` (lat, lon), in EPSG:4326."""
    centre_metric = gpd.GeoSeries([Point(centre[1], centre[0])], crs=4326).to_crs(METRIC).iloc[0]
    # Corners cut at different depths so the outline does not look like a stamp.
    cuts = [0.22, 0.12, 0.3, 0.18]
    w, h = aspect, 1.0
    pts = [
        (-w + cuts[0], -h),
        (w - cuts[1], -h),
        (w, -h + cuts[1]),
        (w, h - cuts[2]),
        (w - cuts[2], h),
        (-w + cuts[3], h),
        (-w, h - cuts[3]),
        (-w, -h + cuts[0]),
    ]
    shape = Polygon(pts)
    shape = affinity.scale(shape, math.sqrt(area_m2 / shape.area), math.sqrt(area_m2 / shape.area), origin=(0, 0))
    shape = affinity.rotate(shape, rotation, origin=(0, 0))
    shape = affinity.translate(shape, centre_metric.x, centre_metric.y)
    return cast(Polygon, gpd.GeoSeries([shape], crs=METRIC).to_crs(4326).iloc[0])


def random_point_in(polygon: BaseGeometry, rng: random.Random) -> Point:
    minx, miny, maxx, maxy = polygon.bounds
    while True:
        candidate = Point(rng.uniform(minx, maxx), rng.uniform(miny, maxy))
        if polygon.contains(candidate):
            return candidate


def service_geometry(kind: str, polygon: BaseGeometry, rng: random.Random, shapes: dict[str, Any]) -> BaseGeometry:
    """A sample geometry of ``kind`` inside ``polygon``, sized as demo_catalogue.yaml's ``shapes`` say (metres)."""
    start = random_point_in(polygon, rng)
    if kind == "point":
        return start
    metric_start = gpd.GeoSeries([start], crs=4326).to_crs(METRIC).iloc[0]
    if kind == "line":
        angle = rng.uniform(0, math.pi)
        length = rng.uniform(*shapes["line_length_m"])
        pts = [metric_start]
        for _ in range(3):
            angle += rng.uniform(-0.5, 0.5)
            last = pts[-1]
            pts.append(Point(last.x + length / 3 * math.cos(angle), last.y + length / 3 * math.sin(angle)))
        line = LineString(pts)
        clipped = gpd.GeoSeries([line], crs=METRIC).to_crs(4326).iloc[0].intersection(polygon)
        return clipped if isinstance(clipped, LineString) and clipped.length > 0 else start
    radius = rng.uniform(*shapes["zone_radius_m"])
    zone = metric_start.buffer(radius, quad_segs=3)
    zone = gpd.GeoSeries([zone], crs=METRIC).to_crs(4326).iloc[0].intersection(polygon)
    return zone if isinstance(zone, Polygon) and not zone.is_empty else start


def status_path(final: str, progression: list[str], rng: random.Random) -> list[str]:
    """The statuses a service passed through to reach ``final``, starting at the first of ``progression``."""
    if final in progression:
        return progression[: progression.index(final) + 1]
    reached = progression[: rng.randint(1, 3)]
    return [*reached, final]


def build_boundaries(reference: Path, facts: dict[str, Any]) -> gpd.GeoDataFrame:
    """Ansan's 동, 구 and outline from the boundary file boundaries.yaml names, simplified as it says."""
    dongs = gpd.read_file(reference / facts["dong_file"]).to_crs(METRIC)
    dongs["geometry"] = dongs.geometry.make_valid()
    gu_names = {gu["code"]: gu["name_ko"] for gu in facts["gu"]}
    dongs["gu"] = dongs["code"].str[:5].map(gu_names)
    rows = []
    for _, dong in dongs.iterrows():
        rows.append(
            {
                "boundary_id": f"dong-{dong['code']}",
                "level": "dong",
                "name_ko": dong["name"],
                "name_en": dong["name_eng"],
                "gu": dong["gu"],
                "geometry": dong.geometry,
            }
        )
    for gu in facts["gu"]:
        rows.append(
            {
                "boundary_id": f"gu-{gu['code']}",
                "level": "gu",
                "name_ko": gu["name_ko"],
                "name_en": gu["name_en"],
                "gu": gu["name_ko"],
                "geometry": unary_union(dongs.loc[dongs["gu"] == gu["name_ko"]].geometry.tolist()),
            }
        )
    city = facts["city"]
    rows.append(
        {
            "boundary_id": f"city-{city['code']}",
            "level": "city",
            "name_ko": city["name_ko"],
            "name_en": city["name_en"],
            "gu": "",
            "geometry": unary_union(dongs.geometry.tolist()),
        }
    )
    frame = gpd.GeoDataFrame(rows, crs=METRIC)
    frame["geometry"] = frame.geometry.simplify(facts["simplify_m"]).make_valid().buffer(0)
    frame["source"] = facts["source"]
    frame["accuracy"] = "approximate"
    return frame.to_crs(4326)


def build_services(
    areas: gpd.GeoDataFrame, city: Polygon, demo: dict[str, Any], rng: random.Random
) -> tuple[gpd.GeoDataFrame, pd.DataFrame]:
    """The illustrative services of demo_catalogue.yaml, drawn at random (seeded) in each area."""
    services, history = [], []
    sampling = demo["sampling"]
    catalogue, departments, phases = demo["catalogue"], demo["departments"], demo["phases"]
    progression = sampling["progression"]
    west, south, east, north = sampling["city_core"]
    city_core = Polygon([(west, south), (east, south), (east, north), (west, north)]).intersection(city.buffer(-0.001))
    statuses, weights = zip(*sampling["status_weights"].items(), strict=True)
    funding, funding_weights = zip(*sampling["funding_weights"].items(), strict=True)
    first_day, last_day = date.fromisoformat(sampling["first_day"]), date.fromisoformat(sampling["last_day"])
    n = 0
    for area_id, count in demo["services_per_area"].items():
        polygon = city_core if area_id == "citywide" else areas.set_index("area_id").geometry[area_id]
        for template in rng.sample(catalogue, count):
            domain = template["domain"]
            n += 1
            phase = rng.choices(list(phases), weights=[p["weight"] for p in phases.values()])[0]
            start = rng.randint(*phases[phase]["years"])
            end = start + rng.randint(1, 4)
            final = rng.choices(statuses, weights=weights)[0]
            if phase == sampling["no_building_in_phase"] and final in ("구축", "운영"):
                final = progression[0]
            path = status_path(final, progression, rng)
            when = first_day + timedelta(days=rng.randint(*sampling["days_to_first_change"]))
            changes = []
            for old, new in itertools.pairwise(path):
                when = when + timedelta(days=rng.randint(*sampling["days_between_changes"]))
                if when > last_day:
                    break
                changes.append((old, new, when))
            current = changes[-1][1] if changes else progression[0]
            # Keep the period consistent with the history: building starts, and operation ends, inside it.
            for _, new, when_changed in changes:
                if new in ("구축", "운영"):
                    start = min(start, when_changed.year)
                if new == "운영":
                    end = max(end, when_changed.year)
            service_id = f"SVC-{n:03d}"
            place = (
                "" if area_id == "citywide" else f" ({areas.set_index('area_id').loc[area_id, 'name_ko'].split()[0]})"
            )
            services.append(
                {
                    "service_id": service_id,
                    "name_ko": f"{template['name_ko']}{place}",
                    "name_en": template["name_en"],
                    "domain": domain,
                    "direction": template["direction"],
                    "area_id": area_id,
                    "status": current,
                    "phase": phase,
                    "start_year": start,
                    "end_year": end,
                    "budget_krw_100m": round(rng.choice(sampling["budget_steps"]) * rng.uniform(0.8, 1.3), 1),
                    "funding": rng.choices(funding, weights=funding_weights)[0],
                    "department": departments[domain],
                    "description_public": template["description"],
                    "updated_at": (
                        changes[-1][2]
                        if changes
                        else first_day + timedelta(days=rng.randint(*sampling["days_to_update_unchanged"]))
                    ).isoformat(),
                    "is_sample": True,
                    "geometry": service_geometry(template["geometry"], polygon, rng, sampling),
                }
            )
            for old, new, when_changed in changes:
                history.append(
                    {
                        "service_id": service_id,
                        "changed_at": when_changed.isoformat(),
                        "old_status": old,
                        "new_status": new,
                        "changed_by": departments[domain],
                        "reason": f"{old}→{new} 단계 전환(예시)",
                        "reason_en": f"{label(STATUS_TERMS, old, 'en')} → {label(STATUS_TERMS, new, 'en')} (sample)",
                        "is_sample": True,
                    }
                )
    return gpd.GeoDataFrame(services, crs=4326), pd.DataFrame(history)


def write_geojson(frame: gpd.GeoDataFrame, path: Path) -> None:
    """Write compact, stable GeoJSON (6 decimals ≈ 0.1 m) so diffs stay reviewable."""
    features = []
    for record in frame.to_dict("records"):
        geometry = record.pop("geometry")
        properties = {k: _plain(k, v) for k, v in record.items()}
        features.append({"type": "Feature", "properties": properties, "geometry": _rounded(mapping(geometry))})
    collection = {"type": "FeatureCollection", "name": path.stem, "features": features}
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text.replace('{"type":"Feature"', '\n{"type":"Feature"') + "\n", encoding="utf-8")


# Integer columns that pandas turns into floats when some rows are empty.
INTEGER_COLUMNS = ("start_year", "end_year", "homes", "residents")


def _plain(key: str, value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None
    if key in INTEGER_COLUMNS and isinstance(value, float):
        return int(value)
    return value


def _rounded(geometry: dict[str, Any]) -> dict[str, Any]:
    def walk(coords: Any) -> Any:
        if isinstance(coords[0], (int, float)):
            return [round(coords[0], 6), round(coords[1], 6)]
        return [walk(c) for c in coords]

    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}


def build_areas(city: Any, areas_facts: dict[str, Any]) -> gpd.GeoDataFrame:
    """The development areas: approximate outlines, clipped to Ansan (the new town runs on into Uiwang and Gunpo)."""
    rows = []
    for area in areas_facts["areas"]:
        facts = {k: v for k, v in area.items() if k != "outline"}
        untranslated = [f for f in ("kind", "location", "facts", "source") if not facts.get(f"{f}_en")]
        if untranslated:
            raise SystemExit(f"area {facts['area_id']}: no English for {', '.join(untranslated)}")
        shape = area["outline"]
        outline = approximate_outline(tuple(shape["centre"]), shape["area_m2"], shape["aspect"], shape["rotation"])
        conflicts = facts.get("conflicts")
        rows.append(
            {
                **facts,
                "conflicts": json.dumps(conflicts, ensure_ascii=False) if conflicts else None,
                "accuracy": "approximate",
                "outline_source": areas_facts["outline_source"],
                "geometry": outline.intersection(city),
            }
        )
    frame = gpd.GeoDataFrame(rows, crs=4326)
    return frame[[*AREAS.column_names, "geometry"]]


def read_places(public_layers: Path) -> dict[str, Point]:
    with (public_layers / "places.csv").open(encoding="utf-8") as handle:
        return {row["name_ko"]: Point(float(row["lon"]), float(row["lat"])) for row in csv.DictReader(handle)}


def address_point(public_layers: Path, file: str, address: str, name: str) -> Point:
    """The point of the row of ``file`` whose 지번 address and name are the reported ones."""
    frame = pd.read_csv(public_layers / file, dtype=str)
    rows = frame.loc[(frame["소재지지번주소"] == address) & (frame.iloc[:, 1] == name)]
    if len(rows) != 1:
        raise SystemExit(f"{file}: expected one row for {address} / {name}, found {len(rows)}")
    return Point(float(rows["경도"].iloc[0]), float(rows["위도"].iloc[0]))


def project_geometry(
    where: dict[str, Any], places: dict[str, Point], boundaries: gpd.GeoDataFrame, public_layers: Path
) -> tuple[Any, str, Any]:
    """The geometry, its accuracy and the stops left out, as a project's ``where`` says."""
    kind = where["kind"]
    if kind == "place":
        return places[where["place"]], "place", None
    if kind == "address":
        return address_point(public_layers, where["file"], where["address"], where["name"]), "address", None
    if kind == "dong":
        # A project reported for several dongs is drawn at the first one's centre (its text names them all).
        return dong_anchor(boundaries, where["dongs"][0]), "dong", None
    if kind == "route":
        stops = where["stops"]
        known = [places[s] for s in stops if s in places]
        missing = [s for s in stops if s not in places]
        return LineString(known), "route", missing
    if kind != "citywide":
        raise SystemExit(f"where.kind '{kind}' is not one of place, address, dong, route, citywide")
    return places[where["drawn_at"]], "citywide", None


def build_projects(
    facts: dict[str, Any], outlets: Outlets, boundaries: gpd.GeoDataFrame, public_layers: Path, projects_md: str
) -> tuple[gpd.GeoDataFrame, pd.DataFrame]:
    """The reported projects of projects.yaml as services, and their dated events as the status history."""
    places = read_places(public_layers)
    services, history = [], []
    for project in facts["projects"]:
        service_id = project["id"]
        if project["name_ko"] not in projects_md:
            raise SystemExit(f"{service_id} '{project['name_ko']}' is not in PROJECTS.md: correct projects.yaml")
        where = project["where"] | (
            {"drawn_at": facts["citywide_drawn_at"]} if project["where"]["kind"] == "citywide" else {}
        )
        geometry, accuracy, missing = project_geometry(where, places, boundaries, public_layers)
        where_ko, where_en = project["where_ko"], project["where_en"]
        if missing:
            stops_en = facts["route_stops_en"]
            where_ko += f". 좌표가 없어 선에서 뺀 정류장: {', '.join(missing)}"
            where_en += f". Stops left out of the line (no point): {', '.join(stops_en[stop] for stop in missing)}"
        source = cited(project["source"])
        others = "; ".join(cited_with_url(o) for o in project.get("sources_other", [])) or None
        services.append(
            {
                "service_id": service_id,
                "name_ko": project["name_ko"],
                "name_en": project["name_en"],
                "domain": project["domain"],
                "direction": None,
                "area_id": project["area_id"],
                "status": project["status"],
                "phase": None,
                "start_year": project.get("start_year"),
                "end_year": project.get("end_year"),
                "budget_krw_100m": project.get("budget"),
                "funding": project.get("funding"),
                "department": project.get("department"),
                "description_public": project["what_ko"],
                "updated_at": project["reported_on"],
                "is_sample": False,
                "description_public_en": project["what_en"],
                "domain_reported": project["domain_reported"],
                "status_reported_ko": project["status_ko"],
                "status_reported_en": project["status_en"],
                "budget_note_ko": project.get("budget_ko"),
                "budget_note_en": project.get("budget_en"),
                "location_ko": where_ko,
                "location_en": where_en,
                "location_accuracy": accuracy,
                "source": source,
                "source_url": project["source"].get("url"),
                "sources_other": others,
                "reported_on": project["reported_on"],
                "conflicts": json.dumps(english_conflicts(project["conflicts"], outlets), ensure_ascii=False)
                if project.get("conflicts")
                else None,
                "source_en": outlets.english(source),
                "sources_other_en": outlets.english(others),
                "parent_id": project.get("parent"),
                "budget_basis": project.get("budget_basis"),
                "funding_split": funding_split_text(project.get("funding_split"), service_id),
                "geometry": geometry,
            }
        )
        events = project["events"]
        if events[-1]["new"] != project["status"]:
            raise SystemExit(f"{service_id}: the last event must reach the reported status")
        # An event is credited to the report that gave it, which is one of the record's sources (so English
        # screens name it in English, and the record lists every report it rests on).
        reports = {source, *(cited(o) for o in project.get("sources_other", []))}
        uncited = [cited(e["reported_by"]) for e in events if cited(e["reported_by"]) not in reports]
        if uncited:
            raise SystemExit(f"{service_id}: events reported by {', '.join(uncited)}, not among its sources")
        for event in events:
            history.append(
                {
                    "service_id": service_id,
                    "changed_at": event["date"],
                    "old_status": event["old"],
                    "new_status": event["new"],
                    "changed_by": cited(event["reported_by"]),
                    "reason": event["reason_ko"],
                    "reason_en": event["reason_en"],
                    "is_sample": False,
                }
            )
    frame = gpd.GeoDataFrame(services, crs=4326)
    return frame[[*SERVICES.column_names, "geometry"]], pd.DataFrame(history)


def funding_split_text(split: dict[str, float] | None, service_id: str) -> str | None:
    """A reported split of the budget as the ``funding_split`` column holds it (JSON, checked by geo.model.schema)."""
    if not split:
        return None
    text = json.dumps(split, ensure_ascii=False)
    try:
        parse_funding_split(text)
    except ValueError as problem:
        raise SystemExit(f"{service_id} funding_split: {problem}") from problem
    return text


def english_conflicts(conflicts: list[dict[str, Any]], outlets: Outlets) -> list[dict[str, Any]]:
    """A service's disagreeing facts with each value's source also in English (``source_en``)."""
    return [
        item | {"values": [value | {"source_en": outlets.english(value["source"])} for value in item["values"]]}
        for item in conflicts
    ]


def build_reference(public_layers: Path, target: Path, facts: dict[str, Any]) -> list[dict[str, Any]]:
    """Copy the public layers of reference_layers.yaml (rows unchanged) and describe them in ``manifest.yaml``."""
    target.mkdir(parents=True, exist_ok=True)
    manifest = []
    for spec in facts["layers"]:
        shutil.copyfile(public_layers / spec["file"], target / spec["file"])
        entry = {
            "layer_id": spec["layer_id"],
            "file": spec["file"],
            "title_ko": spec["title_ko"],
            "title_en": spec["title_en"],
            "provider": spec["provider"],
            "data_date": spec["data_date"],
            "licence": spec.get("licence") or facts["licence_template"].format(provider=spec["provider"]),
            "source": facts["source_template"].format(dataset=spec["dataset"], provider=spec["provider"]),
            "name_field": spec["name_field"],
            "popup_fields": spec["popup_fields"],
            "lat": spec.get("lat", "위도"),
            "lon": spec.get("lon", "경도"),
            "kiosk": spec.get("kiosk", False),
        }
        if spec.get("where"):
            entry["where"] = spec["where"]
        manifest.append(entry)
    header = (
        "# Public point layers (기반 시설) of Ansan: files copied unchanged; built by scripts/build_bundled_data.py.\n"
    )
    text = yaml.safe_dump({"layers": manifest}, allow_unicode=True, sort_keys=False, width=120)
    (target / "manifest.yaml").write_text(header + text, encoding="utf-8")
    return manifest


def write_history(history: pd.DataFrame, path: Path) -> None:
    history.to_csv(path, index=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=ROOT / "data", help="data folder to write (default: data/)")
    args = parser.parse_args()
    reference, public_layers = args.shared / "reference", args.shared / "reference" / "public_layers"
    DATA, DEMO = args.out, args.out / "demo"
    DEMO.mkdir(parents=True, exist_ok=True)
    outlets = Outlets(read_source("outlets")["outlets"])

    boundaries = build_boundaries(reference, read_source("boundaries"))
    write_geojson(boundaries, DATA / "boundaries.geojson")
    # Anchors and outlines come from the written (rounded) file, as the tests and the app read it.
    boundaries = gpd.read_file(DATA / "boundaries.geojson")
    city = boundaries.loc[boundaries["level"] == "city"].geometry.iloc[0]
    areas = build_areas(city, read_source("areas"))
    write_geojson(areas, DATA / "areas.geojson")

    projects, events = build_projects(
        read_source("projects"),
        outlets,
        boundaries,
        public_layers,
        (args.shared / "PROJECTS.md").read_text(encoding="utf-8"),
    )
    write_geojson(projects, DATA / "services.geojson")
    write_history(events, DATA / "status_history.csv")
    layers = build_reference(public_layers, DATA / "reference", read_source("reference_layers"))

    if DATA != ROOT / "data":  # plan.yaml is written by hand, not built
        shutil.copyfile(ROOT / "data" / "plan.yaml", DATA / "plan.yaml")
    for name in ("plan.yaml", "boundaries.geojson", "areas.geojson"):
        shutil.copyfile(DATA / name, DEMO / name)
    demo = read_source("demo_catalogue")
    samples, sample_history = build_services(areas, city, demo, random.Random(demo["sampling"]["seed"]))
    write_geojson(samples, DEMO / "services.geojson")
    write_history(sample_history, DEMO / "status_history.csv")
    print(
        f"{len(projects)} reported projects, {len(events)} dated events, {len(layers)} reference layers; "
        f"demo: {len(samples)} sample services, {len(sample_history)} status changes"
    )


if __name__ == "__main__":
    main()
