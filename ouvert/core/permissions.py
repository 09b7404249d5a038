"""Permission checks for views: one call that answers like Django's own decorators."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse


def deny_unless(
    request: HttpRequest, permission: str, target: object = None
) -> HttpResponse | None:
    """None when `request.user` holds `permission` (on `target`); else the answer to send.

    Anonymous visitors are sent to the login page and come back; signed-in people without the
    permission get the 403 page.
    """
    if request.user.has_perm(permission, target):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied
