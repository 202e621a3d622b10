"""The benchmark behind ``make bench`` (``python -m bench``): PDF render times (reportlab, and the
same session note through WeasyPrint when it is installed), the intake step pages in-process, and
the staff lists over 100,000 generated clients; printed as one table and written to ``bench.json``.

It lives outside the app: it imports ``intake``, ``intake`` never imports it. Its targets are
reported here and never asserted by the test suite.

Modules: ``report`` (the table and the JSON), ``timing`` (medians), ``machine`` (the header),
``database`` (the bench's own PostgreSQL databases), ``data`` (the small data set), ``pdfs`` and
``weasy`` (documents), ``pages`` (intake steps), ``generate`` and ``scale`` (the large data set
and the lists over it), ``runner`` (the order of it all) and ``__main__`` (the command line).
"""
