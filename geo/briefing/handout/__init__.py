"""The PDF handout: the briefing's slides, one 16:9 page each, then an appendix with every service.

Why Plotly + kaleido (and pypdf to join the pages), not matplotlib: the charts in
the PDF are the very figures ``geo.charts`` builds for the screen (copied into the
page's layout by :func:`geo.briefing.handout.layout.paste`), so the handout and the
slides can never disagree on a number, a colour or a label, and there is one chart
implementation to maintain, not two.

Pages are 1600 × 900 px (1200 × 675 pt, 16:9), following the slides
(``geo.briefing.slides.briefing_slides``): the cover (the plan as reported: approval,
what 고시 means, aims, vision, directions, milestones, the mayor's remark; apart
from it Ansan's reported projects with their budget and its coverage), the
portfolio (every project by domain with its status, a programme's parts under
it), what citizens can use today, each area (map with scale bar, facts with
source, the projects inside or the nearest ones; a chart only where it has
something to show), the trend by quarter (``geo.analysis.trend``: the figure of the
city view), what changed, and the appendix (every service with period and
budget; its first pages when the handout would pass 12). At city scale (more services than
``geo.mapping.canvas.FOLIUM_SERVICES_MAX``) maps count services per 동 and lists become
counts. Every page's footer carries the as-of day, the data's last change, the
page number and, when sample records are included, "예시 데이터".

Modules: :mod:`~geo.briefing.handout.layout` (page, text, tables, pasted charts),
:mod:`~geo.briefing.handout.maps` (static maps), :mod:`~geo.briefing.handout.pages` (one
function per page kind), :mod:`~geo.briefing.handout.render` (kaleido, pypdf, fonts).
"""

from geo.briefing.handout.layout import PAGE_HEIGHT_PX, PAGE_WIDTH_PX, PDF_FONT_FAMILY
from geo.briefing.handout.maps import AREA_MAP_BOX, AREA_MAP_PX, STATUS_SYMBOLS, area_map_figure
from geo.briefing.handout.pages import APPENDIX_ROWS_PER_PAGE, MAX_PAGES, appendix_counts, briefing_figures
from geo.briefing.handout.render import (
    FONT_GLOBS,
    BriefingExportError,
    briefing_pdf,
    figures_to_pdf,
    find_cjk_font,
    offline_render_page,
)
from geo.model.vocab import AREA_TERMS

__all__ = [
    "APPENDIX_ROWS_PER_PAGE",
    "AREA_MAP_BOX",
    "AREA_MAP_PX",
    "AREA_TERMS",
    "FONT_GLOBS",
    "MAX_PAGES",
    "PAGE_HEIGHT_PX",
    "PAGE_WIDTH_PX",
    "PDF_FONT_FAMILY",
    "STATUS_SYMBOLS",
    "BriefingExportError",
    "appendix_counts",
    "area_map_figure",
    "briefing_figures",
    "briefing_pdf",
    "figures_to_pdf",
    "find_cjk_font",
    "offline_render_page",
]
