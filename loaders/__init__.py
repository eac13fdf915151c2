"""Reading the project's input files (CSV/XLSX) into validated records and a problem report."""
