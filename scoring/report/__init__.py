"""The trainers' Excel gap report (docs/report.md): tables computed from ReportData, then
written sheet by sheet in openpyxl's streaming mode."""

from scoring.report.data import COMMENTS_PER_ITEM, ReportData
from scoring.report.names import report_file_name, sheet_titles
from scoring.report.workbook import write_report

__all__ = ["COMMENTS_PER_ITEM", "ReportData", "report_file_name", "sheet_titles", "write_report"]
