from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from intake.signing.verify import verify


class Command(BaseCommand):
    help = (
        "Check that a signed PDF (a printed session note) has not changed since it was signed "
        "and was signed with the clinic's certificate. Exits 1 when it fails."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("pdf", help="The PDF file to check.")
        parser.add_argument(
            "--trust", action="append", default=[], help="Another certificate (PEM) to trust."
        )

    def handle(self, *args, pdf: str, trust: list[str], **options) -> None:
        path = Path(pdf)
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        verdict = verify(path.read_bytes(), trust=[Path(t) for t in trust])
        if verdict.signer:
            self.stdout.write(f"Signed by: {verdict.signer}")
            self.stdout.write(f"Signed at: {verdict.signed_at:%Y-%m-%d %H:%M %Z}")
            self.stdout.write(f"Reason: {verdict.reason}")
        if not verdict.ok:
            raise CommandError("NOT VERIFIED: " + " ".join(verdict.problems), returncode=1)
        self.stdout.write(self.style.SUCCESS("VERIFIED: unchanged since it was signed."))
