"""Response models of the JSON API: the OpenAPI document is built from them, and they are what the routes return.

One model per concept, built from the same objects the pages show (`Answer`, `ArticleView`, `Verdict`, `ModuleView`,
a calculator's `Result`), so the page and the API cannot drift apart.
"""
