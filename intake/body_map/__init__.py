"""The body map: one catalogue of named regions (``regions``), drawn for the web as an inline
SVG (``svg``) and for every PDF as one reportlab ``Drawing`` (``drawing``; ``flowable`` places it
in a PDF story, drawn once per document however often it repeats).

The web form offers the body in parts (``ZOOMS``), each drawn large enough to tap
(``zoom_svg``). Each sensation has one colour and pattern (``SENSATION_STYLES``), drawn alike
by the web maps and the PDF drawing when given ``sensations`` (``sensations_of(marks)``).

Names are in the reader's language: each region's ``name`` (and ``GROUPS``, the parts' names,
the captions) is a ``gettext_lazy`` string; ``Region.label``, ``Zoom.label`` and the pairs of
``SENSATIONS`` read it as a plain string in the active language. Codes never change.

``from intake import body_map`` and use ``body_map.REGIONS``, ``body_map.svg(...)``,
``body_map.drawing(...)``: the names below are the package's public API.
"""

from intake.body_map.drawing import drawing, flowable
from intake.body_map.parts import ZOOM_BY_CODE, ZOOMS, Zoom
from intake.body_map.regions import (
    DEFAULT_STYLE,
    GROUPS,
    REGION_BY_CODE,
    REGIONS,
    SENSATION_STYLES,
    SENSATIONS,
    SILHOUETTES,
    STYLES,
    VIEWBOX,
    VIEWS,
    Point,
    Region,
    SensationStyle,
    grouped_region_choices,
    labels_for,
    normalise,
    region_choices,
    regions_tagged,
    sensations_of,
    tags_for,
)
from intake.body_map.svg import svg, zoom_svg

__all__ = [
    "DEFAULT_STYLE",
    "GROUPS",
    "REGIONS",
    "REGION_BY_CODE",
    "SENSATIONS",
    "SENSATION_STYLES",
    "SILHOUETTES",
    "STYLES",
    "VIEWBOX",
    "VIEWS",
    "ZOOMS",
    "ZOOM_BY_CODE",
    "Point",
    "Region",
    "SensationStyle",
    "Zoom",
    "drawing",
    "flowable",
    "grouped_region_choices",
    "labels_for",
    "normalise",
    "region_choices",
    "regions_tagged",
    "sensations_of",
    "svg",
    "tags_for",
    "zoom_svg",
]
