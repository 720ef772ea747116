"""Which colleague-trainers fit a knowledge question best: themes, professional group, region, and
the text of their profile, practices and courses, each with an explanation an editor can check
("geeft de cursus Intervisie begeleiden; 2 praktijkvoorbeelden over zelfsturende teams").

Text is matched lexically by the site search (search.service.rank), over the same Dutch analysis;
a semantic ranking can replace `text_ranks` later without changing the rest."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from colleagues.activities import activities_of
from colleagues.browsing import visible_colleagues
from colleagues.profile import practices_of
from search.analysis import analyse_tokens
from search.service import rank

PROPOSALS = 3
THEME_WEIGHT = 3.0
GROUP_WEIGHT = 2.0
REGION_WEIGHT = 0.5
PROFILE_TEXT_WEIGHT = 4.0
PRACTICE_WEIGHT = 1.5
ACTIVITY_WEIGHT = 2.0
PRACTICES_CONSIDERED = 10


@dataclass
class Proposal:
    colleague: object  # ColleaguePage
    score: float = 0.0
    reasons: list = field(default_factory=list)

    @property
    def explanation(self):
        return "; ".join(self.reasons)


def text_ranks(query, language, ids):
    """{id: position} of the pages among `ids` that match `query`, best first."""
    ranked, _plan = rank(query, language, list(ids))
    return {pk: position for position, pk in enumerate(ranked)}


def _overlap(query_tokens, text, language):
    words = set(analyse_tokens(text, language))
    return len(words & query_tokens)


def propose(
    question_text,
    *,
    language="nl",
    locale_id=None,
    theme=None,
    group=None,
    municipality=None,
    limit=PROPOSALS,
    exclude=(),
):
    """The `limit` best-fitting consenting colleagues for a question, best first, explained."""
    from wagtail.models import Locale

    from colleagues.intake import infer_terms

    if locale_id is None:
        locale_id = Locale.objects.get(language_code=language).pk
    if theme is None or group is None:
        found_theme, found_group = infer_terms(question_text, locale_id)
        theme = theme or found_theme
        group = group or found_group
    colleagues = list(
        visible_colleagues(locale_id)
        .exclude(pk__in=list(exclude))
        .select_related("municipality__province")
    )
    if not colleagues:
        return []
    proposals = {c.pk: Proposal(c) for c in colleagues}
    query_tokens = set(analyse_tokens(question_text, language))

    for position_pk, position in text_ranks(question_text, language, proposals).items():
        proposal = proposals[position_pk]
        proposal.score += PROFILE_TEXT_WEIGHT / (1 + position)
        if position < 5:
            proposal.reasons.append(
                _("profiel past bij je vraag: ‘%(text)s’")
                % {"text": _short(proposal.colleague.helps_with)}
            )

    practices = practices_of(colleagues)
    practice_ids = {p.pk for items in practices.values() for p in items}
    practice_positions = text_ranks(question_text, language, practice_ids) if practice_ids else {}
    activities = activities_of(proposals)

    for pk, proposal in proposals.items():
        colleague = proposal.colleague
        themes = {t.pk for t in colleague.theme_terms}
        groups = {g.pk for g in colleague.professional_group_terms}
        for activity in activities.get(pk, []):
            if _overlap(query_tokens, f"{activity.title} {activity.text}", language):
                proposal.score += ACTIVITY_WEIGHT
                proposal.reasons.insert(
                    0,
                    _("geeft de %(kind)s %(title)s")
                    % {"kind": activity.kind, "title": activity.title},
                )
                break
        matching = [
            p
            for p in practices.get(pk, [])
            if practice_positions.get(p.pk, 99) < PRACTICES_CONSIDERED
        ]
        if matching:
            proposal.score += PRACTICE_WEIGHT * sum(
                1 / (1 + practice_positions[p.pk]) for p in matching
            ) + 0.5 * len(matching)
            proposal.reasons.append(_practice_reason(matching, theme))
        if theme is not None and theme.pk in themes:
            proposal.score += THEME_WEIGHT
            proposal.reasons.append(_("thema %(theme)s") % {"theme": theme.name})
        if group is not None and group.pk in groups:
            proposal.score += GROUP_WEIGHT
            proposal.reasons.append(_("werkt met %(group)s") % {"group": group.name})
        if (
            municipality is not None
            and colleague.municipality_id
            and colleague.municipality.province_id == municipality.province_id
        ):
            proposal.score += REGION_WEIGHT
            proposal.reasons.append(
                _("uit dezelfde provincie (%(province)s)")
                % {"province": colleague.municipality.province.name}
            )
    ranked = sorted(
        (p for p in proposals.values() if p.score > 0), key=lambda p: (-p.score, p.colleague.title)
    )
    return ranked[:limit]


def _short(text, length=80):
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _practice_reason(practices, theme):
    count = len(practices)
    if theme is not None and all(
        theme.pk in {link.theme_id for link in p.practice_themes.all()} for p in practices
    ):
        return ngettext(
            "%(count)d praktijkvoorbeeld over %(theme)s",
            "%(count)d praktijkvoorbeelden over %(theme)s",
            count,
        ) % {"count": count, "theme": theme.name.lower()}
    if count == 1:
        return _("praktijkvoorbeeld ‘%(title)s’") % {"title": practices[0].title}
    return ngettext(
        "%(count)d praktijkvoorbeeld: %(titles)s",
        "%(count)d praktijkvoorbeelden: %(titles)s",
        count,
    ) % {"count": count, "titles": "; ".join(f"‘{p.title}’" for p in practices[:2])}


def proposals_for(question, limit=PROPOSALS):
    from wagtail.models import Locale

    locale = Locale.objects.filter(language_code=question.language).first()
    already = question.forwards.values_list("colleague_id", flat=True)
    return propose(
        question.text,
        language=question.language,
        locale_id=locale.pk if locale else None,
        theme=question.theme,
        group=question.professional_group,
        municipality=question.municipality,
        limit=limit,
        exclude=already,
    )
