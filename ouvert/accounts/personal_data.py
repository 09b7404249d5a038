from django.utils.translation import gettext_lazy as _

from ouvert.accounts.gdpr import PersonalDataSection, registry


def _export_account(user) -> dict:
    return {
        "email": user.email,
        "display_name": user.display_name,
        "public_name": user.public_name,
        "language": user.language,
        "date_joined": user.date_joined.isoformat(),
        "email_confirmed_at": user.email_confirmed_at.isoformat()
        if user.email_confirmed_at
        else None,
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "roles": [
            {
                "role": grant.role,
                "label": str(grant.get_role_display()),
                "granted_at": grant.granted_at.isoformat(),
            }
            for grant in user.role_grants.all()
        ],
    }


registry.register(PersonalDataSection(key="account", title=_("Compte"), export=_export_account))
