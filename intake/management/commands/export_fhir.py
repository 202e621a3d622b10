import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from intake import audit
from intake.fhir import ndjson


class Command(BaseCommand):
    help = (
        "Export every client's record as FHIR R4 (R4B) NDJSON: one <Type>.ndjson file per "
        "resource type in a new owner-only folder (default var/exports/fhir-<time>/). Streams in "
        "constant memory. Validates the first resources of each type and one in 100 after "
        "that (--validate-all: every one, slower; --no-validate: none)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", nargs="?", help="Where to write the files (created).")
        parser.add_argument("--types", help="Comma-separated resource types (default: all).")
        parser.add_argument(
            "--embed-pdfs", action="store_true", help="Attach the PDFs (slow) instead of links."
        )
        checks = parser.add_mutually_exclusive_group()
        checks.add_argument("--validate-all", action="store_true", help="Validate every one.")
        checks.add_argument("--no-validate", action="store_true", help="Validate none.")

    def handle(self, *args, folder: str | None = None, **options) -> None:
        kinds = options["types"].split(",") if options["types"] else list(ndjson.STREAMS)
        unknown = sorted(set(kinds) - set(ndjson.STREAMS))
        if unknown:
            raise CommandError(f"Unknown resource types: {', '.join(unknown)}")
        target = Path(folder or f"var/exports/fhir-{timezone.now():%Y%m%d-%H%M%S}")
        target.mkdir(parents=True, exist_ok=True, mode=0o700)
        validate = "all" if options["validate_all"] else "sample"
        validate = "none" if options["no_validate"] else validate
        for kind in kinds:
            path = target / f"{kind}.ndjson"
            lines = 0
            with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as out:
                for piece in ndjson.lines(
                    kind, validate=validate, embed_pdfs=options["embed_pdfs"]
                ):
                    out.write(piece)
                    lines += piece.count(b"\n")
            self.stdout.write(f"{kind}: {lines} resource{'s' if lines != 1 else ''}")
        audit.record(None, audit.Action.EXPORT, detail=f"FHIR NDJSON export ({len(kinds)} types)")
        self.stdout.write(self.style.SUCCESS(f"FHIR NDJSON written to {target}/"))
