"""The client's own pages beyond the intake wizard (issue 19): their visit history on ``/me/``,
their signed session notes when the clinic lets clients read them (``CLIENTS_SEE_SIGNED_NOTES``),
and their submitted intake's summary as a PDF."""
