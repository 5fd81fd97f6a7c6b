"""The knowledge base: content models, loading, validation, rendering, chunking and search indexes.

`kb` imports nothing from `assistant` or `web`.
"""
