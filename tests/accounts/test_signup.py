import pytest
from django.urls import reverse

from intake.accounts.models import Client, User
from intake.audit.models import AuditEvent

URL = "/accounts/signup/"


def signup_data(**over):
    data = {
        "first_name": "Nina",
        "last_name": "New",
        "email": "nina@example.org",
        "password1": "a-Long-enough-pass-42",
        "password2": "a-Long-enough-pass-42",
    }
    data.update(over)
    return data


@pytest.mark.django_db
def test_it_creates_a_client_account_and_logs_in(client):
    response = client.post(URL, signup_data())
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    user = User.objects.get(email="nina@example.org")
    assert user.role == "client" and not user.is_staff
    assert user.client.full_name == "Nina New"
    assert client.get(reverse("home")).url == reverse("client_home")
    assert AuditEvent.objects.filter(action="create", client=user.client).exists()


@pytest.mark.django_db
def test_it_refuses_a_taken_email_and_keeps_what_was_typed(client, alice):
    response = client.post(URL, signup_data(email="ALICE@example.org"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "already exists" in content
    assert 'value="Nina"' in content and 'value="New"' in content
    assert "a-Long-enough-pass-42" not in content
    assert Client.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("password", "message"),
    [("short1A!", "too short"), ("password123", "too common"), ("84736291058", "entirely numeric")],
)
def test_it_refuses_a_weak_password(client, password, message):
    response = client.post(URL, signup_data(password1=password, password2=password))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_it_refuses_a_malformed_email(client):
    response = client.post(URL, signup_data(email="not-an-address"))
    assert "Enter a valid email address" in response.content.decode()
    assert 'value="not-an-address"' in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_it_refuses_mismatched_passwords(client):
    response = client.post(URL, signup_data(password2="something-else-99"))
    assert "The passwords differ" in response.content.decode()
    assert not User.objects.exists()


def test_it_sends_a_logged_in_user_home(alice_http):
    assert alice_http.get(URL).status_code == 302


@pytest.mark.django_db
def test_it_refuses_other_methods(client):
    assert client.put(URL).status_code == 405
