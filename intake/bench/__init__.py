"""The benchmark behind ``make bench`` (``manage.py bench``): PDF speed, HTTP throughput under
gunicorn, list-page query counts and list speed at scale, printed as one table and written to
``bench.json``.

Modules: ``report`` (the table and the JSON), ``machine`` (the header), ``timing`` (medians),
``database`` (the separate bench databases), ``data`` (the small data set the PDFs and pages
use), ``scale`` (the 100,000-client generator and the timings over it), ``pdfs``, ``queries``,
``http`` (gunicorn + the load client in ``load``), and ``runner`` (the order of it all).
Targets are reported here, never asserted by the test suite.
"""
