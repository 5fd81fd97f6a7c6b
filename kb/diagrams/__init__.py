"""Diagrams as content: typed data in `content/sv/diagram/*.yaml`, drawn as accessible, JavaScript-free SVG."""
