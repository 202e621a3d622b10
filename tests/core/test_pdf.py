"""The shared PDF toolkit: escaping, letterhead, numbering, page size, the warning box."""

import datetime as dt
import io
import os
import re

import pytest
from hypothesis import given
from hypothesis import settings as settings_hypothesis
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.platypus import PageBreak

from intake import pdf as base
from intake.pdf import (
    LV,
    Letterhead,
    P,
    build_pdf,
    kv_table,
    para_text,
    pdf_response,
    stop_and_seek_care_box,
)
from tests.hostile import (
    CVE_2023_33733,
    CVE_MARKER_FILE,
    LONG_STRING,
    MARKUP_STRINGS,
    NUL_STRING,
    RTL_EMOJI_STRING,
)

LETTERHEAD = Letterhead(
    name="Test Clinic", address="1 Test Road", phone="555-0199", email="desk@test.example"
)


def render(story, **kw) -> PdfReader:
    kw.setdefault("title", "Test document")
    kw.setdefault("letterhead", LETTERHEAD)
    kw.setdefault("subject_line", base.subject_line("Ann Example", dt.date(1980, 1, 2)))
    data = build_pdf(story, **kw)
    assert data.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(data))


def page_texts(reader: PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_it_escapes_markup_and_turns_newlines_into_breaks():
    assert para_text("<b>x</b> & y") == "&lt;b&gt;x&lt;/b&gt; &amp; y"
    assert para_text("one\r\ntwo\rthree\nfour") == "one<br/>two<br/>three<br/>four"
    assert para_text(None) == ""
    assert para_text(42) == "42"


def test_it_strips_control_bidi_and_surrogate_characters():
    assert para_text("a\x00b\x07c\x1bd\tz") == "abcd z"
    assert para_text("\u202eevil\u202c\u2066x\u2069") == "evilx"
    assert para_text("lone \ud800 surrogate") == "lone  surrogate"


def test_it_prints_markup_strings_literally():
    reader = render([P(s) for s in MARKUP_STRINGS])
    text = page_texts(reader)[0]
    for s in MARKUP_STRINGS:
        assert s in text


def test_it_prints_label_value_pairs_literally():
    text = page_texts(render([LV("<i>Label</i>", "<b>value</b>")]))[0]
    assert "<i>Label</i>: <b>value</b>" in text


def test_it_prints_the_reportlab_cve_payload_literally_and_runs_nothing():
    if os.path.exists(CVE_MARKER_FILE):
        os.remove(CVE_MARKER_FILE)
    text = "".join(page_texts(render([P(CVE_2023_33733)])))
    assert squash(CVE_2023_33733) in squash(text)
    assert not os.path.exists(CVE_MARKER_FILE)


def test_it_survives_nul_rtl_emoji_and_non_latin_text():
    text = page_texts(render([P(NUL_STRING), P(RTL_EMOJI_STRING)]))[0]
    assert "beforeafter" in text
    assert "evil text" in text


# French, Spanish and names typed in other scripts the embedded font covers.
INTERNATIONAL = "Zoë Lefèvre-Œuvray · ¿Señora Núñez? ¡Sí! · «Ça va» · Дмитрий Ελένη Ōtsuka"


def test_it_prints_french_spanish_and_other_scripts_in_the_embedded_font():
    subject = base.subject_line("Zoë Núñez-Œuvray", dt.date(1980, 1, 2))
    reader = render([P(INTERNATIONAL), LV("Nom", "Ça va")], subject_line=subject)
    text = page_texts(reader)[0]
    assert INTERNATIONAL in text  # body text, every character as typed
    assert "Zoë Núñez-Œuvray" in text  # the header, drawn with drawString
    fonts = [font.get_object() for font in reader.pages[0]["/Resources"]["/Font"].values()]
    assert fonts and not any("Helvetica" in str(font["/BaseFont"]) for font in fonts)
    # reportlab embeds TrueType subsets (256 glyphs each) with the font program (FontFile2)
    assert {font["/Subtype"] for font in fonts} == {"/TrueType"}
    assert all("/FontFile2" in font["/FontDescriptor"].get_object() for font in fonts)


def test_it_splits_a_20000_character_word_over_pages_in_paragraphs_and_tables():
    story = [
        P(LONG_STRING),
        kv_table([("Long", LONG_STRING)], width=base.frame_width(A4)),
        stop_and_seek_care_box([LONG_STRING]),
    ]
    reader = render(story)
    assert len(reader.pages) >= 6
    assert squash("".join(page_texts(reader))).count("A") >= 3 * 20_000


def test_it_numbers_pages_x_of_y_and_repeats_letterhead_subject_and_footer():
    reader = render([P("first page"), PageBreak(), P("second page")])
    texts = page_texts(reader)
    assert len(texts) == 2
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of 2" in text
        assert "Test Clinic" in text
        assert "1 Test Road · Tel 555-0199 · desk@test.example" in text
        assert "Ann Example · DOB 2 Jan 1980" in text
        assert "Test document" in text
        assert "Confidential health information" in text
    assert "first page" in texts[0] and "second page" in texts[1]


def test_it_embeds_no_images_even_when_asked_to_by_user_text():
    reader = render([P('<img src="/etc/passwd"/>'), P("<img src='x.png' width=10 height=10/>")])
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        xobjects = resources.get("/XObject")
        if xobjects:
            for ref in xobjects.get_object().values():
                assert ref.get_object().get("/Subtype") != "/Image"


def test_it_truncates_an_overlong_subject_line_in_the_header():
    reader = render([P("body")], subject_line=base.subject_line("N" * 500, None))
    text = page_texts(reader)[0]
    assert "N…" in text
    assert "N" * 500 not in text


def test_it_uses_the_page_size_from_settings(settings):
    settings.PDF_PAGE_SIZE = "LETTER"
    assert base.page_size() == LETTER
    settings.PDF_PAGE_SIZE = "A4"
    assert base.page_size() == A4
    reader = render([P("x")], page_size=base.page_size("letter"))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_it_refuses_an_unknown_page_size():
    with pytest.raises(ValueError, match="A4 or LETTER"):
        base.page_size("A5")


def test_it_reads_the_letterhead_from_settings(settings):
    settings.CLINIC_NAME = "Settings Clinic"
    settings.CLINIC_ADDRESS = "9 Elm"
    settings.CLINIC_PHONE = "555-0001"
    settings.CLINIC_EMAIL = "a@b.example"
    assert Letterhead.from_settings() == Letterhead(
        "Settings Clinic", "9 Elm", "555-0001", "a@b.example"
    )


def test_it_draws_the_stop_and_seek_care_box_with_escaped_items():
    box = stop_and_seek_care_box(["Loss of bladder control", "<b>worse</b> weakness"], large=True)
    text = page_texts(render([P("Handout"), box]))[0]
    assert "Stop and seek care if…" in text
    assert "Loss of bladder control" in text
    assert "<b>worse</b> weakness" in text


def test_it_wraps_bytes_in_a_safe_download_response():
    response = pdf_response(b"%PDF-1.4", 'note "2026"/../é.pdf')
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="note-2026.pdf"'
    assert response["Cache-Control"] == "no-store"
    assert pdf_response(b"", "")["Content-Disposition"] == 'attachment; filename="document.pdf"'
    assert (
        'filename="session-note-12.pdf"'
        in pdf_response(b"", "session-note-12.PDF")["Content-Disposition"]
    )


def test_it_formats_dates_unambiguously():
    assert base.fmt_date(dt.date(2026, 2, 3)) == "3 Feb 2026"
    assert base.fmt_date(None) == ""
    assert base.subject_line("Ann", None) == "Ann · DOB not recorded"


def test_it_prints_label_value_tables_literally_and_wraps_labels_and_values():
    rows = [("A label long enough to wrap onto two lines", "<b>value</b> & more"), ("", "wide")]
    text = page_texts(render([kv_table(rows, width=base.frame_width(A4))]))[0]
    assert "<b>value</b> & more" in text
    assert "A label long enough" in text
    assert "wide" in text


def test_it_splits_a_long_table_row_across_pages_without_losing_text():
    words = " ".join(f"w{i}" for i in range(3000))
    reader = render([kv_table([("Notes", words), ("After", "the end")], width=400)])
    text = "".join(page_texts(reader))
    assert len(reader.pages) >= 2
    assert all(f"w{i}" in text for i in (0, 1500, 2999))
    assert "the end" in text


def test_it_never_leaves_a_heading_alone_at_the_bottom_of_a_page():
    from reportlab.platypus import Spacer

    filler = Spacer(1, base.page_size("A4")[1] - base.MARGIN_TOP - base.MARGIN_BOTTOM - 30)
    texts = page_texts(render([filler, P("Lonely heading", "h2"), P("its text")]))
    assert "Lonely heading" not in texts[0]
    assert "Lonely heading" in texts[1] and "its text" in texts[1]


def test_it_numbers_a_long_document_with_the_final_total_on_every_page():
    reader = render([P("word " * 5000)])
    texts = page_texts(reader)
    assert len(texts) > 2
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {len(texts)}" in text


@settings_hypothesis(max_examples=25, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_it_prints_any_text_without_crashing_and_keeps_printable_ascii(text):
    reader = render([P(text), kv_table([("Label", text)], width=400)])
    printed = squash("".join(page_texts(reader)))
    ascii_words = [w for w in text.split() if w.isascii() and w.isprintable() and len(w) > 3]
    for word in ascii_words[:5]:
        assert squash(word) in printed


def test_the_page_frame_is_in_the_clinics_language_unless_told_otherwise():
    """Staff documents (notes, letters to physicians) print in the clinic's language whatever the
    language of whoever prints them; a client's document passes the client's language."""
    from django.utils import translation

    born = dt.date(1980, 1, 2)
    with translation.override("fr"):  # a therapist whose browser is in French
        staff = page_texts(render([P("body")], subject_line=base.subject_line("Ann", born)))[0]
    assert "Page 1 of 1" in staff and "Confidential health information." in staff
    assert "Ann · DOB 2 Jan 1980" in staff
    subject = base.subject_line("Ann", born, "es")
    client = page_texts(render([P("body")], subject_line=subject, language="es"))[0]
    assert "Página 1 de 1" in client and "Información de salud confidencial." in client
    assert "Ann · nacimiento: 2 de enero de 1980" in client
