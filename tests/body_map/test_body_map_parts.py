"""The body in parts, drawn large for tapping on a phone (body_map.ZOOMS, zoom_svg), and the
intake form's rows part by part."""

from xml.etree import ElementTree

import pytest

from intake import body_map
from intake.body_map import REGION_BY_CODE, REGIONS, ZOOMS
from intake.body_map.parts import ZOOM_MAX_WIDTH_PX
from intake.submissions.body_map_form import BodyMapForm

NS = "{http://www.w3.org/2000/svg}"


def bounds(code):
    xs, ys = zip(*REGION_BY_CODE[code].points, strict=True)
    return min(xs), min(ys), max(xs), max(ys)


def test_it_puts_every_region_in_exactly_one_part():
    codes = [code for zoom in ZOOMS for code in zoom.codes]
    assert sorted(codes) == sorted(r.code for r in REGIONS)
    assert len(codes) == len(set(codes))
    assert all(body_map.ZOOM_BY_CODE[code].codes.count(code) == 1 for code in codes)


def test_it_draws_each_region_whole_inside_its_pane():
    for zoom in ZOOMS:
        for place in zoom.places:
            x, y, width, height = place.pane.box
            for code in place.codes:
                assert REGION_BY_CODE[code].view == place.pane.view, code
                x0, y0, x1, y1 = bounds(code)
                assert x <= x0 and x1 <= x + width and y <= y0 and y1 <= y + height, code


@pytest.mark.parametrize("zoom", ZOOMS, ids=lambda z: z.key)
def test_it_draws_every_area_at_least_24_css_px_and_fits_a_phone(zoom):
    for code in zoom.codes:
        x0, y0, x1, y1 = bounds(code)
        assert min(x1 - x0, y1 - y0) * zoom.scale >= 24, code
    assert zoom.width <= ZOOM_MAX_WIDTH_PX


def test_it_orders_each_pane_top_to_bottom():
    for zoom in ZOOMS:
        for place in zoom.places:
            tops = [bounds(code)[1] for code in place.codes]
            assert tops == sorted(tops), zoom.key
    # The parts themselves go from the head down to the feet.
    assert [z.key for z in ZOOMS][0] == "head" and [z.key for z in ZOOMS][-1] == "feet"


def parse(markup) -> ElementTree.Element:
    return ElementTree.fromstring(
        str(markup).replace(" data-body-map-zoom ", ' data-body-map-zoom="" ')
    )


def test_it_writes_a_parts_map_with_a_button_per_area_in_order():
    zoom = body_map.ZOOM_BY_CODE["calf_l"]
    tree = parse(body_map.zoom_svg(zoom, {"calf_l": ["tingling", "pain"]}, id_prefix="legs"))
    assert tree.get("id") == "legs" and tree.get("role") == "group"
    assert tree.get("aria-label").startswith("Lower legs")
    buttons = tree.findall(f".//{NS}polygon[@role='button']")
    assert [b.get("data-region") for b in buttons] == list(zoom.codes)
    assert [b.get("aria-label") for b in buttons] == [REGION_BY_CODE[c].label for c in zoom.codes]
    pressed = [b.get("data-region") for b in buttons if b.get("aria-pressed") == "true"]
    assert pressed == ["calf_l"]
    assert all(b.get("tabindex") == "0" for b in buttons)
    # One patterned copy per sensation, in the catalogue's order, not taking taps.
    layers = tree.findall(f".//{NS}polygon[@data-layer='calf_l']")
    assert [layer.get("fill") for layer in layers] == [
        "url(#legs-pat-pain)",
        "url(#legs-pat-tingling)",
    ]
    assert all(layer.get("pointer-events") == "none" for layer in layers)
    # Front and back captions, and the client's sides on a pane that shows both.
    texts = [t.text for t in tree.iter(f"{NS}text")]
    assert texts == ["Front", "R", "L", "Back", "L", "R"]


def test_it_labels_the_arms_by_the_clients_own_side():
    tree = parse(body_map.zoom_svg(body_map.ZOOM_BY_CODE["hand_l"]))
    assert [t.text for t in tree.iter(f"{NS}text")] == ["Right arm", "Left arm"]
    panes = tree.findall(f"{NS}svg")
    right, left = (
        [p.get("data-region") for p in pane.findall(f"{NS}polygon[@role='button']")]
        for pane in panes
    )
    assert right == ["upper_arm_r", "forearm_r", "hand_r"]
    assert left == ["upper_arm_l", "forearm_l", "hand_l"]


def test_the_form_gives_its_rows_part_by_part_and_opens_the_parts_chosen():
    form = BodyMapForm(initial={"regions": ["calf_l", "heel_r"], "sens_calf_l": ["pain"]})
    parts = form.rows()
    assert [part["key"] for part, _ in parts] == [z.key for z in ZOOMS]
    for (part, items), zoom in zip(parts, ZOOMS, strict=True):
        assert [item["code"] for item in items] == list(zoom.codes)
        assert part["open"] == (part["key"] in {"lower_legs", "feet"})
        assert part["chosen"] == (1 if part["open"] else 0)
    lower_legs, _ = parts[[z.key for z in ZOOMS].index("lower_legs")]
    assert 'id="part-lower_legs-map"' in lower_legs["map"]
    assert 'data-layer="calf_l"' in lower_legs["map"]  # drawn as left, pain and all
