"""The body-region catalogue and its SVG and reportlab renderings."""

import io
import re
from xml.etree import ElementTree

import pytest
from pypdf import PdfReader
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Group, Polygon, Rect, String
from reportlab.lib import colors

from intake import body_map
from intake.body_map import REGION_BY_CODE, REGIONS, SENSATIONS, VIEWBOX


def test_it_has_unique_well_formed_codes():
    codes = [r.code for r in REGIONS]
    assert len(codes) == len(set(codes)) == len(REGION_BY_CODE)
    for code in codes:
        assert re.fullmatch(r"[a-z0-9_]+", code), code


def test_it_has_unique_labels():
    labels = [r.label for r in REGIONS]
    assert len(labels) == len(set(labels))


def test_it_puts_every_region_in_exactly_one_known_view_and_group():
    for region in REGIONS:
        assert region.view in body_map.VIEWS
        assert region.group in body_map.GROUPS
        assert region.side in {"left", "right", ""}


def test_it_keeps_every_polygon_inside_the_viewbox():
    x0, y0, width, height = VIEWBOX
    for region in REGIONS:
        assert len(region.points) >= 3, region.code
        for x, y in region.points:
            assert x0 <= x <= x0 + width and y0 <= y <= y0 + height, region.code


@pytest.mark.parametrize(
    "stem",
    [
        "buttock",
        "hip",
        "back_thigh",
        "front_thigh",
        "back_knee",
        "front_knee",
        "calf",
        "outer_lower_leg",
        "shin",
        "top_foot",
        "sole",
        "heel",
        "lower_back",
        "mid_back",
        "upper_back",
        "neck",
        "shoulder",
        "upper_arm",
        "forearm",
        "hand",
        "chest",
        "groin",
    ],
)
def test_it_has_left_and_right_for_regions_that_need_a_side(stem):
    left, right = REGION_BY_CODE[f"{stem}_l"], REGION_BY_CODE[f"{stem}_r"]
    assert (left.side, right.side) == ("left", "right")
    assert "left" in left.label.lower() and "right" in right.label.lower()
    assert left.view == right.view


def test_it_draws_the_clients_left_on_the_left_of_the_back_view_and_mirrors_the_front():
    mid = VIEWBOX[2] / 2

    def centre_x(code):
        return sum(x for x, _ in REGION_BY_CODE[code].points) / len(REGION_BY_CODE[code].points)

    assert centre_x("back_thigh_l") < mid < centre_x("back_thigh_r")
    assert centre_x("front_thigh_r") < mid < centre_x("front_thigh_l")


def test_it_tags_regions_below_the_knee_but_not_the_buttock():
    below = body_map.regions_tagged("below_knee")
    assert {"calf_l", "sole_r", "heel_l", "outer_lower_leg_r", "shin_l"} <= below
    assert "buttock_l" not in below and "back_thigh_l" not in below
    assert "back_of_leg" in body_map.tags_for(["back_thigh_r", "nonsense"])


def test_it_lists_choices_and_sensations():
    choices = body_map.region_choices()
    assert [c for c, _ in choices] == [r.code for r in REGIONS]
    grouped = body_map.grouped_region_choices()
    assert sum(len(items) for _, items in grouped) == len(REGIONS)
    assert [code for code, _ in SENSATIONS] == [
        "pain",
        "tingling",
        "numbness",
        "weakness",
        "burning",
        "aching",
    ]


def test_it_draws_every_region_in_the_svg():
    svg = str(body_map.svg())
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    for region in REGIONS:
        assert f'data-region="{region.code}"' in svg
    assert "bm-marked" not in svg
    assert 'role="button"' not in svg


def test_it_fills_marked_regions_and_ignores_unknown_codes():
    svg = str(body_map.svg(["calf_l", "<script>"]))
    assert svg.count("bm-marked") == 1
    assert re.search(r'class="bm-region bm-marked bm-symptom" data-region="calf_l"', svg)
    assert "<script>" not in svg
    assert "Left calf" in svg
    styled = str(body_map.svg({"calf_l": "treated", "heel_r": "both", "hip_l": "bogus"}))
    assert "bm-marked bm-treated" in styled and "bm-marked bm-both" in styled
    assert "bm-marked bm-symptom" in styled  # an unknown style falls back to "symptom"


def test_it_makes_interactive_regions_keyboard_buttons():
    svg = str(body_map.svg(["calf_l"], interactive=True, id_prefix="intake-map"))
    assert svg.count('role="button"') == len(REGIONS)
    assert svg.count('tabindex="0"') == len(REGIONS)
    assert svg.count('aria-pressed="true"') == 1
    assert 'aria-label="Left calf" aria-pressed="true"' in svg
    assert 'id="intake-map-calf_l"' in svg
    assert "data-body-map" in svg


@pytest.mark.parametrize("interactive", [False, True])
def test_it_writes_well_formed_svg_with_one_labelled_shape_per_region(interactive):
    ns = "{http://www.w3.org/2000/svg}"
    markup = str(body_map.svg({"calf_l": "both"}, interactive=interactive))
    # Inline in HTML, the JS hook is a bare attribute; XML wants it to have a value.
    tree = ElementTree.fromstring(markup.replace(" data-body-map>", ' data-body-map="">'))
    shapes = tree.findall(f".//{ns}polygon[@data-region]")
    assert [s.get("data-region") for s in shapes] == [
        r.code for view in body_map.VIEWS for r in REGIONS if r.view == view
    ]
    for shape in shapes:
        label = REGION_BY_CODE[shape.get("data-region")].label
        if interactive:
            assert shape.get("aria-label") == label
        else:
            assert shape.find(f"{ns}title").text == label
    texts = [t.text for t in tree.iter(f"{ns}text")]
    assert texts[:3] == ["Front", "R", "L"] and texts[3:6] == ["Back", "L", "R"]
    assert texts[6].startswith("Left and right are your own")


def test_it_renders_a_drawing_to_pdf_with_legend():
    drawing = body_map.drawing(
        {"back_thigh_l": "symptom", "calf_l": "treated", "hip_r": "both"}, width=260, height=320
    )
    assert (drawing.width, drawing.height) == (260, 320)
    pdf = renderPDF.drawToString(drawing)
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    for word in ("Front", "Back", "Symptoms", "Treated", "Symptoms and treated"):
        assert word in text


def test_it_leaves_out_the_legend_when_nothing_is_marked():
    text = PdfReader(io.BytesIO(renderPDF.drawToString(body_map.drawing(width=200, height=240))))
    assert "Symptoms" not in text.pages[0].extract_text()


def shapes(node):
    """Every leaf shape of a drawing, through its groups (public ``contents`` only)."""
    for child in node.contents:
        if isinstance(child, Group):
            yield from shapes(child)
        else:
            yield child


def test_it_builds_the_drawing_from_public_shapes_only():
    drawing = body_map.drawing({"calf_l": "treated"}, width=200, height=240)
    kinds = {type(shape) for shape in shapes(drawing)}
    assert kinds == {Polygon, String, Rect}
    silhouettes = sum(len(outlines) for outlines in body_map.SILHOUETTES.values())
    polygons = [s for s in shapes(drawing) if isinstance(s, Polygon)]
    assert len(polygons) == silhouettes + len(REGIONS) + 1  # the outlines, then one fill


def test_it_fills_marked_regions_by_style_and_keys_only_the_styles_used():
    def fills(marked):
        drawing = body_map.drawing(marked, width=200, height=240)
        return [s.fillColor for s in shapes(drawing) if isinstance(s, Rect | Polygon)]

    treated = colors.HexColor(body_map.STYLES["treated"][0])
    symptom = colors.HexColor(body_map.STYLES["symptom"][0])
    assert treated not in fills([])
    marked = fills({"calf_l": "treated"})
    assert marked.count(treated) == 2  # the region and its swatch in the key
    assert symptom not in marked
    assert fills(["calf_l", "nonsense"]).count(symptom) == 2


def test_it_fits_the_map_and_its_key_inside_the_drawing():
    marked = {"calf_l": "symptom", "heel_r": "treated", "hip_l": "both"}
    for width, height in [(200, 240), (170, 600), (500, 200)]:
        drawing = body_map.drawing(marked, width=width, height=height)
        x0, y0, x1, y1 = drawing.getBounds()
        assert x0 >= -0.5 and y0 >= -0.5, (width, height)
        assert x1 <= width + 0.5 and y1 <= height + 0.5, (width, height)


def test_it_draws_the_same_outline_on_non_pdf_renderers():
    from reportlab.graphics import renderSVG

    out = renderSVG.drawToString(body_map.drawing(["calf_l"], width=200, height=240))
    assert out.count("<path") + out.count("<polygon") > len(REGIONS)


def _form_names(pdf: bytes) -> list[list[str]]:
    """For each page, the names of the body-map forms it places."""
    pages = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        xobjects = page["/Resources"].get("/XObject", {})
        pages.append(sorted(name for name in xobjects if "BodyMap" in name))
    return pages


def test_it_draws_a_repeated_map_once_per_pdf_and_places_it_on_every_page():
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import PageBreak, SimpleDocTemplate

    buffer = io.BytesIO()
    same = {"buttock_l": "symptom"}
    story = [body_map.flowable(same, width=300, height=150), PageBreak(),
             body_map.flowable(same, width=300, height=150), PageBreak(),
             body_map.flowable({"lower_back_r": "treated"}, width=300, height=150)]  # fmt: skip
    SimpleDocTemplate(buffer, pagesize=A4).build(story)
    pages = _form_names(buffer.getvalue())
    assert pages[0] == pages[1] and len(pages[0]) == 1  # one form, placed on both pages
    assert len(pages[2]) == 1 and pages[2] != pages[0]  # another map, another form
    reader = PdfReader(io.BytesIO(buffer.getvalue()))
    forms = {
        id(reader.pages[i]["/Resources"]["/XObject"][pages[i][0]].get_object()) for i in (0, 1)
    }
    assert len(forms) == 1  # the same object, not a copy per page
