"""Import and export of practice examples as JSON Lines or CSV (see `practices/importing/fields.py`).

`reader` turns a file into raw rows, `validate` checks every row and resolves names to objects,
`writer` creates or updates pages through Wagtail's page API (`deferred` does the per-save
indexing once per chunk), `export` writes the same format.
"""
