"""Editorial pages: everyone reads the published ones, administrators write them."""

import rules

from ouvert.accounts.rules import is_administrator


@rules.predicate
def is_published(user, page) -> bool:
    return page is not None and page.is_published


rules.add_perm("pages.view_page", is_published | is_administrator)
rules.add_perm("pages", is_administrator)
rules.add_perm("pages.add_page", is_administrator)
rules.add_perm("pages.change_page", is_administrator)
rules.add_perm("pages.delete_page", is_administrator)
