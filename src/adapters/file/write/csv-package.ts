/**
 * A CSV's rows as a one-sheet .xlsx package (for --out), figures and dates typed as Excel (UK) types them when it
 * opens a CSV. The package then takes the same package-surgery path as any workbook (write-package.ts).
 */
import JSZip from "jszip";
import { MINIMAL_STYLES, Styles } from "../styles";
import { escapeXml } from "../xml";
import { columnLetters as letters } from "../../../engine/grid";
import { excelSerialFromJsDate } from "../../../engine/dates";
import { fractionFromPercent } from "../../../engine/percent";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PR = "http://schemas.openxmlformats.org/package/2006/relationships";
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export async function csvPackage(
  name: string,
  rows: readonly (readonly (string | null)[])[],
): Promise<Buffer> {
  const styles = new Styles(MINIMAL_STYLES);
  const xfByFormat = new Map<string, number>();
  const xf = (fmt: string) => {
    let id = xfByFormat.get(fmt);
    if (id === undefined) {
      id = styles.addXf(
        `<xf numFmtId="${styles.numFmtId(fmt)}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`,
      );
      xfByFormat.set(fmt, id);
    }
    return id;
  };
  const parts: string[] = [];
  rows.forEach((row, r) => {
    let cells = "";
    row.forEach((text, c) => {
      if (text === null) return;
      const ref = `${letters(c)}${r + 1}`;
      const typed = typedCsvValue(text);
      const s = typed.numFmt ? ` s="${xf(typed.numFmt)}"` : "";
      if (typeof typed.value === "number") cells += `<c r="${ref}"${s}><v>${typed.value}</v></c>`;
      else if (typed.value instanceof Date)
        cells += `<c r="${ref}"${s}><v>${excelSerialFromJsDate(typed.value)}</v></c>`;
      else
        cells += `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(typed.value)}</t></is></c>`;
    });
    if (cells) parts.push(`<row r="${r + 1}">${cells}</row>`);
  });
  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    DECL +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
  );
  zip.file(
    "_rels/.rels",
    `${DECL}<Relationships xmlns="${PR}"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  zip.file(
    "xl/workbook.xml",
    `${DECL}<workbook xmlns="${MAIN}" xmlns:r="${R}"><bookViews><workbookView activeTab="0"/></bookViews><sheets><sheet name="${escapeXml(name)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  );
  zip.file(
    "xl/_rels/workbook.xml.rels",
    `${DECL}<Relationships xmlns="${PR}"><Relationship Id="rId1" Type="${R}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${R}/styles" Target="styles.xml"/></Relationships>`,
  );
  zip.file(
    "xl/worksheets/sheet1.xml",
    `${DECL}<worksheet xmlns="${MAIN}" xmlns:r="${R}"><sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews><sheetData>${parts.join("")}</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`,
  );
  zip.file("xl/styles.xml", styles.serialize());
  // Stored: the package is read straight back; the parts the output keeps are deflated when it is written.
  return zip.generateAsync({ type: "nodebuffer", compression: "STORE" });
}

/**
 * A number code with a leading zero ("0123": a cost centre, a ward): Excel would open it as 123 and lose the
 * zero, so it is kept as the text it is, and so is the same code signed or bracketed ("(0123)", "-0123",
 * "£0123"): no figure is written with a zero before its first digit, and an accounting negative never is
 * ("(0.50)" is a figure).
 */
const ZERO_CODE = /^[-(£\s]*0\d/;

export function typedCsvValue(text: string): { value: string | number | Date; numFmt?: string } {
  const t = text.trim();
  if (ZERO_CODE.test(t) && !/^\d{1,2}\/\d{1,2}\/\d{4}$/.test(t)) return { value: text };
  // An accounting negative, "(1,500)" or "(£1,500.50)": Excel opens it as a negative number.
  const paren = /^\((£)?\s?((\d{1,3}(,\d{3})+|\d+)(\.\d+)?)\)$/.exec(t);
  if (paren) {
    const n = -Number(paren[2]!.replace(/,/g, ""));
    if (paren[1]) return { value: n, numFmt: /\./.test(t) ? '"£"#,##0.00' : '"£"#,##0' };
    return { value: n, ...(t.includes(",") ? { numFmt: "#,##0" } : {}) };
  }
  const money = /^(-)?£\s?(-)?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.exec(t);
  if (money) {
    const n = Number(t.replace(/[£,\s-]/g, "")) * (money[1] || money[2] ? -1 : 1);
    return { value: n, numFmt: /\./.test(t) ? '"£"#,##0.00' : '"£"#,##0' };
  }
  if (/^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(t)) {
    return { value: Number(t.replace(/,/g, "")), ...(t.includes(",") ? { numFmt: "#,##0" } : {}) };
  }
  const pct = /^(-?\d+(\.\d+)?)%$/.exec(t);
  if (pct) return { value: fractionFromPercent(Number(pct[1])), numFmt: "0%" };
  // dd/mm/yyyy, and yyyy-mm-dd as databases export it (Excel opens both as dates).
  const d = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (d || iso) {
    const day = Number(d ? d[1] : iso![3]);
    const month = Number(d ? d[2] : iso![2]);
    const year = Number(d ? d[3] : iso![1]);
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCMonth() === month - 1 && date.getUTCDate() === day && year >= 1900)
      return { value: date, numFmt: "dd/mm/yyyy" };
  }
  return { value: text };
}
