"""Reference layers (기반 시설): real public point datasets shown beside the plan's projects.

A reference layer is a public-data point set (school zones, car parks, stations, ...)
or a layer staff imported from a public-data file. It is real data, never a sample:
it carries its provider, its data date and its licence, and every view that shows
it shows those. Points are stored in EPSG:4326; the frame keeps the dataset's own
columns so a popup can show its useful fields (a school zone's CCTV count, a car
park's spaces and fee).

This module holds the shape shared by the loader, the store, the importer and the
map; it is the contract between them.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd

from geo.i18n import localized

#: The text fields (besides ``layer_id``) that describe every layer, as :class:`ReferenceLayer` names them:
#: required in the data folder's manifest (``geo.loaders``) and stored per layer (``geo.store.reference``).
LAYER_DESCRIPTION = ("title_ko", "title_en", "provider", "data_date", "licence", "source", "name_field")


@dataclass(frozen=True)
class ReferenceLayer:
    """One public point layer with its provenance.

    Attributes
    ----------
    layer_id : str
        Stable slug (``school_zones``); an imported layer's id is derived from its title.
    title_ko, title_en : str
        Names shown in the layer list and legend.
    provider : str
        The data provider as the dataset names it (제공기관명), e.g. ``경기도 안산시``.
    data_date : str
        The dataset's reference date as given (``2026-06-15``, ``2020``, ``2015–2016``); shown as is.
    licence : str
        Licence and attribution text (e.g. ``공공누리 제1유형 (출처표시)``).
    source : str
        The dataset's name and where the copy came from.
    points : geopandas.GeoDataFrame
        Point geometries in EPSG:4326 with the dataset's own columns.
    name_field : str
        Column that names a point (shown first in its popup).
    popup_fields : tuple[str, ...]
        Further columns a popup shows, in order.
    kiosk : bool
        Shown on the public kiosk map for orientation (stations, parks).
    """

    layer_id: str
    title_ko: str
    title_en: str
    provider: str
    data_date: str
    licence: str
    source: str
    points: gpd.GeoDataFrame
    name_field: str
    popup_fields: tuple[str, ...] = ()
    kiosk: bool = False

    @property
    def count(self) -> int:
        return len(self.points)

    def title(self, lang: str) -> str:
        return localized(vars(self), "title", lang)
