"""The MBO network graph: the model and its build (here), its two stores (`stores/`) and its
analysis (`analysis/`). No UI, no CLI, no file reading."""
