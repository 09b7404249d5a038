from django import template

from ouvert.participation.selectors import events_upcoming

register = template.Library()


@register.simple_tag
def upcoming_events(limit: int = 3) -> list:
    """`{% upcoming_events 3 as events %}`: the next published events, for the home page."""
    return events_upcoming(limit=limit)
