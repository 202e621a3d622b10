"""The body map for the web: an inline SVG of both views, drawn by ``body_map/map.svg``.

Python only works out what to draw (which regions are marked, in which style, their labels);
the template writes the markup. Numbers reach the template as ready-made strings, so the
48-region loop does no number formatting per request.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from intake.body_map.regions import (
    MAP_HEIGHT,
    MAP_WIDTH,
    NOTE_CAPTION,
    OFFSETS,
    OUTLINE,
    REGION_STROKE,
    REGIONS,
    SILHOUETTE_FILL,
    SILHOUETTES,
    STYLES,
    TEXT,
    TOP,
    VIEW_CAPTIONS,
    VIEWS,
    Caption,
    normalise,
)

TEMPLATE = "body_map/map.svg"
UNMARKED_FILL = "#ffffff"


def _num(value: float) -> str:
    return f"{value:g}"


def _caption(caption: Caption) -> dict[str, str | bool]:
    return {
        "x": _num(caption.x),
        "y": _num(caption.y),
        "text": caption.text,
        "anchor": "" if caption.anchor == "start" else caption.anchor,
        "size": _num(caption.size),
        "bold": caption.bold,
    }


#: What never changes between maps: the silhouettes and captions of each view, and the sizes
#: and colours, formatted once at import.
STATIC: dict[str, object] = {
    "width": _num(MAP_WIDTH),
    "height": _num(MAP_HEIGHT),
    "silhouette_fill": SILHOUETTE_FILL,
    "outline": OUTLINE,
    "region_stroke": REGION_STROKE,
    "text_colour": TEXT,
    "backgrounds": [
        {
            "view": view,
            "transform": f"translate({_num(OFFSETS[view])} {_num(TOP)})",
            "silhouettes": [" ".join(f"{x:g},{y:g}" for x, y in s) for s in SILHOUETTES[view]],
            # The note on sides goes under both views: it is written after the last one's captions.
            "captions": [
                _caption(c)
                for c in VIEW_CAPTIONS[view] + ((NOTE_CAPTION,) if view == VIEWS[-1] else ())
            ],
        }
        for view in VIEWS
    ],
}
POINTS: dict[str, str] = {region.code: region.points_attr for region in REGIONS}


def _region_rows(styles: dict[str, str], view: str) -> list[dict[str, str]]:
    rows = []
    for region in REGIONS:
        if region.view != view:
            continue
        style = styles.get(region.code)
        rows.append(
            {
                "code": region.code,
                "label": region.label,
                "points": POINTS[region.code],
                "classes": f"bm-region bm-marked bm-{style}" if style else "bm-region",
                "fill": STYLES[style][0] if style else UNMARKED_FILL,
                "opacity": "0.85" if style else "0.01",
                "pressed": "true" if style else "false",
            }
        )
    return rows


def svg(
    marked: Mapping[str, str] | Iterable[str] = (),
    *,
    interactive: bool = False,
    id_prefix: str = "bm",
) -> SafeString:
    """Inline SVG of the front and back views with every region; marked regions are filled.

    ``marked`` is an iterable of region codes, or a mapping of code to a style key
    (``"symptom"``, ``"treated"``, ``"both"``). Unknown codes are ignored.
    ``interactive=True`` makes each region a toggle button for ``body_map.js``.
    """
    return _render(tuple(sorted(normalise(marked).items())), interactive, id_prefix)


# The one cache: writing a map costs ~1 ms (about 580 template variables), and the body step
# writes two per GET, most often of the same empty map (bench: step 2 at ~24 ms uncached
# against a 25 ms target). The output depends only on the arguments.
@lru_cache(maxsize=128)
def _render(marks: tuple[tuple[str, str], ...], interactive: bool, id_prefix: str) -> SafeString:
    styles = dict(marks)
    summary = ", ".join(r.label for r in REGIONS if r.code in styles) or "no areas marked"
    context = {
        **STATIC,
        "id": id_prefix,
        "interactive": interactive,
        "summary": summary,
        "views": [
            {"transform": f"translate({_num(OFFSETS[view])} {_num(TOP)})"}
            | {"regions": _region_rows(styles, view)}
            for view in VIEWS
        ],
    }
    # The template ends without a newline; strip() keeps the inline SVG exactly as before.
    return mark_safe(render_to_string(TEMPLATE, context).strip())  # noqa: S308 - autoescaped
