"""Digital signatures on PDFs (PAdES, with pyHanko): the clinic's certificate (``certificate``),
signing the bytes a renderer returned (``sign``), and checking that a PDF has not changed since
it was signed (``verify``). Renderers know nothing of it: a signed PDF is the rendered PDF with a
signature appended as an incremental update, so any PDF reader shows it in its signature panel.
"""
