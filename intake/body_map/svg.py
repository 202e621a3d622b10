"""The body map for the web: an inline SVG of both views, drawn by ``body_map/map.svg``, and
each part of the body drawn large for tapping (``zoom_svg``, drawn by ``body_map/zoom.svg``).

Python only works out what to draw (which regions are marked, in which style, their labels);
the template writes the markup. Numbers reach the template as ready-made strings, so the
48-region loop does no number formatting per request.

Names and captions are in the active language (the catalogue's lazy names, read when the map is
written); each cached map is kept per language.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext
from reportlab.pdfbase.pdfmetrics import stringWidth

from intake.body_map.parts import ZOOM_BY_KEY, ZOOM_CAPTION_PX, Zoom
from intake.body_map.regions import (
    MAP_HEIGHT,
    MAP_WIDTH,
    NOTE_CAPTION,
    OFFSETS,
    OUTLINE,
    PATTERN_DOT_RADIUS,
    PATTERN_LINE_WIDTH,
    PATTERN_SPACING,
    REGION_BY_CODE,
    REGION_STROKE,
    REGIONS,
    SENSATION_CODES,
    SENSATION_STYLES,
    SENSATIONS,
    SILHOUETTE_FILL,
    SILHOUETTES,
    STYLES,
    TEXT,
    TOP,
    VIEW_CAPTIONS,
    VIEWS,
    Caption,
    felt,
    normalise,
)

TEMPLATE = "body_map/map.svg"
ZOOM_TEMPLATE = "body_map/zoom.svg"
UNMARKED_FILL = "#ffffff"
#: A chosen region of a part drawn large, before and under its sensations' patterns.
CHOSEN_FILL = "#fff3bf"
#: The key of sensations under a map that draws them, in map units: a row's height, an entry's
#: least width and a swatch's size. An entry is as wide as its own name needs (Helvetica's widths
#: with a little to spare for the browser's font), so a longer name in another language does not
#: run into the next; entries that do not fit the map's width go on another row.
KEY_HEIGHT = 18.0
KEY_SLOT = 70.0
KEY_SWATCH = (15.0, 11.0)
KEY_FONT_SIZE = 11.0


def _text_width(text: str) -> float:
    return stringWidth(text, "Helvetica", KEY_FONT_SIZE)


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

#: One ``<pattern>`` per sensation, in map units, from the catalogue's SENSATION_STYLES (the PDF
#: drawing draws the same lines and dots): ``<id>-pat-<sensation>`` in each SVG's own ``defs``.
PATTERNS: dict[str, object] = {
    "size": _num(PATTERN_SPACING),
    "half": _num(PATTERN_SPACING / 2),
    "line_width": _num(PATTERN_LINE_WIDTH),
    "radius": _num(PATTERN_DOT_RADIUS),
    "sensations": [
        {
            "code": code,
            "colour": SENSATION_STYLES[code].colour,
            "angle": _num(SENSATION_STYLES[code].angle),
            "dots": SENSATION_STYLES[code].pattern == "dots",
            "cross": SENSATION_STYLES[code].pattern == "cross",
        }
        for code in SENSATION_CODES
    ],
}
SILHOUETTE_POINTS: dict[str, list[str]] = {
    view: [" ".join(f"{x:g},{y:g}" for x, y in s) for s in SILHOUETTES[view]] for view in VIEWS
}


def _region_rows(
    styles: dict[str, str], layers: dict[str, tuple[str, ...]], view: str
) -> list[dict[str, object]]:
    rows = []
    for region in REGIONS:
        if region.view != view:
            continue
        style = styles.get(region.code)
        patterned = style and layers.get(region.code, ())
        rows.append(
            {
                "code": region.code,
                "label": region.label,
                "points": POINTS[region.code],
                "classes": f"bm-region bm-marked bm-{style}" if style else "bm-region",
                "fill": STYLES[style][0] if style else UNMARKED_FILL,
                # Under sensations' patterns the style's colour is a tint, so the lines show.
                "opacity": ("0.2" if patterned else "0.85") if style else "0.01",
                "pressed": "true" if style else "false",
                "layers": patterned or (),
            }
        )
    return rows


def svg(
    marked: Mapping[str, str] | Iterable[str] = (),
    *,
    sensations: Mapping[str, Iterable[str]] | None = None,
    interactive: bool = False,
    id_prefix: str = "bm",
) -> SafeString:
    """Inline SVG of the front and back views with every region; marked regions are filled.

    ``marked`` is an iterable of region codes, or a mapping of code to a style key
    (``"symptom"``, ``"treated"``, ``"both"``). Unknown codes are ignored.
    ``sensations`` (``{code: ["pain", ...]}``, see ``body_map.sensations_of``) draws each
    sensation felt in a marked region in its own colour and pattern over a tint of the style.
    ``interactive=True`` makes each region a toggle button for ``body_map.js``.
    """
    styles = normalise(marked)
    layers = {code: found for code, found in felt(sensations).items() if code in styles}
    return _render(
        tuple(sorted(styles.items())),
        tuple(sorted(layers.items())),
        interactive,
        id_prefix,
        get_language(),
    )


def _key(layers: dict[str, tuple[str, ...]]) -> tuple[list[dict[str, str]], int]:
    """A swatch and a name for each sensation drawn, in slots centred under the map (as the
    PDF drawing's key), and the number of rows they take."""
    used = {sensation for found in layers.values() for sensation in found}
    entries = [
        (code, label, max(KEY_SLOT, KEY_SWATCH[0] + 8 + 1.05 * _text_width(label)))
        for code, label in SENSATIONS
        if code in used
    ]
    rows: list[list[tuple[str, str, float]]] = []
    for entry in entries:
        if rows and sum(width for _, _, width in rows[-1]) + entry[2] <= MAP_WIDTH:
            rows[-1].append(entry)
        else:
            rows.append([entry])
    out = []
    for number, row in enumerate(rows):
        x = (MAP_WIDTH - sum(width for _, _, width in row)) / 2
        y = MAP_HEIGHT + 2 + number * KEY_HEIGHT
        for code, label, width in row:
            out.append(
                {
                    "code": code,
                    "label": label,
                    "x": _num(x),
                    "text_x": _num(x + KEY_SWATCH[0] + 4),
                    "y": _num(y),
                    "text_y": _num(y + KEY_SWATCH[1] - 1),
                }
            )
            x += width
    return out, len(rows)


def _summary(styles: dict[str, str], layers: dict[str, tuple[str, ...]]) -> str:
    """What a screen reader hears of a marked map: each marked region's name, and what is felt
    there ("Left calf (pain, tingling)"), as whole sentences of the catalogue."""
    labels = dict(SENSATIONS)
    parts = []
    for region in REGIONS:
        if region.code not in styles:
            continue
        if region.code in layers:
            feelings = ", ".join(labels[s].lower() for s in layers[region.code])
            # Translators: a body-map area and what the client feels there, e.g. "Left calf
            # (pain, tingling)".
            text = gettext("%(area)s (%(feelings)s)") % {"area": region.label, "feelings": feelings}
            parts.append(text)
        else:
            parts.append(region.label)
    return ", ".join(parts) or gettext("no areas marked")


def said() -> dict[str, str]:
    """What ``body_map.js`` says (aria-live) when an area of a map that can be tapped is chosen
    or let go, in the active language; the script puts the area's name for ``%(area)s``."""
    return {
        "chosen": gettext("%(area)s chosen."),
        "chosen_ask": gettext("%(area)s chosen: what do you feel there, and how strong is it?"),
        "unchosen": gettext("%(area)s no longer chosen."),
    }


# The one cache: writing a map costs ~1 ms (about 580 template variables), and the body step
# writes two per GET, most often of the same empty map (bench: step 2 at ~24 ms uncached
# against a 25 ms target). The output depends only on the arguments and the language.
@lru_cache(maxsize=128)
def _render(
    marks: tuple[tuple[str, str], ...],
    felt_marks: tuple[tuple[str, tuple[str, ...]], ...],
    interactive: bool,
    id_prefix: str,
    language: str | None,
) -> SafeString:
    styles, layers = dict(marks), dict(felt_marks)
    key, key_rows = _key(layers)
    context = {
        **STATIC,
        "id": id_prefix,
        "interactive": interactive,
        "label": gettext("Body map: choose each area where you feel something")
        if interactive
        else gettext("Body map, marked: %(areas)s") % {"areas": _summary(styles, layers)},
        "said": said() if interactive else None,
        "patterns": PATTERNS if layers else None,
        "key": key,
        "swatch_width": _num(KEY_SWATCH[0]),
        "swatch_height": _num(KEY_SWATCH[1]),
        "height": _num(MAP_HEIGHT + KEY_HEIGHT * key_rows),
        "views": [
            {"transform": f"translate({_num(OFFSETS[view])} {_num(TOP)})"}
            | {"regions": _region_rows(styles, layers, view)}
            for view in VIEWS
        ],
    }
    # The template ends without a newline; strip() keeps the inline SVG exactly as before.
    return mark_safe(render_to_string(TEMPLATE, context).strip())  # noqa: S308 - autoescaped


def zoom_svg(
    zoom: Zoom, chosen: Mapping[str, Iterable[str]] | None = None, *, id_prefix: str = "bm-zoom"
) -> SafeString:
    """One part of the body drawn large for tapping: every region of ``zoom`` is a toggle
    button for ``body_map.js``, pressed if it is a key of ``chosen`` (``{code: sensations}``),
    each sensation drawn over it in its own colour and pattern. The SVG is ``id_prefix``."""
    chosen = chosen or {}
    marks = tuple(
        (code, tuple(value for value in SENSATION_CODES if value in set(chosen[code])))
        for code in zoom.codes
        if code in chosen
    )
    return _render_zoom(zoom.key, marks, id_prefix, get_language())


@lru_cache(maxsize=256)
def _render_zoom(
    key: str,
    marks: tuple[tuple[str, tuple[str, ...]], ...],
    id_prefix: str,
    language: str | None,
) -> SafeString:
    zoom = ZOOM_BY_KEY[key]
    chosen = dict(marks)
    panes = []
    for place in zoom.places:
        x, y, width, height = place.pane.box
        left, right = place.pane.sides
        panes.append(
            {
                "x": _num(place.x),
                "y": _num(place.y),
                "width": _num(round(place.width, 1)),
                "height": _num(round(place.height, 1)),
                "viewbox": f"{_num(x)} {_num(y)} {_num(width)} {_num(height)}",
                "caption": str(place.pane.caption),
                "caption_x": _num(round(place.x + place.width / 2, 1)),
                "caption_y": _num(place.y - 6),
                "left": left,
                "left_x": _num(place.x + 2),
                "right": right,
                "right_x": _num(round(place.x + place.width - 2, 1)),
                "silhouettes": SILHOUETTE_POINTS[place.pane.view],
                "regions": [
                    {
                        "code": code,
                        "label": REGION_BY_CODE[code].label,
                        "points": POINTS[code],
                        "chosen": code in chosen,
                        "layers": chosen.get(code, ()),
                    }
                    for code in place.codes
                ],
            }
        )
    context = {
        **STATIC,
        "id": id_prefix,
        "label": gettext("%(part)s: choose each area where you feel something")
        % {"part": zoom.label},
        "said": said(),
        "width": _num(round(zoom.width, 1)),
        "height": _num(round(zoom.height, 1)),
        "caption_size": _num(ZOOM_CAPTION_PX - 7),
        "unmarked_fill": UNMARKED_FILL,
        "chosen_fill": CHOSEN_FILL,
        "patterns": PATTERNS,
        "panes": panes,
    }
    return mark_safe(render_to_string(ZOOM_TEMPLATE, context).strip())  # noqa: S308 - autoescaped
