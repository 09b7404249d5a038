"""The blog: everyone reads published posts; the team (public agents) writes; signed-in people
submit guest posts, which moderators publish or refuse."""

import rules

from ouvert.accounts.rules import is_administrator, is_agent, is_moderator, is_participant


@rules.predicate
def is_published(user, post) -> bool:
    return post is not None and post.is_published


@rules.predicate
def is_author(user, post) -> bool:
    return post is not None and user.is_authenticated and post.author_id == user.pk


rules.add_perm("blog.view_post", is_published | is_author | is_moderator | is_agent)
rules.add_perm("blog.view_category", rules.always_allow)
rules.add_perm("blog.submit_guest_post", is_participant)
rules.add_perm("blog.moderate_post", is_moderator)
rules.add_perm("blog.follow_category", is_participant)

# The team's posts, categories and tags, in the back office
rules.add_perm("blog", is_agent)
rules.add_perm("blog.add_post", is_agent)
rules.add_perm("blog.change_post", is_agent)
rules.add_perm("blog.delete_post", is_administrator)
rules.add_perm("blog.add_category", is_agent)
rules.add_perm("blog.change_category", is_agent)
rules.add_perm("blog.delete_category", is_administrator)
rules.add_perm("blog.view_tag", is_agent)
rules.add_perm("blog.add_tag", is_agent)
rules.add_perm("blog.change_tag", is_agent)
rules.add_perm("blog.delete_tag", is_agent)
