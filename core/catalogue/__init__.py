"""The catalogue: fonds and records, their import, and the demo archive loader."""
from .importer import ImportReport, RowProblem, import_catalogue
from .fields import RecordData, parse_date

__all__ = ["ImportReport", "RowProblem", "import_catalogue", "RecordData", "parse_date"]
