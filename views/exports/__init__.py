"""Exports of a selection of the network, for people (maps, reports) and for other tools.

Each format family has its own module with one function ``graph, meta, options -> bytes``;
:mod:`views.exports.registry` names them, with file extension and MIME type, so the CLI and
the app's download buttons produce identical files.
"""
