"""Written documents (the round's summary note, municipal factsheets) as PDF and DOCX.

A document is first built as plain blocks (:mod:`views.documents.blocks`): headings,
paragraphs, lists, tables and images, with every data string kept as plain text. The two
writers (:mod:`views.documents.pdf`, :mod:`views.documents.word`) only lay the blocks out, so the
note and the factsheet read the same in either format and escaping lives in one place per format.
"""
