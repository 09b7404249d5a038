"""The one rule that decides what is public: published, not moderated out, not a draft.

Every model whose rows may reach the public declares here, once, which rows are public (as a
queryset filter and as a test on one instance) and which of its fields are never published. Pages,
the API, feeds and open data all read public rows through `public()`; a model without a rule has no
public rows at all (the rule fails closed). Permissions (`rules.py`) test `is_public()`.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, QuerySet, When
from django.db.models.functions import Cast, Substr
from django.db.models.lookups import Regex, StartsWith


@dataclass(frozen=True)
class PublicRule:
    model: type[models.Model]
    # The condition public rows meet, as a Q on the model (lookups may cross relations), or a
    # function building it at query time when it depends on other rules.
    condition: Q | Callable[[], Q]
    # Fields holding personal or internal data: never in a dataset, API answer or page.
    private_fields: frozenset[str] = field(default_factory=frozenset)


_rules: dict[type[models.Model], PublicRule] = {}


def publish(
    model: type[models.Model],
    condition: Q | Callable[[], Q],
    *,
    private_fields: tuple[str, ...] = (),
) -> None:
    """Declare which rows of `model` are public (called from the app's models or datasets module)."""
    _rules[model] = PublicRule(
        model=model, condition=condition, private_fields=frozenset(private_fields)
    )


def rule_for(model: type[models.Model]) -> PublicRule | None:
    return _rules.get(model._meta.concrete_model)


def public(queryset: QuerySet | type[models.Model]) -> QuerySet:
    """The public rows of a queryset (or of a model's default manager); none if the model has no rule."""
    if isinstance(queryset, type):
        queryset = queryset._default_manager.all()
    rule = rule_for(queryset.model)
    if rule is None:
        return queryset.none()
    return queryset.filter(_condition(rule))


def is_public(instance: models.Model) -> bool:
    """Whether one row is public, by the same rule (one query on its primary key)."""
    rule = rule_for(type(instance))
    if rule is None or instance.pk is None:
        return False
    return type(instance)._default_manager.filter(_condition(rule), pk=instance.pk).exists()


def _condition(rule: PublicRule) -> Q:
    return rule.condition() if callable(rule.condition) else rule.condition


def private_fields(model: type[models.Model]) -> frozenset[str]:
    rule = rule_for(model)
    return rule.private_fields if rule else frozenset()


def rules() -> list[PublicRule]:
    return list(_rules.values())


def public_history_condition() -> Q:
    """A history row is public when the record it belongs to (its scope, "<model label>:<pk>") is
    public.

    Each model's rule is tested on the one record the scope names, by primary key: a correlated
    `EXISTS` per model, behind a test of the scope's prefix. The cost is a few index lookups per
    history row, whatever the number of public records (listing the keys of every public record
    of every model read the 2.3 million actors of the register for each query).
    """
    condition = Q(pk__in=[])
    scope = OuterRef("scope")
    for rule in rules():
        if rule.model._meta.label_lower == "core.historyentry":
            continue
        prefix = f"{rule.model._meta.label_lower}:"
        key = Substr(scope, len(prefix) + 1)
        names_a_record = StartsWith(scope, prefix)
        if isinstance(rule.model._meta.pk, models.IntegerField):
            # Only a key as `history_scope()` spells it names the record, as when scopes were
            # compared as strings: no cast of "012" or "12x" to 12 (SQLite's cast reads both),
            # nor of a number too large for the column (PostgreSQL's raises an error).
            names_a_record = Regex(scope, rf"^{re.escape(prefix)}[1-9][0-9]{{0,17}}$")
            key = Cast(key, models.BigIntegerField())
        # The CASE keeps PostgreSQL from casting the key of another model's scope, whatever
        # order it tests the conditions in.
        record_pk = Case(When(names_a_record, then=key), default=None)
        condition |= Q(scope__startswith=prefix) & Q(
            Exists(public(rule.model).filter(pk=record_pk))
        )
    return condition
