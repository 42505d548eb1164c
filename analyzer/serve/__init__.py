"""`analyzer serve`: the store in datasette, read-only, with canned queries, charts and highlighted documents.

    config      metadata, canned queries (queries.toml) and charts (dashboards.json) for datasette
    highlight   a document's text cut at every figure and mention boundary
    plugin      the datasette plugin: SQL functions, the document page, doc_id links, no ATTACH
    app         checks the store and starts datasette with only read-only plugins
"""
