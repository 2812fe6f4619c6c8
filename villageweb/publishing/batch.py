"""The state of a batch of changes (changes.changes_batched) and the two indexes that follow saves.

Outside a batch, every save of a page, image or document updates Wagtail's search index and its
reference index at once (their own post_save handlers). Inside a batch (an old site's import: a
thousand pages and two thousand images), the saves are only noted and both indexes are brought up to
date once, at the end, a few statements per model instead of a dozen per save.

The batch is a context variable: only the saves made in the batch's own thread (or task) wait for
its end. Another job of the same worker process saving pages meanwhile is indexed as usual
(tests/publishing/test_batch.py). The search handler is therefore not disconnected while a batch
runs: modelsearch's handler is replaced, once per process and for good, by one that asks whether
the save belongs to a batch and otherwise does exactly what modelsearch's does.
"""

import contextlib
import contextvars
import threading
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_save
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel, get_all_child_relations
from modelsearch import index as search_index
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import ReferenceIndex
from wagtail.search.backends import get_search_backends
from wagtail.signal_handlers import disable_reference_index_auto_update


@dataclass
class ChangeBatch:
    # (page, event, url_path_before, url_path_after) as page_changed received them, in order.
    events: list[tuple] = field(default_factory=list)
    # Model -> primary keys saved in the batch (for the search and reference indexes).
    saved: dict[type, set] = field(default_factory=lambda: defaultdict(set))


_current: contextvars.ContextVar[ChangeBatch | None] = contextvars.ContextVar(
    "publishing_batch", default=None
)


def batch_current() -> ChangeBatch | None:
    return _current.get()


@contextlib.contextmanager
def batch_started():
    """A new batch for this context, its saves noted and their reference-index updates held
    (Wagtail's own switch for that is thread-local too)."""
    _search_handler_install()
    batch = ChangeBatch()
    token = _current.set(batch)
    try:
        with disable_reference_index_auto_update():
            yield batch
    finally:
        _current.reset(token)


def _noted(sender, instance, raw=False, **kwargs):
    batch = _current.get()
    if batch is not None and not raw and instance.pk is not None:
        batch.saved[type(instance)].add(instance.pk)


def _search_saved(sender, instance, **kwargs):
    """modelsearch's post_save handler, except for a save inside a batch (indexed at its end)."""
    if _current.get() is None:
        post_save_signal_handler(instance, **kwargs)


_install_lock = threading.Lock()
_installed: list[bool] = []


def _search_handler_install() -> None:
    """Put `_search_saved` in place of modelsearch's handler on every auto-updated indexed model.
    Once per process, on the first batch (modelsearch connects its handler in an app's ready(), after
    this app's). The new handler is connected before the old one goes, so no save meets neither."""
    with _install_lock:
        if _installed:
            return
        for model in search_index.get_indexed_models():
            if not getattr(model, "search_auto_update", True):
                continue
            post_save.connect(
                _search_saved, sender=model, dispatch_uid=f"publishing_search_{model._meta.label}"
            )
            post_save.disconnect(post_save_signal_handler, sender=model)
        _installed.append(True)


def receivers_connect() -> None:
    post_save.connect(_noted, dispatch_uid="publishing_batch_noted")


def _parents_of(model, pks: set) -> tuple[type, set] | None:
    """Where the reference index records a child row (a gallery photo, a tag): its ParentalKey parent,
    as Wagtail's update_reference_index_task finds it."""
    keys = [field for field in model._meta.get_fields() if isinstance(field, ParentalKey)]
    if not keys or not pks:
        return None
    parent_ids = model.objects.filter(pk__in=pks).values_list(keys[0].attname, flat=True)
    return keys[0].related_model, {pk for pk in parent_ids if pk is not None}


def _search_objects(model, pks: set) -> list:
    """The objects to index, with their ParentalManyToMany relations (a news page's categories)
    fetched together: modelsearch prefetches every other kind of relation, not these."""
    objects = model.get_indexed_objects().filter(pk__in=pks)
    for search_field in model.get_search_fields():
        if isinstance(search_field, search_index.RelatedFields):
            field = model._meta.get_field(search_field.field_name)
            if isinstance(field, ParentalManyToManyField):
                objects = objects.prefetch_related(search_field.field_name)
    return list(objects)


def _references_record(model, pks: set) -> None:
    """The reference index of these objects as ReferenceIndex.create_or_update_for_object would
    write it, in a few statements: the objects without any reference recorded yet (what a batch
    creates) get theirs in one bulk insert; the others go through Wagtail's own update."""
    objects = model.objects.filter(pk__in=pks)
    if issubclass(model, ClusterableModel):
        objects = objects.prefetch_related(
            *(relation.get_accessor_name() for relation in get_all_child_relations(model))
        )
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    base_content_type = ContentType.objects.get_for_model(
        ([model] + model._meta.get_parent_list())[-1], for_concrete_model=False
    )
    recorded = set(
        ReferenceIndex.objects.filter(
            base_content_type=base_content_type, object_id__in=[str(pk) for pk in pks]
        ).values_list("object_id", flat=True)
    )
    new = []
    for instance in objects:
        if str(instance.pk) in recorded:
            ReferenceIndex.create_or_update_for_object(instance)
            continue
        new += [
            ReferenceIndex(
                content_type=content_type,
                base_content_type=base_content_type,
                object_id=instance.pk,
                to_content_type_id=to_content_type_id,
                to_object_id=to_object_id,
                model_path=model_path,
                content_path=content_path,
                content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
            )
            for to_content_type_id, to_object_id, model_path, content_path in set(
                ReferenceIndex._extract_references_from_object(instance)
            )
        ]
    ReferenceIndex.objects.bulk_create(new, batch_size=500, ignore_conflicts=True)


def indexes_update(batch: ChangeBatch) -> None:
    """The search index and the reference index of everything the batch saved, once."""
    backends = list(get_search_backends(with_auto_update=True))
    referenced: dict[type, set] = defaultdict(set)
    for model, pks in batch.saved.items():
        if search_index.class_is_indexed(model) and getattr(model, "search_auto_update", True):
            objects = _search_objects(model, pks)
            for backend in backends if objects else []:
                backend.add_bulk(model, objects)
        if model not in ReferenceIndex.tracked_models:
            continue  # Wagtail's own handler would not have run for it either
        while (parent := _parents_of(model, pks)) is not None:
            model, pks = parent
        referenced[model] |= pks
    for model, pks in referenced.items():
        if ReferenceIndex.is_indexed(model):
            _references_record(model, pks)
