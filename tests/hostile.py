"""Shared corpus of hostile user input, for every form, PDF, CSV and template test.

Import it: ``from tests.hostile import HOSTILE_STRINGS, MARKUP_STRINGS, CVE_2023_33733``.
"""

# reportlab < 3.6.13 evaluated a <font color="..."> attribute: this payload ran a shell command.
CVE_2023_33733_EXPR = (
    "[[[getattr(pow, Word('__globals__'))['os'].system('touch /tmp/pwned') for Word in "
    "[ orgTypeFun( 'Word', (str,), { 'mutated': 1, 'startswith': lambda self, x: 1 == 0, "
    "'__eq__': lambda self, x: self.mutated - 1 and self.mutated == 0, "
    "'mutate': lambda self: {setattr(self, 'mutated', self.mutated - 1)}, "
    "'__hash__': lambda self: hash(str(self)) }) ] ] for orgTypeFun in [type(type(1))] ] "
    "and 'red'"
)
CVE_2023_33733 = f'<font color="{CVE_2023_33733_EXPR}">exploit</font>'
CVE_MARKER_FILE = "/tmp/pwned"

# Short markup strings: each must come out of a PDF (or page) literally, on one line.
MARKUP_STRINGS = [
    "<b>x</b>",
    "<font color=red>red</font>",
    '<img src="/etc/passwd"/>',
    '<img src="/etc/passwd">',
    "<para>para</para>",
    "<script>alert(1)</script>",
    "<a href='javascript:alert(1)'>link</a>",
    "<onDraw name=x label=y/>",
    "&amp; &lt; & <",
]

SQL_STRINGS = ["Robert'); DROP TABLE intake_client;--", "' OR '1'='1"]

# Start a spreadsheet cell with these and Excel/LibreOffice evaluate them.
FORMULA_STRINGS = ["=1+1", "+cmd", "-2", "@SUM(A1)"]

LONG_STRING = "A" * 20_000
NUL_STRING = "before\x00after"
RTL_EMOJI_STRING = "\u202eevil\u202c text 😀 שלום 中文"
TEMPLATE_STRINGS = ["{{ 7|add:7 }}", "{% debug %}"]

HOSTILE_STRINGS = [
    *MARKUP_STRINGS,
    CVE_2023_33733,
    *SQL_STRINGS,
    LONG_STRING,
    NUL_STRING,
    RTL_EMOJI_STRING,
    *FORMULA_STRINGS,
    *TEMPLATE_STRINGS,
]
