from django.utils.translation import gettext_lazy as _

from ouvert.blog.models import Post
from ouvert.blog.selectors import posts_public
from ouvert.core.http import absolute_url
from ouvert.core.opendata import Dataset, Field, registry

registry.register(
    Dataset(
        slug="billets-blog",
        title=_("Billets du blog participatif"),
        description=_(
            "Les billets publiés de l'équipe et les tribunes de la société civile, avec leur "
            "catégorie et leurs mots-clés. Une tribune est signée par l'acteur représenté ou par le "
            "nom public de son auteur·rice."
        ),
        keywords=(_("gouvernement ouvert"), _("blog"), _("participation")),
        queryset=posts_public,
        fields=(
            Field(
                "id",
                "integer",
                _("Identifiant"),
                _("Identifiant stable du billet."),
                required=True,
                unique=True,
            ),
            Field(
                "slug",
                "string",
                _("Code"),
                _("Code du billet dans son adresse."),
                required=True,
                unique=True,
            ),
            Field(
                "kind",
                "string",
                _("Type"),
                _("Billet de l'équipe ou tribune invitée."),
                required=True,
                enum=tuple(Post.Kind.values),
            ),
            Field("title", "string", _("Titre"), _("Titre en français."), required=True),
            Field("summary", "string", _("Chapô"), _("Chapô en français.")),
            Field(
                "body", "string", _("Texte"), _("Texte en français, en Markdown."), required=True
            ),
            Field(
                "category",
                "string",
                _("Catégorie"),
                _("Code de la catégorie."),
                source="category__slug",
            ),
            Field(
                "tags",
                "string",
                _("Mots-clés"),
                _("Mots-clés séparés par « | »."),
                getter=lambda post: " | ".join(tag.name for tag in post.tags.all()),
            ),
            Field(
                "signed_by",
                "string",
                _("Signé par"),
                _("L'équipe, l'acteur représenté ou le nom public de l'auteur·rice."),
                getter=lambda post: str(post.signature),
                required=True,
            ),
            Field(
                "published_at",
                "datetime",
                _("Publié le"),
                _("Date de publication (UTC)."),
                required=True,
            ),
            Field(
                "url",
                "string",
                _("Page web"),
                _("Adresse du billet sur la plateforme."),
                getter=lambda post: absolute_url(post.get_absolute_url()),
                format="uri",
            ),
            Field(
                "updated_at",
                "datetime",
                _("Mise à jour"),
                _("Date de la dernière modification (UTC)."),
                required=True,
            ),
        ),
    )
)
