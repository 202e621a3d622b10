from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from intake import audit
from intake.accounts import two_factor
from intake.accounts.forms import LoginForm, SignupForm
from intake.accounts.services import register_client
from intake.invitations import services as invitations


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        user = self.request.user
        if two_factor.second_factor_required(user):
            # The password was right; the session opens nothing until the second factor.
            audit.record(self.request, audit.Action.LOGIN, detail="password; second factor next")
            return redirect(two_factor.next_step_url(user, self.get_success_url()))
        audit.record(self.request, audit.Action.LOGIN)
        return response

    def form_invalid(self, form):
        audit.record(self.request, audit.Action.LOGIN_FAILED, detail="bad credentials")
        return super().form_invalid(form)


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            audit.record(request, audit.Action.LOGOUT)
        return super().post(request, *args, **kwargs)


@sensitive_post_parameters("password1", "password2")
@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # The clinic booked this person already: link their login to that record, through a
        # link e-mailed to the address (proof it is theirs), instead of a second client.
        if invitations.invite_on_signup(email=data["email"]):
            audit.record(request, audit.Action.CREATE, detail="invitation asked for at sign-up")
            return render(request, "accounts/check_email.html", {"email": data["email"]})
        user = register_client(
            email=data["email"],
            password=data["password1"],
            first_name=data["first_name"],
            last_name=data["last_name"],
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        audit.record_on(request, audit.Action.CREATE, user.client)
        messages.success(request, "Welcome! Your account is ready.")
        return redirect("home")
    return render(request, "accounts/signup.html", {"form": form})
