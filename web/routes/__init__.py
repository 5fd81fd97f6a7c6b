"""One module per area of the site; each exposes `router`, and builds its part of the `Site` (see `web.app`)."""
