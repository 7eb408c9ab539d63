/**
 * A corpus of workbooks with what real users' workbooks hold and exceljs drops, written part by part as raw XML
 * (so nothing depends on a library that might itself lose parts): charts, an image, a pivot table with its cache,
 * a slicer, data validations in both forms (classic and the Excel 2010 extension list), conditional formats with
 * an Excel 2010 data bar, legacy and threaded comments with their persons, a hyperlink, defined names with sheet
 * scope, a chartsheet, a VBA project (.xlsm), custom XML, custom document properties, sheet and workbook
 * protection, a table, a formula-driven RAG column, shared formulas, a value at XFD1, whole-column validations.
 *
 *   npx tsx scripts/corpus/make-corpus.ts out-dir     writes the files
 *
 * Tests call makeCorpus(dir) directly (tests/cli/corpus.test.ts).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import JSZip from "jszip";
import { columnLetters as colName } from "../../src/engine/grid";
import { dayFromYmd, excelSerialFromDay } from "../../src/engine/dates";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PR = "http://schemas.openxmlformats.org/package/2006/relationships";
const CT = "http://schemas.openxmlformats.org/package/2006/content-types";
const X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main";
const XM = "http://schemas.microsoft.com/office/excel/2006/main";
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const T_WS = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
const REL = (t: string) => `http://schemas.openxmlformats.org/officeDocument/2006/relationships/${t}`;

export interface CorpusFile {
  path: string;
  /** Sheets the tool rates (their parts are rewritten; every other part must come back byte-identical). */
  programmeSheets: string[];
  /** Sheets of the user's, in order, that must all be in the output. */
  userSheets: string[];
}

const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

type Cell = string | number | { f: string; v?: string | number; t?: "str"; shared?: string } | null;

function serial(y: number, m: number, d: number, date1904 = false): number {
  return excelSerialFromDay(dayFromYmd(y, m, d), date1904 ? 1904 : 1900);
}

/** Rows of cells as sheetData XML (p: the element prefix), with a style per column. */
function sheetData(rows: Cell[][], styles: number[], p = ""): string {
  let out = `<${p}sheetData>`;
  rows.forEach((row, r) => {
    out += `<${p}row r="${r + 1}" spans="1:${row.length}">`;
    row.forEach((v, c) => {
      if (v === null) return;
      const ref = `${colName(c)}${r + 1}`;
      const s = r === 0 ? 2 : (styles[c] ?? 0);
      const sAttr = s ? ` s="${s}"` : "";
      if (typeof v === "number") out += `<${p}c r="${ref}"${sAttr}><${p}v>${v}</${p}v></${p}c>`;
      else if (typeof v === "string")
        out += `<${p}c r="${ref}"${sAttr} t="inlineStr"><${p}is><${p}t>${esc(v)}</${p}t></${p}is></${p}c>`;
      else {
        const t = v.t ? ` t="${v.t}"` : "";
        const f = v.shared
          ? `<${p}f t="shared" ${v.shared}>${esc(v.f)}</${p}f>`
          : `<${p}f>${esc(v.f)}</${p}f>`;
        const val = v.v === undefined ? "" : `<${p}v>${esc(String(v.v))}</${p}v>`;
        out += `<${p}c r="${ref}"${sAttr}${t}>${f}${val}</${p}c>`;
      }
    });
    out += `</${p}row>`;
  });
  return out + `</${p}sheetData>`;
}

const HEADER = [
  "Project ID",
  "Project",
  "Project Manager",
  "Budget",
  "Spend",
  "Forecast",
  "Start",
  "End",
  "% Complete",
  "RAG",
  "Variance",
];

function items(date1904: boolean): Cell[][] {
  const d = (y: number, m: number, day: number) => serial(y, m, day, date1904);
  return [
    [
      "PRJ-01",
      "Intranet replacement",
      "K. Shaw",
      28000,
      12000,
      28000,
      d(2020, 6, 1),
      d(2021, 3, 31),
      0.4,
      "Amber",
    ],
    [
      "PRJ-02",
      "Scanning of planning files",
      "L. Hart",
      15000,
      15500,
      15500,
      d(2020, 4, 1),
      d(2020, 12, 31),
      1,
      "Green",
    ],
    ["PRJ-03", "Fleet telematics", "M. Fox", 42000, 30000, 47000, d(2020, 7, 1), d(2021, 2, 28), 0.5, null],
    ["PRJ-04", "Room booking kiosks", "N. Ray", 9000, 0, 9000, d(2021, 2, 1), d(2021, 5, 31), 0, "Red"],
    [
      "PRJ-05",
      "Document scanning bureau",
      "O. Hale",
      20000,
      9000,
      19000,
      d(2020, 10, 1),
      d(2021, 9, 30),
      0.3,
      "Green",
    ],
  ];
}

const STYLES =
  DECL +
  `<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="&quot;£&quot;#,##0"/></numFmts>` +
  '<fonts count="2"><font><sz val="11"/><name val="Arial"/><family val="2"/></font><font><b/><sz val="11"/><name val="Arial"/><family val="2"/></font></fonts>' +
  '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills>' +
  '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1"/>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '<dxfs count="1"><dxf><font><color rgb="FF9C0006"/></font><fill><patternFill><bgColor rgb="FFFFC7CE"/></patternFill></fill></dxf></dxfs>' +
  '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>';
const COL_STYLES = [0, 0, 0, 3, 3, 3, 1, 1, 4, 0, 3];

function rels(list: [string, string, string, boolean?][]): string {
  return (
    DECL +
    `<Relationships xmlns="${PR}">` +
    list
      .map(
        ([id, type, target, ext]) =>
          `<Relationship Id="${id}" Type="${type}" Target="${esc(target)}"${ext ? ' TargetMode="External"' : ""}/>`,
      )
      .join("") +
    "</Relationships>"
  );
}

function chartXml(title: string, ref: string): string {
  return (
    DECL +
    `<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${R}">` +
    `<c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>${title}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
    '<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>' +
    `<c:ser><c:idx val="0"/><c:order val="0"/><c:val><c:numRef><c:f>${ref}</c:f></c:numRef></c:val></c:ser>` +
    '<c:axId val="1"/><c:axId val="2"/></c:barChart><c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:crossAx val="2"/></c:catAx>' +
    '<c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:crossAx val="1"/></c:valAx></c:plotArea><c:plotVisOnly val="1"/></c:chart></c:chartSpace>'
  );
}

function drawingXml(withImage: boolean): string {
  const anchor = (from: number, inner: string) =>
    `<xdr:twoCellAnchor><xdr:from><xdr:col>${from}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>8</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
    `<xdr:to><xdr:col>${from + 5}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>22</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>${inner}<xdr:clientData/></xdr:twoCellAnchor>`;
  const chart =
    '<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Chart 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>' +
    '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">' +
    `<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="rId1"/></a:graphicData></a:graphic></xdr:graphicFrame>`;
  const pic =
    '<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="3" name="Logo"/><xdr:cNvPicPr/></xdr:nvPicPr><xdr:blipFill><a:blip r:embed="rId2"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>' +
    '<xdr:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic>';
  return (
    DECL +
    `<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${R}">` +
    anchor(0, chart) +
    (withImage ? anchor(7, pic) : "") +
    "</xdr:wsDr>"
  );
}

/** A 1x1 PNG. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

/** The full corpus workbook: every kind of part on one council-style programme. */
async function richWorkbook(path: string, opts: { xlsm: boolean; date1904: boolean }): Promise<CorpusFile> {
  const zip = new JSZip();
  const rows: Cell[][] = [HEADER, ...items(opts.date1904)];
  // J5:J6 is merged across two items' RAG cells (PRJ-04 and PRJ-05): the tool must write neither.
  rows[5]![9] = null;
  // Variance: one shared formula down the column, as Excel writes a filled-down formula.
  rows.slice(1).forEach((r, i) => {
    r[10] =
      i === 0
        ? { f: "D2-F2", v: Number(r[3]) - Number(r[5]), shared: 'ref="K2:K6" si="0"' }
        : { f: "", v: Number(r[3]) - Number(r[5]), shared: 'si="0"' };
  });
  const programme =
    DECL +
    `<worksheet xmlns="${MAIN}" xmlns:r="${R}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" mc:Ignorable="x14ac">` +
    '<sheetPr><tabColor rgb="FF00B050"/><pageSetUpPr fitToPage="1"/></sheetPr><dimension ref="A1:K6"/>' +
    '<sheetViews><sheetView tabSelected="1" zoomScale="90" workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="B3" sqref="B3"/></sheetView></sheetViews>' +
    '<sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/><cols><col min="1" max="1" width="12" customWidth="1"/><col min="2" max="2" width="32" customWidth="1"/></cols>' +
    sheetData(rows, COL_STYLES) +
    '<autoFilter ref="A1:K6"/><mergeCells count="2"><mergeCell ref="M1:N1"/><mergeCell ref="J5:J6"/></mergeCells>' +
    '<conditionalFormatting sqref="F2:F6"><cfRule type="cellIs" dxfId="0" priority="2" operator="greaterThan"><formula>$D2</formula></cfRule></conditionalFormatting>' +
    '<conditionalFormatting sqref="E2:E6"><cfRule type="dataBar" priority="1"><dataBar><cfvo type="min"/><cfvo type="max"/><color rgb="FF638EC6"/></dataBar>' +
    `<extLst><ext uri="{B025F937-C7B1-47D3-B67F-A62EFF666E3E}" xmlns:x14="${X14}"><x14:id>{00000000-0001-0000-0000-000000000001}</x14:id></ext></extLst></cfRule></conditionalFormatting>` +
    '<dataValidations count="2"><dataValidation type="decimal" operator="greaterThanOrEqual" allowBlank="1" showErrorMessage="1" sqref="D2:F6"><formula1>0</formula1></dataValidation>' +
    '<dataValidation type="list" allowBlank="1" showErrorMessage="1" sqref="Q1:Q1048576"><formula1>"Yes,No"</formula1></dataValidation></dataValidations>' +
    '<hyperlinks><hyperlink ref="B2" r:id="rId3" display="Intranet project page"/></hyperlinks>' +
    '<printOptions gridLines="1"/><pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    '<pageSetup paperSize="9" orientation="landscape" fitToHeight="0" r:id="rId5"/><headerFooter><oddFooter>&amp;LCouncil ICT&amp;RPage &amp;P</oddFooter></headerFooter>' +
    '<drawing r:id="rId1"/><legacyDrawing r:id="rId2"/>' +
    `<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" xmlns:x14="${X14}"><x14:conditionalFormattings><x14:conditionalFormatting xmlns:xm="${XM}">` +
    '<x14:cfRule type="dataBar" id="{00000000-0001-0000-0000-000000000001}"><x14:dataBar minLength="0" maxLength="100" gradient="0"><x14:cfvo type="autoMin"/><x14:cfvo type="autoMax"/><x14:negativeFillColor rgb="FFFF0000"/><x14:axisColor rgb="FF000000"/></x14:dataBar></x14:cfRule>' +
    "<xm:sqref>E2:E6</xm:sqref></x14:conditionalFormatting></x14:conditionalFormattings></ext>" +
    `<ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="${X14}"><x14:dataValidations count="1" xmlns:xm="${XM}"><x14:dataValidation type="list" allowBlank="1" showErrorMessage="1">` +
    "<x14:formula1><xm:f>Lookups!$A$2:$A$4</xm:f></x14:formula1><xm:sqref>C2:C6</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst></worksheet>";
  zip.file("xl/worksheets/sheet1.xml", programme);
  zip.file(
    "xl/worksheets/_rels/sheet1.xml.rels",
    rels([
      ["rId1", REL("drawing"), "../drawings/drawing1.xml"],
      ["rId2", REL("vmlDrawing"), "../drawings/vmlDrawing1.vml"],
      ["rId3", REL("hyperlink"), "https://intranet.example.gov.uk/projects/prj-01", true],
      ["rId4", REL("comments"), "../comments1.xml"],
      ["rId5", REL("printerSettings"), "../printerSettings/printerSettings1.bin"],
      [
        "rId6",
        "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment",
        "../threadedComments/threadedComment1.xml",
      ],
    ]),
  );
  zip.file("xl/printerSettings/printerSettings1.bin", Buffer.from([1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 255]));
  zip.file(
    "xl/comments1.xml",
    DECL +
      `<comments xmlns="${MAIN}"><authors><author>tc={0F1E2D3C-0000-4000-8000-000000000001}</author></authors><commentList>` +
      '<comment ref="F4" authorId="0" shapeId="0"><text><t>[Threaded comment] Supplier credit still to be agreed.</t></text></comment></commentList></comments>',
  );
  zip.file(
    "xl/threadedComments/threadedComment1.xml",
    DECL +
      '<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"><threadedComment ref="F4" dT="2020-12-01T10:00:00.00" personId="{6A1B2C3D-0000-4000-8000-000000000001}" id="{0F1E2D3C-0000-4000-8000-000000000001}"><text>Supplier credit still to be agreed.</text></threadedComment></ThreadedComments>',
  );
  zip.file(
    "xl/persons/person.xml",
    DECL +
      '<personList xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"><person displayName="M. Fox" id="{6A1B2C3D-0000-4000-8000-000000000001}" userId="m.fox@example.gov.uk" providerId="AD"/></personList>',
  );
  zip.file(
    "xl/drawings/vmlDrawing1.vml",
    '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
      '<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>' +
      '<v:shape id="_x0000_s1025" type="#_x0000_t202" style="position:absolute;margin-left:300pt;margin-top:40pt;width:100pt;height:60pt;z-index:1;visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/><v:textbox/>' +
      '<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:AutoFill>False</x:AutoFill><x:Row>3</x:Row><x:Column>5</x:Column></x:ClientData></v:shape></xml>',
  );
  zip.file("xl/drawings/drawing1.xml", drawingXml(true));
  zip.file(
    "xl/drawings/_rels/drawing1.xml.rels",
    rels([
      ["rId1", REL("chart"), "../charts/chart1.xml"],
      ["rId2", REL("image"), "../media/image1.png"],
    ]),
  );
  zip.file("xl/charts/chart1.xml", chartXml("Budget by project", "Programme!$D$2:$D$6"));
  zip.file("xl/media/image1.png", PNG);

  // A second programme: its RAG column is the user's formulas (one giving ""), and one formula never calculated.
  const fRows: Cell[][] = [HEADER.slice(0, 10), ...items(opts.date1904).map((r) => r.slice(0, 10))];
  fRows.slice(1).forEach((r, i) => {
    const n = i + 2;
    r[9] = {
      f: `IF(F${n}>D${n},"Red",IF(I${n}=1,"","Green"))`,
      v: Number(r[5]) > Number(r[3]) ? "Red" : r[8] === 1 ? "" : "Green",
      t: "str",
    };
  });
  fRows[1]![10] = { f: "D2*2" };
  zip.file(
    "xl/worksheets/sheet2.xml",
    DECL +
      `<worksheet xmlns="${MAIN}" xmlns:r="${R}"><dimension ref="A1:K6"/>` +
      sheetData(fRows, COL_STYLES) +
      '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>',
  );

  // Notes: protected, a value in the last column (XFD1).
  zip.file(
    "xl/worksheets/sheet3.xml",
    DECL +
      `<worksheet xmlns="${MAIN}" xmlns:r="${R}"><dimension ref="A1:XFD1"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Minutes of the board, December 2020</t></is></c><c r="XFD1" t="inlineStr"><is><t>last column</t></is></c></row></sheetData>` +
      '<sheetProtection algorithmName="SHA-512" hashValue="x+Dj6Bo0k1Kqf0Yl2J5wq4rYqgk0o2yT6n8H0kWc1lQ=" saltValue="c2FsdHNhbHRzYWx0c2FsdA==" spinCount="100000" sheet="1" objects="1" scenarios="1"/>' +
      '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>',
  );
  // Lookups: a table.
  zip.file(
    "xl/worksheets/sheet4.xml",
    DECL +
      `<worksheet xmlns="${MAIN}" xmlns:r="${R}"><dimension ref="A1:A4"/>` +
      sheetData([["Manager"], ["K. Shaw"], ["L. Hart"], ["M. Fox"]], [0]) +
      '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><tableParts count="1"><tablePart r:id="rId1"/></tableParts></worksheet>',
  );
  zip.file("xl/worksheets/_rels/sheet4.xml.rels", rels([["rId1", REL("table"), "../tables/table1.xml"]]));
  zip.file(
    "xl/tables/table1.xml",
    DECL +
      `<table xmlns="${MAIN}" id="1" name="Managers" displayName="Managers" ref="A1:A4" totalsRowShown="0"><autoFilter ref="A1:A4"/><tableColumns count="1"><tableColumn id="1" name="Manager"/></tableColumns><tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`,
  );
  // Pivot: a sheet with a pivot table over the programme, its cache definition and records, and a slicer.
  zip.file(
    "xl/worksheets/sheet5.xml",
    DECL +
      `<worksheet xmlns="${MAIN}" xmlns:r="${R}"><dimension ref="A3:B5"/><sheetData><row r="3"><c r="A3" t="inlineStr"><is><t>Project Manager</t></is></c><c r="B3" t="inlineStr"><is><t>Sum of Budget</t></is></c></row>` +
      '<row r="4"><c r="A4" t="inlineStr"><is><t>K. Shaw</t></is></c><c r="B4"><v>28000</v></c></row><row r="5"><c r="A5" t="inlineStr"><is><t>Grand Total</t></is></c><c r="B5"><v>28000</v></c></row></sheetData>' +
      '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>',
  );
  zip.file(
    "xl/worksheets/_rels/sheet5.xml.rels",
    rels([["rId1", REL("pivotTable"), "../pivotTables/pivotTable1.xml"]]),
  );
  zip.file(
    "xl/pivotTables/pivotTable1.xml",
    DECL +
      `<pivotTableDefinition xmlns="${MAIN}" name="PivotTable1" cacheId="1" applyNumberFormats="0" applyBorderFormats="0" applyFontFormats="0" applyPatternFormats="0" applyAlignmentFormats="0" applyWidthHeightFormats="1" dataCaption="Values" updatedVersion="6" minRefreshableVersion="3" createdVersion="6" indent="0" outline="1" outlineData="1">` +
      '<location ref="A3:B5" firstHeaderRow="1" firstDataRow="1" firstDataCol="1"/><pivotFields count="2"><pivotField axis="axisRow" showAll="0"><items count="2"><item x="0"/><item t="default"/></items></pivotField><pivotField dataField="1" showAll="0"/></pivotFields>' +
      '<rowFields count="1"><field x="0"/></rowFields><rowItems count="2"><i><x/></i><i t="grand"><x/></i></rowItems><colItems count="1"><i/></colItems><dataFields count="1"><dataField name="Sum of Budget" fld="1" baseField="0" baseItem="0"/></dataFields></pivotTableDefinition>',
  );
  zip.file(
    "xl/pivotTables/_rels/pivotTable1.xml.rels",
    rels([["rId1", REL("pivotCacheDefinition"), "../pivotCache/pivotCacheDefinition1.xml"]]),
  );
  zip.file(
    "xl/pivotCache/pivotCacheDefinition1.xml",
    DECL +
      `<pivotCacheDefinition xmlns="${MAIN}" xmlns:r="${R}" r:id="rId1" refreshOnLoad="1" createdVersion="6" refreshedVersion="6" minRefreshableVersion="3" recordCount="1">` +
      '<cacheSource type="worksheet"><worksheetSource ref="C1:D2" sheet="Programme"/></cacheSource><cacheFields count="2"><cacheField name="Project Manager" numFmtId="0"><sharedItems count="1"><s v="K. Shaw"/></sharedItems></cacheField>' +
      '<cacheField name="Budget" numFmtId="0"><sharedItems containsSemiMixedTypes="0" containsString="0" containsNumber="1" containsInteger="1" minValue="28000" maxValue="28000"/></cacheField></cacheFields></pivotCacheDefinition>',
  );
  zip.file(
    "xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels",
    rels([["rId1", REL("pivotCacheRecords"), "pivotCacheRecords1.xml"]]),
  );
  zip.file(
    "xl/pivotCache/pivotCacheRecords1.xml",
    DECL + `<pivotCacheRecords xmlns="${MAIN}" count="1"><r><x v="0"/><n v="28000"/></r></pivotCacheRecords>`,
  );
  zip.file(
    "xl/slicerCaches/slicerCache1.xml",
    DECL +
      `<slicerCacheDefinition xmlns="${X14}" name="Slicer_Project_Manager" sourceName="Project Manager"><pivotTables><pivotTable tabId="5" name="PivotTable1"/></pivotTables><data><tabular pivotCacheId="1"><items count="1"><i x="0" s="1"/></items></tabular></data></slicerCacheDefinition>`,
  );
  zip.file(
    "xl/slicers/slicer1.xml",
    DECL +
      `<slicers xmlns="${X14}"><slicer name="Project Manager" cache="Slicer_Project_Manager" caption="Project Manager" rowHeight="241300"/></slicers>`,
  );
  // A chartsheet.
  zip.file(
    "xl/chartsheets/sheet1.xml",
    DECL +
      `<chartsheet xmlns="${MAIN}" xmlns:r="${R}"><sheetPr/><sheetViews><sheetView workbookViewId="0"/></sheetViews><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><drawing r:id="rId1"/></chartsheet>`,
  );
  zip.file(
    "xl/chartsheets/_rels/sheet1.xml.rels",
    rels([["rId1", REL("drawing"), "../drawings/drawing2.xml"]]),
  );
  zip.file("xl/drawings/drawing2.xml", drawingXml(false).replace("twoCellAnchor>", "twoCellAnchor>"));
  zip.file("xl/drawings/_rels/drawing2.xml.rels", rels([["rId1", REL("chart"), "../charts/chart2.xml"]]));
  zip.file("xl/charts/chart2.xml", chartXml("Spend by project", "Programme!$E$2:$E$6"));

  // External link, custom XML, custom properties, VBA.
  zip.file(
    "xl/externalLinks/externalLink1.xml",
    DECL +
      `<externalLink xmlns="${MAIN}" xmlns:r="${R}"><externalBook r:id="rId1"><sheetNames><sheetName val="Budget"/></sheetNames><sheetDataSet><sheetData sheetId="0"><row r="1"><cell r="A1"><v>1200000</v></cell></row></sheetData></sheetDataSet></externalBook></externalLink>`,
  );
  zip.file(
    "xl/externalLinks/_rels/externalLink1.xml.rels",
    rels([["rId1", REL("externalLinkPath"), "Finance%20Budget%202020.xlsx", true]]),
  );
  zip.file(
    "customXml/item1.xml",
    '<?xml version="1.0" encoding="UTF-8"?><ct:contentTypeSchema xmlns:ct="http://schemas.microsoft.com/office/2006/metadata/contentType" ct:_="" ma:_="" xmlns:ma="http://schemas.microsoft.com/office/2006/metadata/properties/metaAttributes"/>',
  );
  zip.file(
    "customXml/itemProps1.xml",
    DECL +
      '<ds:datastoreItem ds:itemID="{11111111-2222-3333-4444-555555555555}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs/></ds:datastoreItem>',
  );
  zip.file(
    "customXml/_rels/item1.xml.rels",
    rels([
      [
        "rId1",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps",
        "itemProps1.xml",
      ],
    ]),
  );
  zip.file(
    "docProps/custom.xml",
    DECL +
      '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Classification"><vt:lpwstr>OFFICIAL</vt:lpwstr></property></Properties>',
  );
  zip.file(
    "docProps/app.xml",
    DECL +
      '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>Microsoft Excel</Application><Company>District Council</Company></Properties>',
  );
  zip.file(
    "docProps/core.xml",
    DECL +
      '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>Finance</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">2020-11-01T09:00:00Z</dcterms:created></cp:coreProperties>',
  );
  if (opts.xlsm)
    zip.file(
      "xl/vbaProject.bin",
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504, 7)]),
    );
  zip.file("xl/styles.xml", STYLES);
  zip.file(
    "xl/theme/theme1.xml",
    DECL +
      '<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office Theme"><a:themeElements><a:clrScheme name="Office"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1><a:dk2><a:srgbClr val="44546A"/></a:dk2><a:lt2><a:srgbClr val="E7E6E6"/></a:lt2><a:accent1><a:srgbClr val="4472C4"/></a:accent1><a:accent2><a:srgbClr val="ED7D31"/></a:accent2><a:accent3><a:srgbClr val="A5A5A5"/></a:accent3><a:accent4><a:srgbClr val="FFC000"/></a:accent4><a:accent5><a:srgbClr val="5B9BD5"/></a:accent5><a:accent6><a:srgbClr val="70AD47"/></a:accent6><a:hlink><a:srgbClr val="0563C1"/></a:hlink><a:folHlink><a:srgbClr val="954F72"/></a:folHlink></a:clrScheme><a:fontScheme name="Office"><a:majorFont><a:latin typeface="Calibri Light"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont><a:minorFont><a:latin typeface="Calibri"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont></a:fontScheme><a:fmtScheme name="Office"><a:fillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:fillStyleLst><a:lnStyleLst><a:ln w="6350"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="12700"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="19050"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln></a:lnStyleLst><a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst><a:bgFillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>',
  );

  const mainType = opts.xlsm
    ? "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
    : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
  zip.file(
    "xl/workbook.xml",
    DECL +
      `<workbook xmlns="${MAIN}" xmlns:r="${R}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:x14="${X14}" mc:Ignorable="x14">` +
      `<fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="22228"/><workbookPr${opts.date1904 ? ' date1904="1"' : ""} defaultThemeVersion="166925"/>` +
      '<workbookProtection workbookAlgorithmName="SHA-512" workbookHashValue="0c8K0fYy2dY5wRkNwQ5H2J3p2Yc1qg8iYq8sX0d0tqY=" workbookSaltValue="c2FsdHNhbHRzYWx0c2FsdA==" workbookSpinCount="100000" lockStructure="1"/>' +
      '<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300" activeTab="0"/></bookViews>' +
      '<sheets><sheet name="Programme" sheetId="1" r:id="rId1"/><sheet name="Formula RAG" sheetId="2" r:id="rId2"/><sheet name="O\'Brien\'s notes" sheetId="3" r:id="rId3"/>' +
      '<sheet name="Lookups" sheetId="4" r:id="rId4"/><sheet name="Pivot" sheetId="5" r:id="rId5"/><sheet name="Spend chart" sheetId="6" r:id="rId6"/></sheets>' +
      '<externalReferences><externalReference r:id="rId10"/></externalReferences>' +
      '<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">Programme!$A$1:$K$6</definedName>' +
      '<definedName name="_xlnm.Print_Titles" localSheetId="0">Programme!$1:$1</definedName><definedName name="Allocation">[1]Budget!$A$1</definedName>' +
      '<definedName name="_xlnm.Print_Titles" localSheetId="2">\'O\'\'Brien\'\'s notes\'!$1:$1</definedName><definedName name="Managers_list" localSheetId="3">Lookups!$A$2:$A$4</definedName><definedName name="Slicer_Project_Manager">#N/A</definedName></definedNames>' +
      '<calcPr calcId="191029"/><pivotCaches><pivotCache cacheId="1" r:id="rId11"/></pivotCaches>' +
      `<extLst><ext uri="{BBE1A952-AA13-448e-AADC-164F8A28A991}" xmlns:x14="${X14}"><x14:slicerCaches><x14:slicerCache r:id="rId12"/></x14:slicerCaches></ext></extLst></workbook>`,
  );
  const wbRels: [string, string, string, boolean?][] = [
    ["rId1", REL("worksheet"), "worksheets/sheet1.xml"],
    ["rId2", REL("worksheet"), "worksheets/sheet2.xml"],
    ["rId3", REL("worksheet"), "worksheets/sheet3.xml"],
    ["rId4", REL("worksheet"), "worksheets/sheet4.xml"],
    ["rId5", REL("worksheet"), "worksheets/sheet5.xml"],
    ["rId6", REL("chartsheet"), "chartsheets/sheet1.xml"],
    ["rId7", REL("styles"), "styles.xml"],
    ["rId8", REL("theme"), "theme/theme1.xml"],
    ["rId10", REL("externalLink"), "externalLinks/externalLink1.xml"],
    ["rId11", REL("pivotCacheDefinition"), "pivotCache/pivotCacheDefinition1.xml"],
    [
      "rId12",
      "http://schemas.microsoft.com/office/2007/relationships/slicerCache",
      "slicerCaches/slicerCache1.xml",
    ],
    ["rId13", "http://schemas.microsoft.com/office/2017/10/relationships/person", "persons/person.xml"],
    ["rId14", REL("customXml"), "../customXml/item1.xml"],
  ];
  if (opts.xlsm)
    wbRels.push([
      "rId9",
      "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
      "vbaProject.bin",
    ]);
  zip.file("xl/_rels/workbook.xml.rels", rels(wbRels));
  zip.file(
    "_rels/.rels",
    rels([
      ["rId1", REL("officeDocument"), "xl/workbook.xml"],
      [
        "rId2",
        "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
        "docProps/core.xml",
      ],
      ["rId3", REL("extended-properties"), "docProps/app.xml"],
      ["rId4", REL("custom-properties"), "docProps/custom.xml"],
    ]),
  );
  const o = (part: string, type: string) => `<Override PartName="/${part}" ContentType="${type}"/>`;
  const sml = (t: string) => `application/vnd.openxmlformats-officedocument.spreadsheetml.${t}+xml`;
  zip.file(
    "[Content_Types].xml",
    DECL +
      `<Types xmlns="${CT}"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
      '<Default Extension="png" ContentType="image/png"/><Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/><Default Extension="bin" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings"/>' +
      o("xl/workbook.xml", mainType) +
      [1, 2, 3, 4, 5].map((i) => o(`xl/worksheets/sheet${i}.xml`, T_WS)).join("") +
      o("xl/chartsheets/sheet1.xml", sml("chartsheet")) +
      o("xl/styles.xml", sml("styles")) +
      o("xl/theme/theme1.xml", "application/vnd.openxmlformats-officedocument.theme+xml") +
      o("xl/comments1.xml", sml("comments")) +
      o("xl/threadedComments/threadedComment1.xml", "application/vnd.ms-excel.threadedcomments+xml") +
      o("xl/persons/person.xml", "application/vnd.ms-excel.person+xml") +
      o("xl/drawings/drawing1.xml", "application/vnd.openxmlformats-officedocument.drawing+xml") +
      o("xl/drawings/drawing2.xml", "application/vnd.openxmlformats-officedocument.drawing+xml") +
      o("xl/charts/chart1.xml", "application/vnd.openxmlformats-officedocument.drawingml.chart+xml") +
      o("xl/charts/chart2.xml", "application/vnd.openxmlformats-officedocument.drawingml.chart+xml") +
      o("xl/tables/table1.xml", sml("table")) +
      o("xl/pivotTables/pivotTable1.xml", sml("pivotTable")) +
      o("xl/pivotCache/pivotCacheDefinition1.xml", sml("pivotCacheDefinition")) +
      o("xl/pivotCache/pivotCacheRecords1.xml", sml("pivotCacheRecords")) +
      o("xl/slicerCaches/slicerCache1.xml", "application/vnd.ms-excel.slicerCache+xml") +
      o("xl/slicers/slicer1.xml", "application/vnd.ms-excel.slicer+xml") +
      o("xl/externalLinks/externalLink1.xml", sml("externalLink")) +
      o("customXml/itemProps1.xml", "application/vnd.openxmlformats-officedocument.customXmlProperties+xml") +
      o("docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml") +
      o("docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml") +
      o("docProps/custom.xml", "application/vnd.openxmlformats-officedocument.custom-properties+xml") +
      (opts.xlsm ? o("xl/vbaProject.bin", "application/vnd.ms-office.vbaProject") : "") +
      "</Types>",
  );
  writeFileSync(path, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
  return {
    path,
    programmeSheets: ["Programme", "Formula RAG"],
    userSheets: ["Programme", "Formula RAG", "O'Brien's notes", "Lookups", "Pivot", "Spend chart"],
  };
}

/**
 * A package as other writers make it: every element with an `x:` prefix (no default namespace), absolute part
 * names in the relationships, no shared strings, no styles part; as openpyxl and LibreOffice variants do.
 */
async function prefixedWorkbook(path: string): Promise<CorpusFile> {
  const zip = new JSZip();
  const rows: Cell[][] = [HEADER.slice(0, 9), ...items(false).map((r) => r.slice(0, 9))];
  zip.file(
    "xl/worksheets/sheet1.xml",
    DECL + `<x:worksheet xmlns:x="${MAIN}" xmlns:r="${R}">` + sheetData(rows, [], "x:") + "</x:worksheet>",
  );
  zip.file(
    "xl/workbook.xml",
    DECL +
      `<x:workbook xmlns:x="${MAIN}" xmlns:rel="${R}"><x:bookViews><x:workbookView/></x:bookViews><x:sheets><x:sheet name="Projects" sheetId="1" rel:id="R1a"/></x:sheets></x:workbook>`,
  );
  zip.file("xl/_rels/workbook.xml.rels", rels([["R1a", REL("worksheet"), "/xl/worksheets/sheet1.xml"]]));
  zip.file("_rels/.rels", rels([["R0", REL("officeDocument"), "/xl/workbook.xml"]]));
  zip.file(
    "[Content_Types].xml",
    DECL +
      `<Types xmlns="${CT}"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="${T_WS}"/></Types>`,
  );
  writeFileSync(path, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
  return { path, programmeSheets: ["Projects"], userSheets: ["Projects"] };
}

export async function makeCorpus(dir: string): Promise<CorpusFile[]> {
  mkdirSync(dir, { recursive: true });
  return [
    await richWorkbook(join(dir, "council-rich.xlsx"), { xlsm: false, date1904: false }),
    await richWorkbook(join(dir, "council-macros.xlsm"), { xlsm: true, date1904: true }),
    await prefixedWorkbook(join(dir, "prefixed-absolute.xlsx")),
  ];
}

if (require.main === module) {
  const dir = process.argv[2] ?? "out/corpus";
  void makeCorpus(dir).then((files) => {
    for (const f of files) console.log(f.path);
  });
}
