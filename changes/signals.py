"""The "content changed" signal.

Sent after the change is committed, with `pages` (the pages that changed, possibly empty when the
change is not a page: a term, a synonym, a municipality) and `reason` (a short word: "publish",
"unpublish", "delete", "move", "snippet", "import").
"""

from django.dispatch import Signal

content_changed = Signal()

# Sent at once, inside the transaction, with the same arguments: for listeners that must read what
# is about to go (the listings of a page being deleted) and act on commit themselves.
content_changing = Signal()
