"""A council programme workbook written by openpyxl (Python's usual library), for the --out corpus.

    pip install --user openpyxl==3.1.5 pillow
    python3 scripts/corpus/producers/openpyxl_programme.py tests/fixtures/producers

openpyxl writes its own package: relative part names ("worksheets/sheet1.xml", "../drawings/drawing1.xml"),
inline numbers, shared strings, a drawing with an image and a chart anchored on the programme sheet, docProps
from its own templates. The files are committed (tests must not need Python); rerun only to regenerate them.
"""
import datetime as dt
import io
import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.drawing.image import Image
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Font, PatternFill
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from PIL import Image as PILImage

out = Path(sys.argv[1] if len(sys.argv) > 1 else "out/producers")
out.mkdir(parents=True, exist_ok=True)

HEADER = ["Project ID", "Project", "Project Manager", "Budget", "Spend", "Forecast", "Start", "End",
          "% Complete", "RAG", "Variance"]
ROWS = [
    ["PRJ-01", "Intranet replacement", "K. Shaw", 28000, 12000, 28000, dt.date(2020, 6, 1), dt.date(2021, 3, 31), 0.4, "Amber"],
    ["PRJ-02", "Scanning of planning files", "L. Hart", 15000, 15500, 15500, dt.date(2020, 4, 1), dt.date(2020, 12, 31), 1, "Green"],
    ["PRJ-03", "Fleet telematics", "M. Fox", 42000, 30000, 47000, dt.date(2020, 7, 1), dt.date(2021, 2, 28), 0.5, None],
    ["PRJ-04", "Room booking kiosks", "N. Ray", 9000, 0, 9000, dt.date(2021, 2, 1), dt.date(2021, 5, 31), 0, "Red"],
    ["PRJ-05", "Document scanning bureau", "O. Hale", 20000, 8000, 21000, dt.date(2020, 9, 1), dt.date(2021, 6, 30), 0.3, "Amber"],
]


def programme(ws):
    ws.append(HEADER)
    for c in ws[1]:
        c.font = Font(bold=True)
    for i, row in enumerate(ROWS, start=2):
        ws.append(row + [f"=F{i}-D{i}"])
        for col in "GH":
            ws[f"{col}{i}"].number_format = "dd/mm/yyyy"
        ws[f"I{i}"].number_format = "0%"
    ws.freeze_panes = "A2"
    ws["B2"].comment = Comment("Phase 2 starts in April", "K. Shaw")
    ws["B3"].hyperlink = "https://example.org/planning"
    dv = DataValidation(type="list", formula1='"Red,Amber,Green"', allow_blank=True)
    ws.add_data_validation(dv)
    dv.add("J2:J1048576")
    ws.conditional_formatting.add(
        "K2:K6", CellIsRule(operator="greaterThan", formula=["0"], fill=PatternFill("solid", fgColor="FFC7CE"))
    )
    chart = BarChart()
    chart.title = "Budget and forecast"
    chart.add_data(Reference(ws, min_col=4, max_col=6, min_row=1, max_row=6), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=6))
    ws.add_chart(chart, "M2")
    png = io.BytesIO()
    PILImage.new("RGB", (40, 20), (0, 94, 184)).save(png, format="PNG")
    png.seek(0)
    ws.add_image(Image(png), "M20")
    ws.print_title_rows = "1:1"


wb = Workbook()
ws = wb.active
ws.title = "Programme"
programme(ws)
notes = wb.create_sheet("O'Brien's notes")
notes["A1"] = "Notes for the meeting"
notes.protection.sheet = True
wb.defined_names["Budgets"] = DefinedName("Budgets", attr_text="Programme!$D$2:$D$6")
wb.properties.creator = "openpyxl corpus"
wb.save(out / "openpyxl-chart-image.xlsx")

# The same programme, its RAG column merged across two items (J5:J6) and a 1904 date system.
wb = Workbook()
ws = wb.active
ws.title = "Programme"
wb.epoch = __import__("openpyxl").utils.datetime.CALENDAR_MAC_1904
programme(ws)
ws.merge_cells("J5:J6")
wb.save(out / "openpyxl-1904-merged-rag.xlsx")
print("wrote", out)
