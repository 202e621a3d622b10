from django.db import transaction

from intake.accounts.models import Client, Role, User


@transaction.atomic
def register_client(*, email: str, password: str, first_name: str, last_name: str) -> User:
    """Create a client's login and the Client record it owns."""
    user = User.objects.create_user(
        email=email, password=password, first_name=first_name, last_name=last_name, role=Role.CLIENT
    )
    Client.objects.create(user=user, first_name=first_name, last_name=last_name, email=email)
    return user
