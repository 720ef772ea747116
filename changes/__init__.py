"""Content changed: the one signal that says public content changed, and the content version every
process reads to know whether what it cached is still current.

Wagtail's own signals (publish, unpublish, delete, move, saves of registered snippets) and bulk work
(the import) call `content_has_changed`; caches, the facet index and frontend-cache purges listen
to `signals.content_changed` or compare `version.current_version()`.
"""


def watch(model, pages=None):
    """Register `model` as public content: its saves and deletes announce a change
    (see `changes.receivers.watch`). Call it from the content app's AppConfig.ready."""
    # Imported when called: the receivers need the models, not loaded yet when Django imports this.
    from changes.receivers import watch as connect

    connect(model, pages=pages)
