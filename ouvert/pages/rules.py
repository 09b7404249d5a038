"""Editorial pages: everyone reads the published ones, administrators write them."""

import rules

from ouvert.accounts.rules import is_administrator
from ouvert.core.rules import is_public

rules.add_perm("pages.view_page", is_public | is_administrator)
rules.add_perm("pages", is_administrator)
rules.add_perm("pages.add_page", is_administrator)
rules.add_perm("pages.change_page", is_administrator)
rules.add_perm("pages.delete_page", is_administrator)
