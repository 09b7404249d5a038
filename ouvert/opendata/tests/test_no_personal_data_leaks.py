"""No personal or unpublished value leaves the platform through anything the public can fetch.

Recognisable values are planted in every place the platform stores something personal or not yet
public: the e-mail addresses, names and pseudonyms of people of every role, actors' private
contacts, registrants and waitlists, online meeting links, supports, follows, newsletter
subscribers, debate and conversation voters, moderation reasons, reports, refused, pending and draft
contributions, back-office rows. Then every public output is fetched anonymously, in French and in
English: every dataset (CSV, JSON, GeoJSON, Table Schema, page), the bulk dump made by the real
service (every member of its archive), the DCAT catalogue in its three serialisations, every GET
operation of the OpenAPI schema (path parameters filled with the planted records, list filters with
their values), every named URL pattern of the project (with the planted records' identifiers), feeds
and calendars included; and every answer is searched for every planted value.

Two further checks keep the test honest as the platform grows: every model and every field that
looks personal is either planted or explained here (`NOT_PLANTED`, `PUBLIC_BY_DESIGN`), and every
URL pattern and API operation is either crawled or explained (`NOT_CRAWLED`). And a person signed
in who has no part in any of it reads the pages and the API again: they see no more.
"""

import dataclasses
import datetime
import html
import io
import json
import mimetypes
import re
import urllib.parse
import zipfile
from dataclasses import dataclass
from itertools import product

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import models
from django.db.models import Q
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone, translation

from ouvert.accounts.models import LoginThrottle
from ouvert.accounts.roles import Role
from ouvert.accounts.services import user_delete
from ouvert.accounts.tests.factories import UserFactory
from ouvert.actors.models import Actor, RnaImport
from ouvert.actors.services import ActorData, actor_claim, actor_register, request_decide
from ouvert.actors.tests.factories import PublicBodyFactory, gironde, recount
from ouvert.actors.tests.rna_files import WALDEC_2018_COLUMNS, csv_bytes, waldec_row
from ouvert.actors.themes import Theme
from ouvert.blog.models import Post
from ouvert.blog.services import guest_post_submit, post_moderate
from ouvert.blog.tests.factories import CategoryFactory, PostFactory
from ouvert.conversations import services as conversations
from ouvert.conversations.models import Conversation, Statement
from ouvert.conversations.tests.factories import ConversationFactory
from ouvert.core import publicity
from ouvert.core.models import HistoryEntry
from ouvert.core.opendata import registry
from ouvert.core.services import history_record
from ouvert.debates import services as debates
from ouvert.debates.tests.factories import close, draft_commitment, open_debate
from ouvert.notifications import services as notifications
from ouvert.notifications.models import NewsletterIssue
from ouvert.notifications.tokens import confirmation_token
from ouvert.opendata.services import dump_create
from ouvert.pages.tests.factories import PageFactory
from ouvert.participation import services as participation
from ouvert.participation.models import Event, EventDocument, Registration
from ouvert.participation.tests.factories import (
    EventFactory,
    EventSeriesFactory,
    ProposalCallFactory,
    in_days,
)
from ouvert.plans.models import ActionPlan, Commitment, Evidence, Phase
from ouvert.plans.services.commitments import (
    EvidenceData,
    evaluation_save,
    partner_assessment_give,
    progress_update_post,
)
from ouvert.plans.tests.factories import (
    ActionPlanFactory,
    CommitmentFactory,
    MilestoneFactory,
    PhaseFactory,
)

pytestmark = pytest.mark.django_db

User = get_user_model()

PHONE = "+33 6 99 88 77 66"
# Ways a planted telephone number could be written out.
PHONE_FORMS = ("99 88 77 66", "99887766", "99.88.77.66", "99-88-77-66")
IP = "203.0.113.77"
USER_AGENT = "PlantedBrowser/7f3a"
# A draft event's address, made from its title as the site makes it: it must not come out either.
DRAFT_EVENT_SLUG = "planted-draft-event-7f3a-2030-05-04"
# Every planted address is at this domain (public addresses are elsewhere): it must appear nowhere.
PLANTED_DOMAIN = "exemple.test"
# Public values each of which must be found somewhere: the crawl read the outputs that matter.
CONTROLS = (
    "Auteure Publique Contrôle",  # a contributor's chosen public name
    "Participant·e AUTEUR22",  # a contributor's pseudonym
    "Agente Publique Contrôle",  # an agent signing progress updates
    "Proposition publique Contrôle",
    "Commentaire public Contrôle",
    "Argument public Contrôle",
    "Proposition acceptée publique",
    "Association Publique Contrôle",
    "Webinaire public Contrôle",
    "Billet public Contrôle",
    "Engagement public Contrôle",
    "Avancement public Contrôle",
    "Lettre publique Contrôle",
    "Page publique Contrôle",
    "JARDINS PARTAGES CONTROLE",  # the association imported from the register
)


@dataclass
class Planted:
    """What the fixture planted: the secret values (with where each lives) and the records whose
    identifiers fill URL patterns and API paths."""

    secrets: dict[str, str] = dataclasses.field(default_factory=dict)
    people: list = dataclasses.field(default_factory=list)
    # (URL namespace or API path prefix, parameter name) -> values to try.
    url_values: dict[tuple[str, str], list] = dataclasses.field(default_factory=dict)

    def secret(self, value: str, where: str) -> str:
        assert value not in self.secrets, value
        self.secrets[value] = where
        return value

    def text(self, slug: str, where: str) -> str:
        """A planted text: recognisable, without characters any output format escapes."""
        return self.secret(f"planted-{slug}-7f3a", where)

    def person(self, key: str, code: str, *, public_name: str = "", roles=()) -> User:
        """A person whose e-mail address and pseudonym (and name, unless `public_name` is given:
        the name they chose to sign public contributions with) must never come out."""
        assert len(code) == 8
        person = UserFactory(
            email=self.secret(f"planted-{key}-7f3a@{PLANTED_DOMAIN}", f"e-mail of the {key}"),
            display_name=public_name or self.secret(f"Plantédenom {key}", f"name of the {key}"),
            pseudonym_code=self.secret(f"7F3A{code}", f"pseudonym of the {key}"),
            roles=roles,
        )
        self.people.append(person)
        return person

    def values(self, key: tuple[str, str], *values) -> None:
        self.url_values.setdefault(key, [])
        self.url_values[key] += [value for value in values if value not in self.url_values[key]]


# Planting ----------------------------------------------------------------------------------------


def _plant_people(p: Planted) -> dict[str, User]:
    return {
        "author": p.person("author", "AUTHOR01", public_name="Auteure Publique Contrôle"),
        "agent": p.person(
            "agent", "AGENT001", public_name="Agente Publique Contrôle", roles=[Role.AGENT]
        ),
        # Who moderates a contribution is private (its rule declares `moderated_by` private).
        "moderator": p.person("moderator", "MODERATR", roles=[Role.MODERATOR]),
        # Decisions on the register of actors and on a conversation's statements are signed in
        # those records' public change logs, by design: whoever takes them has a public name.
        "register-moderator": p.person(
            "register-moderator",
            "REGMODER",
            public_name="Modératrice du répertoire",
            roles=[Role.MODERATOR],
        ),
        "conversation-moderator": p.person(
            "conversation-moderator",
            "CONVMODR",
            public_name="Animatrice de la conversation",
            roles=[Role.MODERATOR],
        ),
        # The IRM's evaluators and actors' representatives sign what they add to the public record.
        "evaluator": p.person(
            "evaluator", "EVALUATR", public_name="Évaluatrice du MRI", roles=[Role.EVALUATOR]
        ),
        "representative": p.person(
            "representative", "REPRESNT", public_name="Représentante de l'association"
        ),
        "administrator": p.person("administrator", "ADMINIST", roles=[Role.ADMINISTRATOR]),
        "claimant": p.person("claimant", "CLAIMANT"),
        "registrant": p.person("registrant", "REGISTRT"),
        "waitlisted": p.person("waitlisted", "WAITLIST"),
        "supporter": p.person("supporter", "SUPPORTR"),
        "follower": p.person("follower", "FOLLOWER"),
        "reporter": p.person("reporter", "REPORTER"),
        "debate-voter": p.person("debate-voter", "DVOTER01"),
        "other-debate-voter": p.person("other-debate-voter", "DVOTER02"),
        "argument-supporter": p.person("argument-supporter", "ASUPPORT"),
        "conversation-voter": p.person("conversation-voter", "CVOTER01"),
        "deleted": p.person("deleted", "DELETED1"),
    }


def _plant_actors(p: Planted, people, tmp_path) -> dict[str, Actor]:
    communes = gironde()
    # The register's personal columns (the declarant, their address and contacts): the import
    # must keep none of them.
    register_row = waldec_row(
        id="W332000777",
        titre="JARDINS PARTAGES CONTROLE",
        objet="jardins partagés",
        adrg_declarant=p.secret("PLANTEDENOM DECLARANTE", "declarant in the register"),
        adrg_complemid=p.secret("CHEZ MME PLANTEDENOM", "address line in the register"),
        adrg_libvoie=p.secret("17 RUE DU DOMICILE-PLANTE", "street in the register"),
        adrg_achemine=p.secret("PLANTEVILLE-7F3A", "delivery town in the register"),
        telephone="0699887766",
        email=p.secret(f"declarante-7f3a@{PLANTED_DOMAIN}", "e-mail in the register"),
    )
    register = tmp_path / "rna_waldec_2018_dpt_33.csv"
    register.write_bytes(csv_bytes([register_row], columns=WALDEC_2018_COLUMNS))
    call_command("import_rna", str(register), stdout=io.StringIO())
    imported = Actor.objects.get(rna_id="W332000777")
    ministry = PublicBodyFactory(
        name="Ministère Public Contrôle",
        private_email=p.secret(
            f"planted-ministry-private-7f3a@{PLANTED_DOMAIN}", "private e-mail of an actor"
        ),
        public_email="contact@ministere.exemple.fr",
    )
    registration = actor_register(
        acting_user=people["representative"],
        data=ActorData(
            name="Association Publique Contrôle",
            kind=Actor.Kind.ASSOCIATION,
            mission="Agir pour la transparence.",
            themes=[Theme.LOCAL],
            public_email="bonjour@association.exemple.fr",
            private_email=p.secret(
                f"planted-association-private-7f3a@{PLANTED_DOMAIN}",
                "private e-mail of a registered actor",
            ),
            private_phone=p.secret(PHONE, "private telephone of a registered actor"),
            commune=communes["bordeaux"],
        ),
        role=p.text("representative-role", "role of a representative in their organisation"),
        message=p.text("registration-message", "message of a registration request"),
    )
    request_decide(
        acting_user=people["register-moderator"],
        request=registration,
        approve=True,
        # Written in the actor's public change log, as the moderation form says.
        note="Inscription vérifiée.",
    )
    association = Actor.objects.get(pk=registration.actor_id)
    pending = actor_register(
        acting_user=people["claimant"],
        data=ActorData(
            name=p.text("pending-actor", "name of an actor awaiting moderation"),
            kind=Actor.Kind.COLLECTIVE,
            mission=p.text("pending-actor-mission", "mission of an actor awaiting moderation"),
            themes=[Theme.LOCAL],
            public_email=f"planted-pending-public-7f3a@{PLANTED_DOMAIN}",
        ),
        role="Présidente",
    )
    p.secret(pending.actor.public_email, "public e-mail of an actor awaiting moderation")
    refused = actor_register(
        acting_user=people["claimant"],
        data=ActorData(
            name=p.text("refused-actor", "name of a refused actor"),
            kind=Actor.Kind.COLLECTIVE,
            mission="",
            themes=[],
        ),
        role="Trésorière",
    )
    request_decide(
        acting_user=people["register-moderator"],
        request=refused,
        approve=False,
        note=p.text("refusal-note", "moderator's note on a refused registration"),
    )
    claim = actor_claim(
        acting_user=people["claimant"],
        actor=ministry,
        role=p.text("claimant-role", "role given in a claim"),
        message=p.text("claim-message", "message of a claim"),
    )
    request_decide(
        acting_user=people["register-moderator"],
        request=claim,
        approve=False,
        note="Revendication non justifiée.",
    )
    actor_claim(
        acting_user=people["claimant"],
        actor=association,
        role="Secrétaire",
        message=p.text("pending-claim-message", "message of a pending claim"),
    )
    recount()
    p.values(("filter", "institution"), ministry.pk, association.pk)
    p.values(("actors", "pk"), association.pk, ministry.pk, pending.actor.pk, refused.actor.pk)
    p.values(("actors", "pk"), imported.pk)
    return {"ministry": ministry, "association": association}


def _plant_plans(p: Planted, people, actors) -> dict:
    agent, ministry, association = people["agent"], actors["ministry"], actors["association"]
    plan = ActionPlanFactory(slug="2024-2026", title="Plan public Contrôle")
    phase = PhaseFactory(
        plan=plan,
        kind=Phase.Kind.CONCERTATION,
        starts_on=datetime.date(2000, 1, 1),
        ends_on=datetime.date(2100, 1, 1),
    )
    draft_plan = ActionPlanFactory(
        slug="2030-2032",
        status=ActionPlan.Status.DRAFT,
        title=p.text("draft-plan", "title of a draft plan"),
        summary=p.text("draft-plan-summary", "summary of a draft plan"),
    )
    draft_phase = PhaseFactory(
        plan=draft_plan, title=p.text("draft-plan-phase", "phase of a draft plan")
    )
    ProposalCallFactory(
        phase=draft_phase, intro=p.text("draft-plan-call", "call for proposals of a draft plan")
    )
    commitment = CommitmentFactory(
        plan=plan,
        reference="FR7001",
        title="Engagement public Contrôle",
        lead_institution=ministry,
        partners=[association],
        contact="bureau-des-donnees@ministere.exemple.fr",
    )
    milestone = MilestoneFactory(commitment=commitment, title="Jalon public Contrôle")
    draft = CommitmentFactory(
        plan=plan,
        reference="FR7002",
        status=Commitment.Status.DRAFT,
        title=p.text("draft-commitment", "title of a draft commitment"),
        problem=p.text("draft-commitment-problem", "problem of a draft commitment"),
        contact=p.secret(
            f"planted-draft-contact-7f3a@{PLANTED_DOMAIN}", "contact of a draft commitment"
        ),
        lead_institution=ministry,
        partners=[association],
    )
    draft_milestone = MilestoneFactory(
        commitment=draft, title=p.text("draft-milestone", "milestone of a draft commitment")
    )
    CommitmentFactory(
        plan=draft_plan,
        reference="FR7003",
        title=p.text("draft-plan-commitment", "commitment of a draft plan"),
        lead_institution=ministry,
    )
    # Followers hear of updates (notifications), and the follower's choices are stored.
    notifications.follow_set(user=people["follower"], target=commitment, following=True)
    notifications.preference_set(user=people["follower"], frequency="daily", event_reminders=True)
    progress_update_post(
        acting_user=agent,
        commitment=commitment,
        institution=ministry,
        text="Avancement public Contrôle",
        milestone=milestone,
        new_status="in_progress",
        evidence=[EvidenceData(title="Preuve publique", url="https://preuve.exemple.fr/")],
    )
    progress_update_post(
        acting_user=agent,
        commitment=draft,
        institution=ministry,
        text=p.text("draft-update", "progress update of a draft commitment"),
        milestone=draft_milestone,
        evidence=[
            EvidenceData(
                title=p.text("draft-evidence", "evidence of a draft commitment"),
                document=ContentFile(
                    p.text("draft-evidence-file", "document of a draft commitment").encode(),
                    name="preuve.txt",
                ),
            )
        ],
    )
    partner_assessment_give(
        acting_user=people["representative"],
        milestone=milestone,
        partner=association,
        position="agree",
        comment="Avis public Contrôle",
    )
    partner_assessment_give(
        acting_user=people["representative"],
        milestone=draft_milestone,
        partner=association,
        position="disagree",
        comment=p.text("draft-assessment", "partner assessment of a draft commitment"),
    )
    evaluation_save(
        acting_user=people["evaluator"],
        commitment=commitment,
        data={"verifiable": True, "summary": "Synthèse publique du MRI"},
    )
    evaluation_save(
        acting_user=people["evaluator"],
        commitment=draft,
        data={"summary": p.text("draft-evaluation", "evaluation of a draft commitment")},
    )
    p.values(("plans", "slug"), plan.slug, draft_plan.slug)
    p.values(("commitments", "reference"), commitment.reference, draft.reference, "FR7003")
    p.values(("commitments", "slug"), plan.slug, draft_plan.slug)
    p.values(("commitments", "pk"), milestone.pk, draft_milestone.pk)
    p.values(("commitments", "pk"), *Evidence.objects.values_list("pk", flat=True))
    p.values(("/api/plans/", "slug"), plan.slug, draft_plan.slug)
    p.values(("/api/commitments/", "reference"), commitment.reference, draft.reference, "FR7003")
    return {"plan": plan, "phase": phase, "draft_plan": draft_plan, "commitment": commitment}


def _plant_participation(p: Planted, people, actors, plans) -> dict:
    moderator, author = people["moderator"], people["author"]
    plan = plans["plan"]
    series = EventSeriesFactory(slug="serie-publique", title="Série publique Contrôle")
    event = EventFactory(
        slug="webinaire-public",
        series=series,
        plan=plan,
        title="Webinaire public Contrôle",
        host=actors["ministry"],
        capacity=1,
        online_url=p.secret(
            "https://visio.exemple.fr/planted-room-7f3a", "online link of a published event"
        ),
    )
    document = EventDocument.objects.create(
        event=event, title="Support public", url="https://support.exemple.fr/"
    )
    participation.registration_create(acting_user=people["registrant"], event=event)
    participation.registration_create(acting_user=people["waitlisted"], event=event)
    assert Registration.objects.filter(status=Registration.Status.WAITLISTED).exists()
    participation.attendance_set(
        acting_user=people["agent"],
        event=event,
        present={Registration.objects.get(user=people["registrant"]).pk},
    )
    draft_event = EventFactory(
        slug=DRAFT_EVENT_SLUG,
        status=Event.Status.DRAFT,
        plan=plan,
        title=p.text("draft-event", "title of a draft event"),
        description=p.text("draft-event-description", "description of a draft event"),
        venue=p.text("draft-event-venue", "venue of a draft event"),
        address=p.secret("12 rue du Domicile-Planté 7f3a", "address of a draft event"),
        online_url=p.secret(
            "https://visio.exemple.fr/planted-draft-room-7f3a", "online link of a draft event"
        ),
    )
    draft_document = EventDocument(
        event=draft_event, title=p.text("draft-event-document", "document of a draft event")
    )
    draft_document.document.save(
        "programme.txt",
        ContentFile(p.text("draft-event-file", "file of a draft event").encode()),
    )
    EventFactory(
        slug="evenement-plan-brouillon",
        plan=plans["draft_plan"],
        title=p.text("draft-plan-event", "event of a draft plan"),
    )

    call = ProposalCallFactory(phase=plans["phase"])
    proposal = participation.proposal_submit(
        acting_user=author,
        call=call,
        kind="commitment_idea",
        title="Proposition publique Contrôle",
        body="Ouvrir les registres.",
    )
    proposal = participation.proposal_moderate(
        acting_user=moderator,
        proposal=proposal,
        publish=True,
        reason=p.text("publication-reason", "moderator's reason on publishing a proposal"),
    )
    participation.support_set(acting_user=people["supporter"], proposal=proposal, supporting=True)
    participation.answer_save(
        acting_user=people["agent"],
        proposal=proposal,
        status="under_study",
        text="Réponse publique",
    )
    notifications.follow_set(user=people["follower"], target=proposal, following=True)
    notifications.follow_set(user=people["follower"], target=series, following=True)
    pending = participation.proposal_submit(
        acting_user=author,
        call=call,
        kind="workshop",
        title=p.text("pending-proposal", "title of a pending proposal"),
        body=p.text("pending-proposal-body", "text of a pending proposal"),
    )
    refused = participation.proposal_submit(
        acting_user=author,
        call=call,
        kind="workshop",
        title=p.text("refused-proposal", "title of a refused proposal"),
        body=p.text("refused-proposal-body", "text of a refused proposal"),
    )
    participation.proposal_moderate(
        acting_user=moderator,
        proposal=refused,
        publish=False,
        reason=p.text("proposal-refusal-reason", "reason for refusing a proposal"),
    )

    # A proposal published, answered, then withdrawn by the moderation.
    withdrawn = participation.proposal_submit(
        acting_user=author,
        call=call,
        kind="commitment_idea",
        title=p.text("withdrawn-proposal", "title of a withdrawn proposal"),
        body="Texte.",
    )
    withdrawn = participation.proposal_moderate(
        acting_user=moderator, proposal=withdrawn, publish=True
    )
    participation.answer_save(
        acting_user=people["agent"],
        proposal=withdrawn,
        status="declined",
        text=p.text("withdrawn-answer", "answer to a withdrawn proposal"),
    )
    comment_on_withdrawn = participation.comment_post(
        acting_user=author,
        target=withdrawn,
        body=p.text("withdrawn-comment", "published comment on a withdrawn proposal"),
    )
    participation.comment_moderate(
        acting_user=moderator, comment=comment_on_withdrawn, publish=True
    )
    participation.proposal_moderate(
        acting_user=moderator,
        proposal=withdrawn,
        publish=False,
        reason=p.text("withdrawal-reason", "reason for withdrawing a proposal"),
    )

    kept = participation.comment_post(
        acting_user=author, target=proposal, body="Commentaire public Contrôle"
    )
    kept = participation.comment_moderate(acting_user=moderator, comment=kept, publish=True)
    pseudonymous = UserFactory(
        email=p.secret(f"planted-pseudonymous-7f3a@{PLANTED_DOMAIN}", "e-mail of a pseudonym"),
        display_name="",
        pseudonym_code="AUTEUR22",
    )
    p.people.append(pseudonymous)
    reply = participation.comment_post(
        acting_user=pseudonymous, target=proposal, body="Réponse publique", parent=kept
    )
    participation.comment_moderate(acting_user=moderator, comment=reply, publish=True)
    participation.comment_report(
        acting_user=people["reporter"],
        comment=kept,
        reason=p.text("report-reason", "reason given when reporting a comment"),
    )
    participation.comment_post(
        acting_user=author,
        target=proposal,
        body=p.text("pending-comment", "pending comment"),
    )
    rejected = participation.comment_post(
        acting_user=author, target=proposal, body=p.text("rejected-comment", "refused comment")
    )
    participation.comment_moderate(
        acting_user=moderator,
        comment=rejected,
        publish=False,
        reason=p.text("comment-refusal-reason", "reason for refusing a comment"),
    )
    # A contributor deletes their account: their former name and addresses go with it.
    gone = participation.comment_post(
        acting_user=people["deleted"], target=proposal, body="Commentaire d'une personne partie"
    )
    participation.comment_moderate(acting_user=moderator, comment=gone, publish=True)
    user_delete(user=people["deleted"])

    p.values(("events", "slug"), event.slug, DRAFT_EVENT_SLUG, "evenement-plan-brouillon")
    p.values(("events", "slug"), series.slug, plan.slug, plans["draft_plan"].slug)
    p.values(("events", "pk"), document.pk, draft_document.pk)
    proposals = (proposal.pk, pending.pk, refused.pk, withdrawn.pk)
    p.values(("proposals", "pk"), *proposals)
    p.values(("proposals", "slug"), plan.slug, plans["draft_plan"].slug)
    comments = (kept.pk, rejected.pk, comment_on_withdrawn.pk)
    p.values(("participation", "pk"), *proposals, *comments)
    p.values(("/api/events/", "slug"), event.slug, DRAFT_EVENT_SLUG, "evenement-plan-brouillon")
    p.values(("/api/proposals/", "pk"), *proposals)
    return {"event": event, "proposal": proposal, "series": series, "call": call}


def _plant_debates(p: Planted, people, actors, plans) -> dict:
    agent, moderator, author = people["agent"], people["moderator"], people["author"]
    commitment = draft_commitment(
        plan=plans["plan"],
        reference="FR7004",
        title="Titre débattu public",
        title_en=p.text("debated-title-en", "English title of a debated draft, not debated"),
        contact=p.secret(
            f"planted-debated-contact-7f3a@{PLANTED_DOMAIN}", "contact of a debated draft"
        ),
        lead_institution=actors["ministry"],
    )
    debate = open_debate(commitment=commitment, agent=agent)
    debates.vote_cast(
        acting_user=people["debate-voter"], debate=debate, choice="against", kind="company"
    )
    debates.vote_cast(
        acting_user=people["other-debate-voter"], debate=debate, choice="for", kind="citizen"
    )
    argument = debates.argument_post(
        acting_user=author, debate=debate, side="pro", body="Argument public Contrôle"
    )
    argument = debates.argument_moderate(acting_user=moderator, argument=argument, publish=True)
    debates.argument_support_set(
        acting_user=people["argument-supporter"], argument=argument, supporting=True
    )
    debates.argument_post(
        acting_user=author, debate=debate, side="con", body=p.text("pending-argument", "argument")
    )
    refused = debates.argument_post(
        acting_user=author, debate=debate, side="con", body=p.text("refused-argument", "argument")
    )
    debates.argument_moderate(
        acting_user=moderator,
        argument=refused,
        publish=False,
        reason=p.text("argument-refusal-reason", "reason for refusing an argument"),
    )
    paragraph = debate.versions.get().paragraphs.first()
    kept = debates.paragraph_comment_post(
        acting_user=author,
        paragraph=paragraph,
        body="Remarque publique sur un paragraphe",
        suggestion="Une reformulation publique.",
    )
    participation.comment_moderate(acting_user=moderator, comment=kept, publish=True)
    debates.paragraph_comment_post(
        acting_user=author,
        paragraph=paragraph,
        body=p.text("pending-paragraph-comment", "pending comment on a paragraph"),
        suggestion=p.text("pending-suggestion", "rewording in a pending comment"),
    )
    refused_comment = debates.paragraph_comment_post(
        acting_user=author,
        paragraph=paragraph,
        body=p.text("refused-paragraph-comment", "refused comment on a paragraph"),
    )
    participation.comment_moderate(
        acting_user=moderator,
        comment=refused_comment,
        publish=False,
        reason=p.text("paragraph-comment-reason", "reason for refusing a paragraph comment"),
    )
    debate = close(debate)
    debates.debate_respond(
        acting_user=agent,
        debate=debate,
        text="Réponse publique au débat",
        sections={"problem": "Problème révisé.", "description": "Description révisée."},
        notes={paragraph.number: "Note publique"},
    )
    p.values(("debates", "pk"), debate.pk)
    p.values(("debates", "number"), paragraph.number)
    p.values(("debates", "argument"), argument.pk)
    p.values(("debates", "slug"), plans["plan"].slug)
    p.values(("/api/debates/", "pk"), debate.pk)
    p.values(("/api/debates/", "argument_id"), argument.pk)
    return {"debate": debate}


def _plant_blog(p: Planted, people, actors) -> dict:
    author, agent, moderator = people["author"], people["agent"], people["moderator"]
    category = CategoryFactory(slug="categorie-publique", name="Catégorie publique")
    post = PostFactory(
        slug="billet-public", author=agent, category=category, title="Billet public Contrôle"
    )
    pending = guest_post_submit(
        acting_user=author,
        title=p.text("pending-guest-post", "title of a pending guest post"),
        summary=p.text("pending-guest-summary", "summary of a pending guest post"),
        body=p.text("pending-guest-body", "text of a pending guest post"),
        tags=[p.text("pending-guest-tag", "tag of a pending guest post")],
    )
    refused = guest_post_submit(
        acting_user=author,
        title=p.text("refused-guest-post", "title of a refused guest post"),
        summary="",
        body=p.text("refused-guest-body", "text of a refused guest post"),
    )
    post_moderate(
        acting_user=moderator,
        post=refused,
        publish=False,
        reason=p.text("post-refusal-reason", "reason for refusing a guest post"),
    )
    scheduled = PostFactory(
        slug="billet-programme",
        author=agent,
        category=category,
        title=p.text("scheduled-post", "title of a post scheduled for later"),
        published_at=in_days(10),
    )
    draft = PostFactory(
        slug="billet-brouillon",
        author=agent,
        status=Post.Status.DRAFT,
        title=p.text("draft-post", "title of a draft post"),
    )
    posts = (post.slug, scheduled.slug, draft.slug, refused.slug, pending.slug)
    p.values(("blog", "slug"), *posts, category.slug, "planted-pending-guest-tag-7f3a")
    p.values(("blog", "pk"), actors["association"].pk, actors["ministry"].pk)
    p.values(("/api/blog/", "slug"), *posts)
    return {"post": post, "category": category}


def _plant_conversations(p: Planted, people, plans) -> dict:
    moderator = people["conversation-moderator"]
    conversation = ConversationFactory(
        slug="conversation-publique", plan=plans["plan"], title="Conversation publique ?"
    )
    seeds = [
        conversations.statement_seed(
            conversation=conversation, text=f"Proposition de départ {n}.", acting_user=moderator
        )
        for n in range(3)
    ]
    voter = conversations.participant_create(
        conversation=conversation, user=people["conversation-voter"]
    )
    anonymous = conversations.participant_create(conversation=conversation)
    for participant, value in ((voter, 1), (anonymous, -1)):
        for statement in seeds:
            conversations.vote_cast(
                participant=participant, statement_number=statement.number, value=value
            )
    conversations.vote_cast(participant=voter, statement_number=seeds[0].number, value=0)
    accepted = conversations.statement_submit(
        participant=voter, text="Proposition acceptée publique"
    )
    conversations.statement_moderate(
        statement=accepted, status=Statement.Status.ACCEPTED, acting_user=moderator
    )
    conversations.statement_submit(
        participant=voter, text=p.text("pending-statement", "statement awaiting moderation")
    )
    rejected = conversations.statement_submit(
        participant=voter, text=p.text("rejected-statement", "statement set aside")
    )
    conversations.statement_moderate(
        statement=rejected,
        status=Statement.Status.REJECTED,
        acting_user=moderator,
        message="Hors sujet.",  # in the conversation's public change log, by design
    )
    conversations.analysis_update(conversation_id=conversation.pk)
    conversations.report_publish(
        conversation=conversation, acting_user=moderator, summary="Synthèse publique."
    )
    draft = ConversationFactory(
        slug="conversation-brouillon",
        plan=plans["plan"],
        status=Conversation.Status.DRAFT,
        title=p.text("draft-conversation", "question of a draft conversation"),
    )
    conversations.statement_seed(
        conversation=draft,
        text=p.text("draft-conversation-statement", "statement of a draft conversation"),
        acting_user=moderator,
    )
    # Conversations can open on a commitment or an event still in draft: they say nothing of it.
    on_draft_commitment = ConversationFactory(
        slug="conversation-engagement-brouillon",
        plan=None,
        commitment=Commitment.objects.get(reference="FR7002"),
    )
    on_draft_event = ConversationFactory(
        slug="conversation-evenement-brouillon",
        plan=None,
        event=Event.objects.get(slug=DRAFT_EVENT_SLUG),
    )
    slugs = [conversation.slug, draft.slug, on_draft_commitment.slug, on_draft_event.slug]
    p.values(("conversations", "slug"), *slugs)
    p.values(("conversations", "number"), accepted.number, rejected.number)
    p.values(("/api/conversations/", "slug"), *slugs)
    return {"conversation": conversation}


def _plant_the_rest(p: Planted, people) -> None:
    administrator = people["administrator"]
    PageFactory(slug="page-publique", title="Page publique Contrôle")
    PageFactory(
        slug="page-brouillon",
        is_published=False,
        title=p.text("draft-page", "title of an unpublished page"),
        body=p.text("draft-page-body", "text of an unpublished page"),
    )
    p.values(("pages", "slug"), "page-publique", "page-brouillon")
    p.values(("/api/pages/", "slug"), "page-publique", "page-brouillon")

    notifications.newsletter_subscribe(
        email=p.secret(f"planted-subscriber-7f3a@{PLANTED_DOMAIN}", "newsletter subscriber"),
        language="fr",
    )
    notifications.newsletter_confirm(
        token=confirmation_token(f"planted-subscriber-7f3a@{PLANTED_DOMAIN}")
    )
    notifications.newsletter_subscribe(
        email=p.secret(
            f"planted-unconfirmed-7f3a@{PLANTED_DOMAIN}", "unconfirmed newsletter subscriber"
        ),
        language="en",
    )
    sent = NewsletterIssue.objects.create(subject="Lettre publique Contrôle", body="Des nouvelles.")
    notifications.newsletter_issue_send(issue=sent, acting_user=administrator)
    unsent = NewsletterIssue.objects.create(
        subject=p.text("unsent-newsletter", "subject of an unsent newsletter"),
        body=p.text("unsent-newsletter-body", "text of an unsent newsletter"),
    )
    p.values(("notifications", "pk"), sent.pk, unsent.pk)

    # Back-office rows: an import report, the admin's log, a queued e-mail, a history row.
    RnaImport.objects.create(
        file_name=p.text("rna-file", "name of an imported register file"),
        report=p.text("rna-report", "report of a register import"),
    )
    LogEntry.objects.create(
        user=administrator,
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(people["registrant"].pk),
        object_repr=p.text("admin-log-repr", "label in the admin's log"),
        action_flag=CHANGE,
        change_message=p.text("admin-log-message", "message in the admin's log"),
    )
    task_model = apps.get_model("django_tasks_database", "DBTaskResult")
    task_model.objects.create(
        task_path="ouvert.core.emails.email_send",
        args_kwargs={"args": [], "kwargs": {"to": people["registrant"].email}},
        backend_name="default",
        run_after=timezone.now(),
        enqueued_at=timezone.now(),
        exception_class_path="",
        traceback=p.text("task-traceback", "traceback of a queued task"),
    )
    history_record(
        instance=Event.objects.get(slug=DRAFT_EVENT_SLUG),
        acting_user=administrator,
        action=HistoryEntry.Action.UPDATED,
        changes={"online_url": [None, "https://visio.exemple.fr/planted-draft-room-7f3a"]},
        message=p.text("draft-history-message", "history message of a draft event"),
    )

    # A failed login from a recognisable address and browser, and a live session.
    client = Client(REMOTE_ADDR=IP, HTTP_USER_AGENT=USER_AGENT)
    client.post(
        reverse("accounts:login"),
        {"username": people["registrant"].email, "password": "not the password"},
    )
    assert LoginThrottle.objects.exists()  # counted, under keyed hashes only
    Client().force_login(people["registrant"])
    p.secret(IP, "client address of a failed login")
    p.secret(USER_AGENT, "browser of a failed login")

    p.values(("notifications", "kind"), "engagement", "proposition", "serie", "categorie")
    p.values(("notifications", "token"), "x", "eyJ4IjoxfQ:invalid")
    p.values(("accounts", "uidb64"), "MQ")
    p.values(("accounts", "token"), "set-password", "invalid-token")


def plant(tmp_path) -> Planted:
    p = Planted()
    people = _plant_people(p)
    actors = _plant_actors(p, people, tmp_path)
    plans = _plant_plans(p, people, actors)
    records = _plant_participation(p, people, actors, plans)
    _plant_debates(p, people, actors, plans)
    _plant_blog(p, people, actors)
    _plant_conversations(p, people, plans)
    _plant_the_rest(p, people)
    today = timezone.localdate()
    event_month = timezone.localtime(records["event"].starts_at)
    p.values(("events", "year"), today.year, event_month.year)
    p.values(("events", "month"), today.month, event_month.month)
    p.values(("plans", "kind"), "engagements", "jalons")
    p.values(("participation", "kind"), "proposition", "billet", "paragraphe")
    p.values(("opendata", "slug"), *[dataset.slug for dataset in registry])
    p.values(("opendata", "fmt"), "csv", "json", "geojson")
    p.values(("opendata", "extension"), "jsonld", "ttl", "rdf")
    p.values(("/api/actors/", "actor_id"), *p.url_values[("actors", "pk")])
    p.values(("/api/datasets/", "slug"), *[dataset.slug for dataset in registry])
    return p


@pytest.fixture
def planted(tmp_path) -> Planted:
    return plant(tmp_path)


# Coverage of what the platform stores ------------------------------------------------------------

# A field whose name says it may hold something about a person.
PERSONAL_FIELD = re.compile(
    r"mail|phone|^ip$|_ip$|^ip_|address|name|contact|note|reason|message|agent|cookie|session"
    r"|password|declarant|civilit|birth"
)
# Fields named like personal ones that hold public values by design (when not planted).
PUBLIC_BY_DESIGN = {
    "auth.Permission.name": "the label of a permission",
    "auth.Permission.codename": "the code of a permission",
    "auth.Group.name": "the name of a group of permissions",
    "django_tasks_database.DBTaskResult.queue_name": "the name of a task queue",
    "django_tasks_database.DBTaskResult.backend_name": "the name of a task backend",
    "core.PeriodicRun.name": "the name of a periodic job",
    "accounts.User.password": "a salted hash, never rendered",
    "actors.Region.name": "the official name of a région",
    "actors.Department.name": "the official name of a département",
    "actors.Commune.name": "the official name of a commune",
    "actors.Actor.name": "the name of an organisation (planted in unpublished actors)",
    "actors.Actor.short_name": "the acronym of an organisation",
    "actors.Actor.public_email": "an organisation's generic address, shown on its page",
    "actors.Actor.city_name": "the town of an organisation's seat",
    "plans.PolicyArea.name": "the name of an OGP policy area",
    "participation.Event.cancellation_reason": "told to the public when an event is cancelled",
    "blog.Category.name": "the name of a category of the blog",
    "blog.Category.name_en": "the name of a category of the blog",
    "blog.Tag.name": "a keyword (planted in a guest post's)",
    "sessions.Session.session_key": "the key of a session, never rendered",
    "sessions.Session.session_data": "Django's session store, never rendered",
}
# Models in which nothing is planted, and why.
NOT_PLANTED = {
    "auth.Permission": "permissions of the back office",
    "auth.Group": "groups of permissions",
    "contenttypes.ContentType": "the list of models",
    "sessions.Session": "signed session data holding an account's id, never rendered",
    "dsfr.DsfrConfig": "the site's settings",
    "dsfr.DsfrSocialMedia": "the site's social media links",
    "core.PeriodicRun": "when periodic jobs run",
    "accounts.LoginThrottle": "keyed hashes of the addresses of failed logins (planted above)",
    "actors.Region": "the offline reference of territories",
    "actors.Department": "the offline reference of territories",
    "actors.Commune": "the offline reference of territories",
    "actors.PostalCode": "the offline reference of territories",
    "actors.ActorTally": "counts of actors by commune",
    "plans.PolicyArea": "OGP policy areas",
    "conversations.Analysis": "the opinion map computed from the votes, by participant number",
    "conversations.AnalysisRequest": "a request to compute the opinion map",
    "conversations.OpinionGroup": "the groups of the opinion map: sizes and statement numbers",
    "opendata.Dump": "the bulk dumps, whose files the crawl reads",
    "opendata.DumpFile": "the bulk dumps, whose files the crawl reads",
}
TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def _person_lookups(field) -> list[str]:
    """The lookups from `field` to an account: itself, or one step further (a vote's participant)."""
    if not (field.is_relation and field.concrete and (field.many_to_one or field.one_to_one)):
        return []
    if field.related_model is User:
        return [field.name]
    return [
        f"{field.name}__{further.name}"
        for further in field.related_model._meta.get_fields()
        if further.concrete and further.many_to_one and further.related_model is User
    ]


def _holds_planted(rows, field, planted: Planted, person_ids: set[int]) -> bool:
    """Whether one of `rows` holds a planted value in `field` or links it to a planted person."""
    if field.is_relation:
        condition = Q(pk__in=[])
        for lookup in _person_lookups(field):
            condition |= Q(**{f"{lookup}__in": person_ids})
        return rows.filter(condition).exists()
    return any(
        secret in str(value)
        for value in rows.values_list(field.name, flat=True)
        for secret in planted.secrets
    )


def test_every_personal_field_and_unpublished_record_holds_a_planted_value(planted):
    """A model or a field added without a value planted in it (or a reason why not) fails here."""
    person_ids = {person.pk for person in planted.people}
    unknown_people = User.objects.exclude(pk__in=person_ids)
    assert not unknown_people.exists(), "people not planted: " + ", ".join(
        unknown_people.values_list("email", flat=True)
    )
    for key in PUBLIC_BY_DESIGN:  # each entry names a field that exists and looks personal
        label, name = key.rsplit(".", 1)
        assert PERSONAL_FIELD.search(apps.get_model(label)._meta.get_field(name).name), key
    assert all(apps.get_model(label) for label in NOT_PLANTED)
    gaps = []
    for model in apps.get_models():
        label = model._meta.label
        rows = model._default_manager.all()
        fields = [
            field
            for field in model._meta.get_fields()
            if field.concrete and (isinstance(field, TEXT_FIELDS) or _person_lookups(field))
        ]
        for field in fields:
            looks_personal = field.is_relation or PERSONAL_FIELD.search(field.name)
            if (
                looks_personal
                and f"{label}.{field.name}" not in PUBLIC_BY_DESIGN
                and not _holds_planted(rows, field, planted, person_ids)
            ):
                gaps.append(f"{label}.{field.name}: looks personal and holds nothing planted")
        rule = publicity.rule_for(model)
        if label in NOT_PLANTED or (rule is not None and rule.condition == Q()):
            continue  # explained, or public in full
        if not any(_holds_planted(rows, field, planted, person_ids) for field in fields):
            gaps.append(f"{label}: nothing planted in it (or say why in NOT_PLANTED)")
        if rule is not None:
            hidden = rows.exclude(pk__in=publicity.public(model).values("pk"))
            if not any(_holds_planted(hidden, field, planted, person_ids) for field in fields):
                gaps.append(f"{label}: no row its rule keeps from the public holds a planted value")
    assert not gaps, "\n".join(gaps)


# Reading every public output ---------------------------------------------------------------------


@dataclass(frozen=True)
class Output:
    address: str
    status: int
    content_type: str
    text: str  # lower case, calendar lines unfolded


class Crawler:
    """Fetches addresses as one persona, once each, and keeps what came back (each member of a
    zip archive as an output of its own)."""

    def __init__(self, client: Client, persona: str) -> None:
        self.client = client
        self.persona = persona
        self.outputs: dict[str, Output] = {}

    def get(self, path: str, *, accept: str = "") -> None:
        address = f"{self.persona} {path}" + (f" (Accept: {accept})" if accept else "")
        if address in self.outputs:
            return
        response = self.client.get(path, headers={"Accept": accept} if accept else {})
        body = b"".join(response.streaming_content) if response.streaming else response.content
        content_type = response.get("Content-Type", "").split(";")[0]
        if response.status_code == 200 and content_type == "application/zip":
            with zipfile.ZipFile(io.BytesIO(body)) as archive:
                for member in archive.namelist():
                    kind = mimetypes.guess_type(member)[0] or ""
                    self._keep(f"{address}!{member}", path, 200, kind, archive.read(member))
        self._keep(address, path, response.status_code, content_type, body)

    def _keep(self, address: str, path: str, status: int, content_type: str, body: bytes) -> None:
        # An answer naming the address it was asked for (a 404 page does, and links to it in the
        # other language) gives nothing away.
        path = path.split("?")[0].removeprefix("/en")
        text = body.decode("utf-8", errors="replace").replace(path, "")
        if content_type == "text/calendar":
            text = re.sub(r"\r?\n[ \t]", "", text)  # RFC 5545 folds long lines
        self.outputs[address] = Output(address, status, content_type, text.lower())


def _forms(value: str) -> set[str]:
    """The ways `value` may be written out: as is, or escaped for HTML, JSON or a URL."""
    forms = {
        value,
        html.escape(value),
        json.dumps(value)[1:-1],
        urllib.parse.quote(value),
        urllib.parse.quote_plus(value),
    }
    return {form.lower() for form in forms}


class Needles:
    """Every planted value in every form it could take, searched for in a text."""

    # A text with none of these holds no planted value: only those with one are searched in full.
    ANCHORS = ("7f3a", "plant", PLANTED_DOMAIN, IP, *PHONE_FORMS)

    def __init__(self, planted: Planted) -> None:
        self.forms: dict[str, str] = {}
        for secret in planted.secrets:
            for form in _forms(secret):
                self.forms[form] = secret
        for form in PHONE_FORMS:
            self.forms[form] = PHONE
        self.forms[PLANTED_DOMAIN] = f"an address at {PLANTED_DOMAIN}"

    def found_in(self, text: str) -> set[str]:
        if not any(anchor in text for anchor in self.ANCHORS):
            return set()
        return {secret for form, secret in self.forms.items() if form in text}


# URL patterns with arguments that are not crawled, by namespace, and why.
NOT_CRAWLED = {
    "admin": "anonymous people are sent to the admin's login (its pages without arguments show it)",
    "api": "the API's operations are read from its OpenAPI schema",
}


def _url_patterns():
    """(full name, namespace, keyword argument names) of every named URL pattern."""

    def walk(patterns, namespaces, arguments):
        for entry in patterns:
            names = [*arguments, *entry.pattern.regex.groupindex]
            if isinstance(entry, URLResolver):
                inner = [*namespaces, entry.namespace] if entry.namespace else namespaces
                yield from walk(entry.url_patterns, inner, names)
            elif isinstance(entry, URLPattern) and entry.name:
                yield ":".join([*namespaces, entry.name]), (namespaces or [""])[0], names

    yield from walk(get_resolver().url_patterns, [], [])


def _crawl_url_patterns(
    crawler: Crawler,
    planted: Planted,
    uncrawled: list[str],
    *,
    languages: tuple[str, ...] = ("fr", "en"),
    skip: tuple[str, ...] = (),
) -> None:
    """Every named URL pattern, in each language, with each planted record's identifiers."""
    for name, namespace, arguments in _url_patterns():
        if namespace in skip or (arguments and namespace in NOT_CRAWLED):
            continue
        missing = [key for key in arguments if (namespace, key) not in planted.url_values]
        if missing:
            uncrawled.append(f"{name}: no planted value for {missing}")
            continue
        choices = [planted.url_values[(namespace, key)] for key in arguments]
        for values in product(*choices):
            for language in ("fr",) if namespace == "admin" else languages:
                with translation.override(language):
                    crawler.get(reverse(name, kwargs=dict(zip(arguments, values, strict=True))))


# Searches of the pages that take one: unpublished records must not be found by their words.
SEARCHES = (
    ("actors:search", {"q": "planted"}),
    ("actors:search", {"q": "planted", "vue": "carte"}),
    ("actors:clusters", {"q": "planted", "zoom": "12", "bbox": "-5,41,10,52"}),
    ("commitments:list", {"q": "planted"}),
)


# Values for the filters of the API's list operations (identifiers are the planted records').
API_FILTERS = {
    "plan": ("2024-2026", "2030-2032"),
    "theme": ("transparency", "local"),
    "status": ("draft", "published", "in_progress"),
    "ogp_value": ("access_to_information",),
    "q": ("planted", "Contrôle", "association"),
    "kind": ("webinar", "workshop", "commitment_idea", "association", "collective", "public_body"),
    "format": ("online", "hybrid"),
    "series": ("serie-publique",),
    "upcoming": ("true", "false"),
    "answer": ("none", "under_study"),
    "state": ("open", "closed", "upcoming"),
    "category": ("categorie-publique",),
    "open_government": ("true",),
    "region": ("75", "11"),
    "department": ("33",),
    "commune": ("33063",),
    "situation": ("active", "dissolved"),
    "verified": ("yes", "no"),
    "bbox": ("-5,41,10,52",),
    "zoom": ("5", "12"),
}


def _largest_page(parameter: dict) -> int:
    """The largest page size a list operation accepts (1,000 when it states no maximum)."""
    schema = parameter.get("schema", {})
    bounds = [schema, *schema.get("anyOf", [])]
    return min((bound["maximum"] for bound in bounds if "maximum" in bound), default=1000)


def _crawl_api(crawler: Crawler, planted: Planted, uncrawled: list[str]) -> int:
    """Every GET operation of the OpenAPI schema, with each planted record and each filter value;
    returns how many operations there are."""
    crawler.get("/api/openapi.json")
    schema = crawler.client.get("/api/openapi.json").json()
    operations = 0
    for path, methods in schema["paths"].items():
        if "get" not in methods:
            continue
        operations += 1
        parameters = methods["get"].get("parameters", [])
        in_path = [item["name"] for item in parameters if item["in"] == "path"]
        filters = {}
        for item in parameters:
            name = item["name"]
            if item["in"] != "query" or name == "page":
                continue
            if name == "page_size":
                filters[name] = (_largest_page(item),)
            else:
                filters[name] = planted.url_values.get(("filter", name)) or API_FILTERS.get(name)
        prefix = path[: path.index("{")] if in_path else path
        missing = [key for key in in_path if (prefix, key) not in planted.url_values]
        missing += [key for key, values in filters.items() if not values]
        if missing:
            uncrawled.append(f"GET {path}: no planted value for {missing}")
            continue
        for values in product(*[planted.url_values[(prefix, key)] for key in in_path]):
            concrete = path.format(**dict(zip(in_path, values, strict=True)))
            crawler.get(concrete)
            for key, choices in filters.items():
                for value in choices:
                    crawler.get(f"{concrete}?{urllib.parse.urlencode({key: value})}")
    return operations


# Kinds of output that must be among those read (a broken enumeration cannot pass unnoticed).
EXPECTED_KINDS = {
    "text/html": "pages",
    "text/csv": "CSV downloads",
    "application/json": "JSON downloads and the API",
    "application/geo+json": "GeoJSON downloads",
    "application/atom+xml": "Atom feeds",
    "text/calendar": "iCalendar feeds",
    "application/zip": "the bulk dump",
    "application/ld+json": "the DCAT catalogue in JSON-LD",
    "text/turtle": "the DCAT catalogue in Turtle",
    "application/rdf+xml": "the DCAT catalogue in RDF/XML",
}
# Fewer answers than this means the enumeration broke (about 1,500 anonymous ones are read today).
MINIMUM_ANONYMOUS_OUTPUTS = 1200


def test_no_planted_value_leaves_through_any_public_output(planted):
    dump_create()
    anonymous = Crawler(Client(), "anonymous")
    uncrawled: list[str] = []
    _crawl_url_patterns(anonymous, planted, uncrawled)
    api_operations = _crawl_api(anonymous, planted, uncrawled)
    for accept in ("application/ld+json", "text/turtle", "application/rdf+xml"):
        anonymous.get(reverse("opendata:dcat"), accept=accept)
    for name, query in SEARCHES:
        anonymous.get(f"{reverse(name)}?{urllib.parse.urlencode(query)}")
    # Someone signed in who has no part in any of it sees no more (the open data is the same
    # for everyone, and the English pages are the French ones translated: not read twice).
    stranger = Crawler(Client(), "stranger")
    stranger.client.force_login(UserFactory(email="inconnue@ailleurs.fr", display_name="Inconnue"))
    _crawl_url_patterns(stranger, planted, uncrawled, languages=("fr",), skip=("opendata", "admin"))
    _crawl_api(stranger, planted, uncrawled)
    assert not uncrawled, "\n".join(uncrawled)

    outputs = [*anonymous.outputs.values(), *stranger.outputs.values()]
    assert not [output.address for output in outputs if output.status >= 500]
    assert len(anonymous.outputs) >= MINIMUM_ANONYMOUS_OUTPUTS, len(anonymous.outputs)
    assert api_operations >= 25
    read = {output.content_type for output in outputs if output.status == 200}
    assert not set(EXPECTED_KINDS) - read, set(EXPECTED_KINDS) - read
    members = {output.address.rsplit("!", 1)[1] for output in outputs if "!" in output.address}
    for dataset in registry:
        assert {f"{dataset.slug}.{fmt}" for fmt in dataset.formats} <= members, dataset.slug
        assert f"schemas/{dataset.slug}.json" in members
    everything = "\n".join(output.text for output in outputs)
    assert not [value for value in CONTROLS if value.lower() not in everything]

    needles = Needles(planted)
    leaks = [
        f"{output.address} [{output.status}] shows {secret!r} ({planted.secrets.get(secret, secret)})"
        for output in outputs
        for secret in sorted(needles.found_in(output.text))
    ]
    assert not leaks, f"{len(leaks)} leaks:\n" + "\n".join(leaks[:80])
