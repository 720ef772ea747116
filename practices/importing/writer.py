"""Write validated rows through Wagtail's page API: new practices are added to the tree and get a
revision (published if asked), changed ones get a new revision, unchanged ones are left alone."""

import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from modelcluster.models import get_all_child_relations
from taggit.models import Tag

from changes.announce import one_change
from practices.importing import deferred
from practices.importing.export import canonical_for
from practices.importing.fields import SECTION_FIELDS, text_to_stream
from practices.importing.validate import TERM_MODELS, NewTerm, slug_for
from practices.models import (
    PracticeInvolvedMunicipality,
    PracticePage,
    PracticeTag,
)
from practices.models.pages import fresh_revisions

CHUNK = 500  # pages per round of held-back work (search index, reference index, announcement)
# The inline rows of a practice page, as modelcluster keeps them in memory before saving.
CHILD_RELATIONS = (
    "practice_themes",
    "practice_professional_groups",
    "practice_learning_forms",
    "involved_municipalities",
    "tagged_items",
)


@dataclass
class Summary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def create_missing_terms(resolver):
    taken = {}
    for new in resolver.new_terms.values():
        key = (new.model, new.locale.pk)
        if key not in taken:
            taken[key] = set(
                new.model.objects.filter(locale=new.locale).values_list("slug", flat=True)
            )
        new.instance = new.model.objects.create(
            locale=new.locale, name=new.name, slug=slug_for(new.name, taken[key])
        )


def ensure_tags(plans):
    """Tag objects for every tag name in the file (taggit matches names case-insensitively)."""
    wanted = {tag.lower(): tag for plan in plans for tag in plan.tags}
    found = {}
    for tag in Tag.objects.all().only("id", "name", "slug"):
        found.setdefault(tag.name.lower(), tag)
    slugs = set(Tag.objects.values_list("slug", flat=True))
    for key, name in wanted.items():
        if key not in found:
            found[key] = Tag.objects.create(name=name, slug=slug_for(name, slugs))
    return found


def term_object(term):
    return term.instance if isinstance(term, NewTerm) else term


class LinkKeys:
    """Translation keys of the term links of the Dutch page a translation belongs to.

    A translated page's link rows share their keys with the source's rows for the same term, as
    wagtail-localize would make them, so later syncing in the admin finds them.
    """

    def __init__(self):
        self.cache = {}

    def for_plan(self, plan):
        if plan.source_plan is not None:
            return plan.source_plan.link_keys
        if plan.locale.language_code == settings.LANGUAGE_CODE:
            return {}
        if plan.translation_key not in self.cache:
            keys = {}
            source = PracticePage.objects.filter(
                translation_key=plan.translation_key,
                locale__language_code=settings.LANGUAGE_CODE,
            ).first()
            if source is not None:
                for _name, (_model, attr, relation) in TERM_MODELS.items():
                    for link in getattr(source, relation).select_related(attr):
                        term = getattr(link, attr)
                        keys[(type(term), term.translation_key)] = link.translation_key
            self.cache[plan.translation_key] = keys
        return self.cache[plan.translation_key]


def kept_rows(page, relation, key):
    """The page's current inline rows of one relation by what they point at (a new page has none):
    a re-import keeps the rows, and so the translation keys, of what did not change."""
    if page.pk is None:
        return {}
    return {getattr(row, key): row for row in getattr(page, relation).all()}


def apply_plan(page, plan, tags, link_keys):
    """Set the page's fields and inline rows (in memory) to what the row says."""
    set_fields(page, plan)
    for name, rows in inline_rows(page, plan, tags, link_keys).items():
        setattr(page, name, rows)


def set_fields(page, plan):
    for name, value in plan.fields.items():
        setattr(page, name, value)
    for name in SECTION_FIELDS:
        setattr(page, name, text_to_stream(plan.sections[name]))
    page.reflection_questions = [
        {"type": "question", "value": question} for question in plan.reflection_questions
    ]
    page.external_id = plan.external_id


def inline_rows(page, plan, tags, link_keys):
    """The page's inline rows as the row says, by relation: the ones it has of what did not change,
    new ones for the rest."""
    rows = {}
    source_keys = link_keys.for_plan(plan)
    for name, (model, attr, relation) in TERM_MODELS.items():
        link_model = PracticePage._meta.get_field(relation).related_model
        kept = kept_rows(page, relation, f"{attr}_id")
        links = []
        for sort_order, term in enumerate(plan.terms[name]):
            term = term_object(term)
            link = kept.pop(term.pk, None)
            if link is None:
                key = source_keys.get((model, term.translation_key)) or uuid.uuid4()
                link = link_model(**{attr: term}, locale=plan.locale, translation_key=key)
            link.sort_order = sort_order
            plan.link_keys[(model, term.translation_key)] = link.translation_key
            links.append(link)
        rows[relation] = links
    kept = kept_rows(page, "involved_municipalities", "municipality_id")
    involved = []
    for sort_order, municipality in enumerate(plan.involved):
        item = kept.pop(municipality.pk, None) or PracticeInvolvedMunicipality(
            municipality=municipality
        )
        item.sort_order = sort_order
        involved.append(item)
    rows["involved_municipalities"] = involved
    kept = kept_rows(page, "tagged_items", "tag_id")
    rows["tagged_items"] = [
        kept.pop(tags[tag.lower()].pk, None) or PracticeTag(tag=tags[tag.lower()])
        for tag in plan.tags
    ]
    return rows


def new_page(plan, tags, link_keys, *, slugs, user):
    """An unsaved page for the plan, as the admin's create view would have it before `add_child`."""
    page = page_without_rows(plan, slugs=slugs, user=user)
    for name, rows in inline_rows(page, plan, tags, link_keys).items():
        setattr(page, name, rows)
    return page


def page_without_rows(plan, *, slugs, user):
    page = PracticePage(
        slug=slug_for(plan.fields["title"], slugs, fallback="praktijkvoorbeeld", length=80),
        locale=plan.locale,
        translation_key=plan.translation_key,
        owner=user,
        live=False,  # made live by publishing its revision, if asked
    )
    set_fields(page, plan)
    return page


class ChildSlugs:
    """The slugs taken beneath each parent, read once: a new page's slug must be unique among its
    siblings, and Wagtail refuses a taken one rather than choosing another."""

    def __init__(self):
        self.taken = {}

    def __getitem__(self, parent):
        if parent.pk not in self.taken:
            self.taken[parent.pk] = set(parent.get_children().values_list("slug", flat=True))
        return self.taken[parent.pk]


def create_page(plan, tags, link_keys, *, slugs, publish, user):
    """Create the page the ordinary way: add it to the tree, save a revision, publish it if asked."""
    page = page_without_rows(plan, slugs=slugs[plan.parent], user=user)
    rows = inline_rows(page, plan, tags, link_keys)
    plan.parent.add_child(instance=page)
    # The inline rows are written one insert per relation rather than one per row (which is what
    # `add_child` would do with them, after asking the database which rows the new page has), then
    # given to the page in memory, as saved rows, so `save_revision` serialises them from there.
    for relation in get_all_child_relations(PracticePage):
        name = relation.get_accessor_name()
        objects = rows.get(name, [])
        for item in objects:
            setattr(item, relation.field.name, page)
        relation.related_model.objects.bulk_create(objects)
        setattr(page, name, objects)
    # clean=False: the whole file was validated before anything was written (validate.py), and
    # `add_child` has already checked the slug; a second full_clean per page only repeats that.
    revision = page.save_revision(user=user, log_action=True, clean=False)
    if publish:
        with fresh_revisions(rows_saved=True):
            revision.publish(user=user)
    return page


def existing_pages(plans):
    """The pages the plans update by id, with what `canonical_for` compares (inline rows, tags)
    fetched in a few queries for them all instead of several per page."""
    return PracticePage.objects.prefetch_related(*CHILD_RELATIONS, "tagged_items__tag").in_bulk(
        [plan.existing_id for plan in plans]
    )


def update_page(plan, page, tags, link_keys, *, publish, user):
    """Return 'updated' or 'unchanged'; a changed page gets one new revision (published if asked)."""
    latest = page.get_latest_revision_as_object() if page.latest_revision_id else page
    canonical = plan.canonical()
    if canonical_for(latest) == canonical and latest.external_id == plan.external_id:
        if publish and (not page.live or page.has_unpublished_changes) and page.latest_revision:
            page.latest_revision.publish(user=user)
            return "updated"
        return "unchanged"
    apply_plan(latest, plan, tags, link_keys)
    revision = latest.save_revision(user=user, log_action=True, clean=False)  # see create_page
    if publish:
        with fresh_revisions():
            revision.publish(user=user)
    return "updated"


def chunks(items):
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def write(plans, resolver, *, publish=False, user=None, progress=None):
    """Create and update the pages for valid plans in one transaction; returns a Summary.

    One transaction for the whole file, because editors rely on all-or-nothing: the file was
    checked as a whole first, and a failure while writing (a lost connection, a full disk) must
    not leave half of it published. Chunks bound what is held in memory and when the held-back
    bulk work (search index, reference index, "content changed") is done; they need no savepoint
    of their own, since there is nothing to keep of a chunk that failed.
    """
    summary = Summary()
    link_keys = LinkKeys()
    slugs = ChildSlugs()
    default_first = sorted(
        plans, key=lambda plan: plan.locale.language_code != settings.LANGUAGE_CODE
    )
    new_plans = [plan for plan in default_first if plan.existing_id is None]
    updates = [plan for plan in default_first if plan.existing_id is not None]
    with transaction.atomic(), deferred.held_back():
        create_missing_terms(resolver)
        tags = ensure_tags(plans)
        for chunk in chunks(new_plans):
            created = []
            with one_change(reason="import"):
                for plan in chunk:
                    page = create_page(
                        plan, tags, link_keys, slugs=slugs, publish=publish, user=user
                    )
                    created.append(page.pk)
                    if progress:
                        progress(1)
                deferred.catch_up(created)
            summary.created += len(chunk)
        for chunk in chunks(updates):
            pages = existing_pages(chunk)
            changed = []
            with one_change(reason="import"):
                for plan in chunk:
                    page = pages.get(plan.existing_id) or PracticePage.objects.get(
                        pk=plan.existing_id
                    )
                    outcome = update_page(plan, page, tags, link_keys, publish=publish, user=user)
                    setattr(summary, outcome, getattr(summary, outcome) + 1)
                    if outcome == "updated":
                        changed.append(page.pk)
                    if progress:
                        progress(1)
                deferred.catch_up(changed)
    return summary
