"""The MBO network graph: model, build, stores and analysis (no UI, no file reading)."""
