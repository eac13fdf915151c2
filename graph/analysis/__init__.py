"""Analysis of a built graph: measures, aanhaken, kennis, gaps, profiles, survey findings.
Pure functions that take a graph and return plain data; they never read files or stores."""
