"""Background work of conversations, run by the worker (`make worker`)."""

from django_tasks import task

from ouvert.conversations import services


@task()
def analyse_conversation(*, conversation_id: int) -> dict:
    """Update a conversation's opinion map (queued by votes and moderation, debounced)."""
    outcome = services.analysis_update(conversation_id=conversation_id)
    return {"status": outcome.status, "votes": outcome.votes, "seconds": round(outcome.seconds, 3)}
