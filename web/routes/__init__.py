"""One module per area of the site; each exposes `router` and `startup(app, settings, content)`."""
