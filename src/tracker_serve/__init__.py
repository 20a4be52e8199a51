"""`tracker serve`: a live preview that shows a saved change within a second and shows mistakes in the browser.

The MkDocs-facing side of the preview (the engine's side is ``tracker.preview``): ``builder`` keeps one
MkDocs configuration and Material environment loaded and re-renders only the pages a change affects,
``server`` serves them with a live-reload script, and ``watch`` turns saved files into updates.
"""
