from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from intake.signing.certificate import cert_path, key_path, make_self_signed


class Command(BaseCommand):
    help = (
        "Make the clinic's self-signed signing certificate and key (PEM) at CLINIC_SIGNING_CERT "
        "and CLINIC_SIGNING_KEY (default var/signing/): signed session notes' PDFs are signed "
        "with it. A certificate from a certification authority can be configured instead."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--name", default="", help="The certificate's name (CLINIC_NAME).")
        parser.add_argument("--days", type=int, default=3650, help="Valid for (days).")
        parser.add_argument(
            "--key-type", default="ec", choices=("ec", "rsa"),
            help="ec: ECDSA P-256 (default, fast to sign with); rsa: RSA of --bits bits.",
        )  # fmt: skip
        parser.add_argument("--bits", type=int, default=3072, choices=(2048, 3072, 4096))
        exists = parser.add_mutually_exclusive_group()
        exists.add_argument("--force", action="store_true", help="Replace an existing one.")
        exists.add_argument(
            "--if-missing", action="store_true", help="Keep an existing one (for make run)."
        )

    def handle(self, *args, **options) -> None:
        cert, key = cert_path(), key_path()
        if cert.suffix.lower() in (".p12", ".pfx"):
            raise CommandError("CLINIC_SIGNING_CERT names a PKCS#12 file: it is configured.")
        if cert.exists() and options["if_missing"]:
            self.stdout.write(f"The clinic's certificate is at {cert}: kept.")
            return
        if (cert.exists() or key.exists()) and not options["force"]:
            raise CommandError(f"{cert} or {key} exists already: --force replaces it.")
        made = make_self_signed(
            name=options["name"] or settings.CLINIC_NAME, cert=Path(cert), key=Path(key),
            days=options["days"], key_type=options["key_type"], bits=options["bits"],
            password=settings.CLINIC_SIGNING_KEY_PASSWORD or "",
        )  # fmt: skip
        fingerprint = made.fingerprint(made.signature_hash_algorithm).hex(":").upper()
        self.stdout.write(
            self.style.SUCCESS(
                f"Self-signed certificate written to {cert} (key: {key}, owner only), valid "
                f"until {made.not_valid_after_utc:%Y-%m-%d}. SHA-256 fingerprint: {fingerprint}"
            )
        )
