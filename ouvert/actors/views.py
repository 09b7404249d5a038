"""Actor pages: search (list and map), actor pages, registration, claims, updates, moderation."""

import csv
import io
from collections.abc import Iterator
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ouvert.actors import forms, selectors, services
from ouvert.actors.datasets import EXPORT_FIELDS, export_rows
from ouvert.actors.models import Actor, ActorRequest
from ouvert.actors.search import ActorFilters
from ouvert.actors.themes import Theme, code_label
from ouvert.core.opendata import csv_value
from ouvert.core.selectors import history_for_object
from ouvert.core.views import render_change_log

MAX_ZOOM = 18


def _filters(request: HttpRequest) -> tuple[forms.SearchForm, ActorFilters]:
    form = forms.SearchForm(request.GET or None)
    return form, form.filters()


def _facet_links(result: selectors.SearchResult, names: selectors.PlaceNames) -> dict:
    """Each facet value with its count and the address that selects or removes it."""
    filters = result.filters
    base = reverse("actors:search")

    def link(**changes) -> str:
        query = urlencode(forms.filters_query(filters, **changes))
        return f"{base}?{query}" if query else base

    kinds = dict(Actor.Kind.choices)
    themes = dict(Theme.choices)
    situations = dict(forms.SITUATIONS)
    verified = dict(forms.VERIFIED)

    def entries(values, labels, field, current, **extra):
        return [
            {
                "label": labels.get(value.value, value.value),
                "count": value.count,
                "selected": value.value == current,
                "url": link(**{field: "" if value.value == current else value.value, **extra}),
            }
            for value in values
        ]

    groups = [
        ("kind", _("Type d'acteur"), entries(result.facets.kinds, kinds, "kind", filters.kind)),
        ("theme", _("Thème"), entries(result.facets.themes, themes, "theme", filters.theme)),
        (
            "region",
            _("Région"),
            entries(
                result.facets.regions,
                names.regions,
                "region",
                filters.region,
                department="",
                commune="",
            ),
        ),
    ]
    if filters.region or filters.department:
        groups.append(
            (
                "department",
                _("Département"),
                entries(
                    result.facets.departments,
                    names.departments,
                    "department",
                    filters.department,
                    commune="",
                ),
            )
        )
    if filters.department or filters.commune:
        groups.append(
            (
                "commune",
                _("Commune"),
                entries(result.facets.communes, names.communes, "commune", filters.commune),
            )
        )
    groups += [
        (
            "situation",
            _("Situation"),
            entries(result.facets.situations, situations, "situation", filters.situation),
        ),
        (
            "verified",
            _("Vérification"),
            entries(result.facets.verified, verified, "verified", filters.verified),
        ),
    ]
    return {
        "groups": [
            {"key": key, "title": title, "values": values}
            for key, title, values in groups
            if values
        ],
        "open_government": {
            "count": result.facets.open_government,
            "selected": filters.open_government,
            "url": link(open_government=not filters.open_government),
        },
        "clear_url": link(
            text="",
            kind="",
            theme="",
            open_government=False,
            region="",
            department="",
            commune="",
            situation="",
            verified="",
        ),
    }


def _active_filters(filters: ActorFilters, names: selectors.PlaceNames) -> list[dict]:
    """The filters in force, each with the address that removes it (the DSFR's dismissible tags)."""
    base = reverse("actors:search")
    labels = [
        ("kind", dict(Actor.Kind.choices).get(filters.kind, "")),
        ("theme", dict(Theme.choices).get(filters.theme, "")),
        ("open_government", _("Gouvernement ouvert") if filters.open_government else ""),
        ("region", names.regions.get(filters.region, filters.region)),
        ("department", names.departments.get(filters.department, filters.department)),
        ("commune", names.communes.get(filters.commune, filters.commune)),
        (
            "situation",
            dict(forms.SITUATIONS).get(filters.situation, "") if filters.situation else "",
        ),
        ("verified", dict(forms.VERIFIED).get(filters.verified, "") if filters.verified else ""),
    ]
    active = []
    for field, label in labels:
        if not label:
            continue
        removed = False if field == "open_government" else ""
        query = urlencode(forms.filters_query(filters, **{field: removed}))
        active.append({"label": label, "url": f"{base}?{query}" if query else base})
    return active


@require_GET
def actor_search(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    try:
        page = int(request.GET.get("page", "1"))
    except ValueError:
        page = 1
    result = selectors.actors_search(filters=filters, page=page)
    view = "carte" if request.GET.get("vue") == "carte" else "liste"
    communes = [value.value for value in result.facets.communes]
    names = selectors.place_names(commune_codes=[*communes, filters.commune])
    query = forms.filters_query(filters)

    def page_url(number: int) -> str:
        return "?" + urlencode(
            {**query, "page": number, **({"vue": view} if view == "carte" else {})}
        )

    return render(
        request,
        "actors/actor_search.html",
        {
            "form": form,
            "result": result,
            "facets": _facet_links(result, names),
            "active_filters": _active_filters(filters, names),
            "view": view,
            "query": urlencode(query),
            "list_url": "?" + urlencode(query) if query else reverse("actors:search"),
            "map_url": "?" + urlencode({**query, "vue": "carte"}),
            "previous_url": page_url(result.page - 1) if result.has_previous else "",
            "next_url": page_url(result.page + 1) if result.has_next else "",
            "geography": _geography(result, names),
            "can_export": request.user.has_perm("actors.export_actors"),
            "map_settings": _map_settings(),
        },
    )


def _geography(result: selectors.SearchResult, names: selectors.PlaceNames) -> dict:
    """The list alternative of the map: results by région, département or commune, as a table."""
    filters = result.filters
    if filters.department or filters.commune:
        level, values, labels, field = (
            _("Commune"),
            result.facets.communes,
            names.communes,
            "commune",
        )
    elif filters.region:
        level, values, labels, field = (
            _("Département"),
            result.facets.departments,
            names.departments,
            "department",
        )
    else:
        level, values, labels, field = _("Région"), result.facets.regions, names.regions, "region"
    base = reverse("actors:search")
    rows = [
        {
            "label": labels.get(value.value, value.value),
            "count": value.count,
            "url": f"{base}?{urlencode(forms.filters_query(filters, **{field: value.value}))}",
        }
        for value in values
    ]
    return {"level": level, "rows": rows, "estimated": result.facets.estimated}


def _map_settings() -> dict:
    return {
        "tiles_url": settings.OUVERT_MAP_TILES_URL,
        "attribution": settings.OUVERT_MAP_TILES_ATTRIBUTION,
        "max_zoom": MAX_ZOOM,
    }


@require_GET
def actor_clusters(request: HttpRequest) -> JsonResponse:
    """The map's data for a viewport: `bbox=west,south,east,north&zoom=6` plus the search."""
    _form, filters = _filters(request)
    box = selectors.BoundingBox.parse(request.GET.get("bbox", "")) or selectors.FRANCE
    try:
        zoom = min(max(int(request.GET.get("zoom", "5")), 0), MAX_ZOOM)
    except ValueError:
        zoom = 5
    clusters = selectors.actors_clusters(filters=filters, box=box, zoom=zoom)
    return JsonResponse(clusters_document(clusters, filters))


def clusters_document(clusters: selectors.MapClusters, filters: ActorFilters) -> dict:
    """Clusters as a GeoJSON FeatureCollection, each with the address of its actors' list."""
    base = reverse("actors:search")
    features = []
    for cluster in clusters.clusters:
        properties = {"count": cluster.count}
        if cluster.commune_code:
            properties["commune"] = cluster.commune_code
            properties["name"] = cluster.commune_name
            query = forms.filters_query(filters, commune=cluster.commune_code)
            properties["url"] = f"{base}?{urlencode(query)}"
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [cluster.longitude, cluster.latitude]},
                "properties": properties,
            }
        )
    return {
        "type": "FeatureCollection",
        "features": features,
        "total": clusters.total,
        "estimated": clusters.estimated,
    }


@require_GET
def actor_export(request: HttpRequest) -> StreamingHttpResponse:
    """The actors of a search as CSV, for public agents (with the contacts kept for them)."""
    if not request.user.has_perm("actors.export_actors"):
        raise PermissionDenied
    _form, filters = _filters(request)
    actors = selectors.actors_matching(filters=filters)
    response = StreamingHttpResponse(_export_csv(actors), content_type="text/csv; charset=utf-8")
    filename = f"ouvert-acteurs-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _export_csv(actors) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    names = [field.name for field in EXPORT_FIELDS]
    writer.writerow(names)
    for row in export_rows(actors):
        writer.writerow([csv_value(value) for value in row])
        if buffer.tell() > 64 * 1024:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _visible_actor(request: HttpRequest, pk: int) -> Actor:
    actor = selectors.actor_get(pk=pk)
    if actor is None or not request.user.has_perm("actors.view_actor", actor):
        raise Http404
    return actor


@require_GET
def actor_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _visible_actor(request, pk)
    user = request.user
    return render(
        request,
        "actors/actor_detail.html",
        {
            "actor": actor,
            "rna_objects": [(code, code_label(code)) for code in actor.rna_objects.split()],
            "can_change": user.has_perm("actors.change_actor", actor),
            "can_claim": user.is_authenticated
            and user.has_perm("actors.claim_actor", actor)
            and not selectors.is_representative(user=user, actor=actor),
            "can_see_private": user.has_perm("actors.view_private_contact"),
            "map_settings": _map_settings(),
            "involvement": _involvement(actor, user),
        },
    )


INVOLVEMENT_LIMIT = 10


def _first(queryset) -> tuple[list, int]:
    """The first rows of a list of the actor's page, and how many there are in all."""
    rows = list(queryset[:INVOLVEMENT_LIMIT])
    return rows, len(rows) if len(rows) < INVOLVEMENT_LIMIT else queryset.count()


def _involvement(actor: Actor, user) -> dict:
    """What the actor does in the open government process: its commitments, events, proposals and
    posts, as far as `user` may see them."""
    from ouvert.blog.selectors import posts_on_behalf_of
    from ouvert.participation.selectors import events_hosted_by, proposals_involving
    from ouvert.plans.selectors import commitments_involving

    commitments, commitments_total = _first(commitments_involving(actor_id=actor.pk, user=user))
    events, events_total = _first(events_hosted_by(actor_id=actor.pk, user=user))
    proposals, proposals_total = _first(proposals_involving(actor_id=actor.pk))
    posts, posts_total = _first(posts_on_behalf_of(actor_id=actor.pk))
    return {
        "commitments": commitments,
        "commitments_total": commitments_total,
        "events": events,
        "events_total": events_total,
        "proposals": proposals,
        "proposals_total": proposals_total,
        "posts": posts,
        "posts_total": posts_total,
        "any": commitments or events or proposals or posts,
    }


@require_GET
def actor_history(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _visible_actor(request, pk)
    return render_change_log(
        request,
        instance=actor,
        entries=history_for_object(actor),
        parents=[(actor.get_absolute_url(), actor)],
    )


@login_required
@require_http_methods(["GET", "POST"])
def actor_register(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("actors.register_actor"):
        raise PermissionDenied
    form = forms.RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actor_request = services.actor_register(
            acting_user=request.user,
            data=form.actor_data(),
            role=form.cleaned_data["role"],
            message=form.cleaned_data["message"],
        )
        messages.success(
            request,
            _(
                "Merci ! Votre inscription attend la modération : l'acteur sera publié une fois "
                "vérifié."
            ),
        )
        return redirect(actor_request.actor)
    return render(
        request,
        "actors/actor_form.html",
        {"form": form, "heading": _("Inscrire une organisation"), "registration": True},
    )


@login_required
@require_http_methods(["GET", "POST"])
def actor_edit(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _visible_actor(request, pk)
    if not request.user.has_perm("actors.change_actor", actor):
        raise PermissionDenied
    form = forms.ActorForm(request.POST or None, initial=forms.ActorForm.initial_for(actor))
    if request.method == "POST" and form.is_valid():
        services.actor_update(
            acting_user=request.user,
            actor=actor,
            data=form.actor_data(),
            by_representative=selectors.is_representative(user=request.user, actor=actor),
        )
        messages.success(request, _("La page de l'acteur est à jour."))
        return redirect(actor)
    return render(
        request,
        "actors/actor_form.html",
        {"form": form, "heading": _("Mettre à jour la page"), "actor": actor},
    )


@login_required
@require_http_methods(["GET", "POST"])
def actor_claim(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _visible_actor(request, pk)
    if not request.user.has_perm("actors.claim_actor", actor):
        raise PermissionDenied
    form = forms.RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.actor_claim(
                acting_user=request.user,
                actor=actor,
                role=form.cleaned_data["role"],
                message=form.cleaned_data["message"],
            )
        except services.ClaimRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(
                request,
                _(
                    "Votre demande est envoyée à la modération. Vous pourrez mettre à jour la "
                    "page une fois votre lien avec l'organisation vérifié."
                ),
            )
        return redirect(actor)
    return render(request, "actors/claim.html", {"form": form, "actor": actor})


@login_required
@require_http_methods(["GET", "POST"])
def claim_by_number(request: HttpRequest) -> HttpResponse:
    """Find an association of the register by its RNA number, to claim it."""
    if not request.user.has_perm("actors.register_actor"):
        raise PermissionDenied
    form = forms.ClaimByNumberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actor = selectors.actor_get_by_rna(rna_id=form.cleaned_data["rna_id"])
        if actor is not None and actor.is_published:
            return redirect("actors:claim", pk=actor.pk)
        form.add_error(
            "rna_id",
            _(
                "Aucune association publiée ne porte ce numéro. Vous pouvez inscrire votre "
                "organisation."
            ),
        )
    return render(request, "actors/claim_by_number.html", {"form": form})


@login_required
@require_GET
def moderation_queue(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("actors.moderate_actors"):
        raise PermissionDenied
    return render(
        request,
        "actors/moderation_queue.html",
        {
            "pending": selectors.requests_pending(),
            "decided": selectors.requests_decided()[:20],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def moderation_decide(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.has_perm("actors.moderate_actors"):
        raise PermissionDenied
    actor_request = selectors.request_get(pk=pk)
    if actor_request is None:
        raise Http404
    form = forms.DecisionForm(request.POST or None)
    if request.method == "POST" and actor_request.is_pending and form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        try:
            services.request_decide(
                acting_user=request.user,
                request=actor_request,
                approve=approve,
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Demande acceptée.") if approve else _("Demande refusée."))
            return redirect("actors:moderation")
    return render(
        request,
        "actors/moderation_decide.html",
        {
            "actor_request": actor_request,
            "actor": actor_request.actor,
            "form": form,
            "is_registration": actor_request.kind == ActorRequest.Kind.REGISTRATION,
        },
    )
