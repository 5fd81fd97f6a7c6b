"""The web layer and command line: the only package that imports FastAPI and Jinja."""
