"""The body map: one catalogue of named regions (``regions``), drawn for the web as an inline
SVG (``svg``) and for every PDF as one reportlab ``Drawing`` (``drawing``; ``flowable`` places it
in a PDF story, drawn once per document however often it repeats).

``from intake import body_map`` and use ``body_map.REGIONS``, ``body_map.svg(...)``,
``body_map.drawing(...)``: the names below are the package's public API.
"""

from intake.body_map.drawing import drawing, flowable
from intake.body_map.regions import (
    DEFAULT_STYLE,
    GROUPS,
    REGION_BY_CODE,
    REGIONS,
    SENSATIONS,
    SILHOUETTES,
    STYLES,
    VIEWBOX,
    VIEWS,
    Point,
    Region,
    grouped_region_choices,
    labels_for,
    normalise,
    region_choices,
    regions_tagged,
    tags_for,
)
from intake.body_map.svg import svg

__all__ = [
    "DEFAULT_STYLE",
    "GROUPS",
    "REGIONS",
    "REGION_BY_CODE",
    "SENSATIONS",
    "SILHOUETTES",
    "STYLES",
    "VIEWBOX",
    "VIEWS",
    "Point",
    "Region",
    "drawing",
    "flowable",
    "grouped_region_choices",
    "labels_for",
    "normalise",
    "region_choices",
    "regions_tagged",
    "svg",
    "tags_for",
]
