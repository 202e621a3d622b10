"""Each sensation's colour and pattern (body_map.SENSATION_STYLES), one definition drawn alike by
the web maps (SVG <pattern>s) and the PDF drawing (lines and dots clipped to the region)."""

import io
import math
import re

from pypdf import PdfReader
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Circle, Group, Line, Polygon
from reportlab.lib import colors

from intake import body_map
from intake.body_map import SENSATION_STYLES, SENSATIONS
from intake.body_map.drawing import hatch_lines, pattern_dots
from intake.body_map.regions import PATTERN_SPACING


def shapes(node):
    for child in node.contents:
        if isinstance(child, Group):
            yield from shapes(child)
        else:
            yield child


def test_it_gives_every_sensation_its_own_colour_and_pattern():
    assert set(SENSATION_STYLES) == {code for code, _ in SENSATIONS}
    colours = [style.colour for style in SENSATION_STYLES.values()]
    patterns = [(style.pattern, style.angle % 180) for style in SENSATION_STYLES.values()]
    assert len(set(colours)) == len(colours)
    assert len(set(patterns)) == len(patterns)  # not told apart by colour alone
    for colour in colours:  # at least 3:1 against white (WCAG 1.4.11)
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
        assert 1.05 / (luminance + 0.05) >= 3, colour


def test_the_web_map_defines_each_pattern_from_the_catalogue():
    markup = str(body_map.svg(["calf_l"], sensations={"calf_l": ["burning"]}, id_prefix="m"))
    for code, style in SENSATION_STYLES.items():
        pattern = re.search(rf'<pattern id="m-pat-{code}"[^>]*>(.*?)</pattern>', markup)
        assert pattern and style.colour in pattern.group(1), code
        if style.pattern == "dots":
            assert "<circle" in pattern.group(1)
        else:
            assert pattern.group(1).count("<line") == (2 if style.pattern == "cross" else 1)
    assert 'data-layer="calf_l" points=' in markup and 'fill="url(#m-pat-burning)"' in markup


def test_the_web_map_draws_sensations_only_on_marked_regions():
    markup = str(
        body_map.svg(["calf_l"], sensations={"calf_l": ["pain", "nonsense"], "heel_r": ["pain"]})
    )
    assert markup.count("data-layer=") == 1 and 'data-layer="heel_r"' not in markup
    # Without sensations nothing changes: no patterns, the style's full colour.
    plain = str(body_map.svg(["calf_l"]))
    assert "<pattern" not in plain and "data-layer" not in plain
    assert 'fill-opacity="0.85"' in plain


def test_it_clips_hatch_lines_to_the_outline():
    square = [(0.0, 0.0), (20.0, 0.0), (20.0, 20.0), (0.0, 20.0)]
    level = hatch_lines(square, 0)
    assert len(level) == 20 / PATTERN_SPACING
    assert all(a[0] == 0 and b[0] == 20 and a[1] == b[1] for a, b in level)
    for angle in (45, 90, 135):
        for a, b in hatch_lines(square, angle):
            for x, y in (a, b):
                assert -1e-6 <= x <= 20 + 1e-6 and -1e-6 <= y <= 20 + 1e-6
            # Each line runs at the pattern's angle.
            slope = math.degrees(math.atan2(b[1] - a[1], b[0] - a[0])) % 180
            assert math.isclose(slope, angle % 180, abs_tol=1e-6)
    dots = pattern_dots(square)
    assert len(dots) == (20 / PATTERN_SPACING) ** 2
    triangle = [(0.0, 0.0), (20.0, 0.0), (0.0, 20.0)]
    assert all(x + y <= 20 for x, y in pattern_dots(triangle))


def test_the_pdf_drawing_draws_each_sensation_in_its_colour_and_pattern():
    marks = {"calf_l": "symptom", "back_thigh_l": "symptom"}
    drawn = body_map.drawing(
        marks,
        sensations={"calf_l": ["tingling"], "back_thigh_l": ["numbness", "burning"]},
        width=300,
        height=360,
        legend=False,
    )
    leaves = list(shapes(drawn))
    lines = {line.strokeColor.hexval() for line in leaves if isinstance(line, Line)}
    dots = {dot.fillColor.hexval() for dot in leaves if isinstance(dot, Circle)}
    hexval = {code: colors.HexColor(s.colour).hexval() for code, s in SENSATION_STYLES.items()}
    assert lines == {hexval["numbness"], hexval["burning"]}
    assert dots == {hexval["tingling"]}
    # The region under the pattern is a tint of its style, not the style's full colour.
    full = colors.HexColor(body_map.STYLES["symptom"][0])
    assert full not in [p.fillColor for p in leaves if isinstance(p, Polygon)]


def test_the_pdf_key_names_the_sensations_drawn():
    drawn = body_map.drawing(
        ["calf_l"], sensations={"calf_l": ["aching", "pain"]}, width=300, height=360
    )
    text = PdfReader(io.BytesIO(renderPDF.drawToString(drawn))).pages[0].extract_text()
    assert "Pain" in text and "Aching" in text and "Tingling" not in text
    x0, y0, x1, y1 = drawn.getBounds()
    assert x0 >= -0.5 and y0 >= -0.5 and x1 <= 300.5 and y1 <= 360.5


def test_sensations_of_reads_symptom_marks():
    class Mark:
        def __init__(self, region, sensations):
            self.region, self.sensations = region, sensations

    found = body_map.sensations_of(
        [Mark("calf_l", ["aching", "pain"]), Mark("bogus", ["pain"]), Mark("heel_l", [])]
    )
    assert found == {"calf_l": ("pain", "aching")}


def test_a_flowable_with_sensations_is_a_different_form_from_one_without():
    plain = body_map.flowable(["calf_l"], width=200, height=240)
    felt = body_map.flowable(["calf_l"], sensations={"calf_l": ["pain"]}, width=200, height=240)
    assert plain.form_name != felt.form_name


def test_the_web_map_keys_and_names_the_sensations_it_draws():
    markup = str(
        body_map.svg(
            ["calf_l", "heel_r"], sensations={"calf_l": ["tingling", "pain"]}, id_prefix="k"
        )
    )
    assert 'aria-label="Body map, marked: Left calf (pain, tingling), Right heel"' in markup
    keyed = re.findall(
        r'<rect [^>]*fill="url\(#k-pat-(\w+)\)"[^>]*/><text [^>]*>(\w+)</text>', markup
    )
    assert keyed == [("pain", "Pain"), ("tingling", "Tingling")]
    # The key has its own room under the map; a map without sensations keeps its size.
    assert 'viewBox="0 0 420 514"' in markup
    assert 'viewBox="0 0 420 496"' in str(body_map.svg(["calf_l"]))


def test_a_map_is_built_once_and_drawn_the_same_in_every_pdf():
    """The PDF map's drawing is kept by its form name (marks, size, key, language): a second
    document with the same map reuses it and prints the same."""
    import io

    from pypdf import PdfReader

    from intake.body_map.drawing import DRAWINGS
    from intake.pdf import Letterhead, build_pdf

    def render() -> str:
        flow = body_map.flowable(["calf_l"], sensations={"calf_l": ["pain"]}, width=300, height=180)
        data = build_pdf([flow], title="Map", letterhead=Letterhead("C", "", "", ""))
        return PdfReader(io.BytesIO(data)).pages[0].extract_text()

    DRAWINGS.clear()
    first = render()
    assert len(DRAWINGS) == 1
    kept = next(iter(DRAWINGS.values()))
    assert render() == first and next(iter(DRAWINGS.values())) is kept
