/**
 * Header mapping: the list of header words, units and notes in headers, the tie rules, the RAG column,
 * and finding the header row within the first 30 rows.
 */
import type { CellValue } from "../../src/engine/grid";
import type { FieldKey } from "../../src/engine/model";
import { analyseHeader, bestField, findHeaderRow, mapHeaderRow } from "../../src/engine/read/headers";

function fieldOf(header: string): FieldKey | null {
  const info = analyseHeader(header);
  if (info === null) return null;
  return bestField(info)?.field ?? null;
}

/** The header text of the column chosen for a field in a header row. */
function chosen(row: CellValue[], field: FieldKey, colOffset = 0): { header: string; col: number } | null {
  const m = mapHeaderRow(row, colOffset, 0).byField.get(field)?.[0];
  return m ? { header: m.header, col: m.col } : null;
}

describe("every header word in the issue maps to its field", () => {
  const words: [FieldKey, string[]][] = [
    ["ref", ["id", "ref", "reference", "no"]],
    ["name", ["project", "item", "workstream", "title", "description", "service", "scheme"]],
    ["theme", ["theme", "category", "directorate"]],
    ["owner", ["owner", "lead", "lead officer", "responsible officer", "project manager"]],
    ["budget", ["budget", "allocation", "approved budget", "baseline"]],
    ["spent", ["actual", "actuals", "spend to date", "spent", "expenditure to date"]],
    ["committed", ["committed", "commitments"]],
    ["forecast", ["forecast", "forecast outturn", "projected outturn", "outturn", "eac"]],
    ["variance", ["variance"]],
    ["start", ["start", "start date"]],
    ["end", ["end", "due", "target date", "completion date", "deadline", "finish"]],
    ["progress", ["% complete", "progress"]],
    ["status", ["status"]],
    ["likelihood", ["likelihood", "probability"]],
    ["impact", ["impact", "severity"]],
    ["riskScore", ["risk score"]],
    ["risk", ["risk", "key risk"]],
    ["mitigation", ["mitigation"]],
    ["override", ["rag override", "manual rag", "pm rag", "dca", "delivery confidence"]],
    ["rag", ["rag"]],
  ];
  const cases: [string, FieldKey][] = words.flatMap(([field, ws]) =>
    ws.map((w): [string, FieldKey] => [w, field]),
  );

  test.each(cases)("%p → %p", (word, field) => {
    expect(fieldOf(word)).toBe(field);
  });

  // Case- and punctuation-insensitive: the same words as real sheets write them.
  const styled = (w: string) =>
    w
      .split(" ")
      .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
      .join(" ");
  test.each(cases)("%p in Title Case with a colon → %p", (word, field) => {
    expect(fieldOf(`${styled(word)}:`)).toBe(field);
  });
  test.each(cases)("%p in UPPER CASE → %p", (word, field) => {
    expect(fieldOf(word.toUpperCase())).toBe(field);
  });

  test.each<[string, FieldKey]>([
    ["Ref.", "ref"],
    ["No.", "ref"],
    ["Spend-to-date", "spent"],
    ["Target_Date", "end"],
    ["% Complete", "progress"],
    ["Project Manager / Lead", "owner"],
    ["Key Risk(s)", "risk"],
  ])("punctuated %p → %p", (header, field) => {
    expect(fieldOf(header)).toBe(field);
  });

  // BUG: punctuation inside a word splits it instead of being ignored: "E.A.C." is not EAC, "R.A.G." not RAG.
  test.each<[string, FieldKey]>([
    ["E.A.C.", "forecast"],
    ["R.A.G. status", "rag"],
  ])("punctuation inside a word is ignored: %p → %p", (header, field) => {
    expect(fieldOf(header)).toBe(field);
  });
});

describe("units and notes in headers", () => {
  test.each<[string, FieldKey, number]>([
    ["Budget (£)", "budget", 1],
    ["Budget £", "budget", 1],
    ["Budget (Â£)", "budget", 1],
    ["Forecast Outturn £'000", "forecast", 1_000],
    ["Forecast Outturn (£'000)", "forecast", 1_000],
    ["Financial Year Baseline (£m) (including Non-Government Costs)", "budget", 1_000_000],
    ["Budget £m", "budget", 1_000_000],
    ["Spend to date (£m)", "spent", 1_000_000],
    ["Budget £k", "budget", 1_000],
    ["Budget (£k)", "budget", 1_000],
    ["Committed £000", "committed", 1_000],
    ["Budget (£000)", "budget", 1_000],
    ["Forecast outturn Â£'000", "forecast", 1_000],
    ["Approved budget (£) (as at Cabinet, June 2020)", "budget", 1],
  ])("%p → %p ×%p", (header, field, unit) => {
    const info = analyseHeader(header);
    expect(info).not.toBeNull();
    expect(bestField(info!)?.field).toBe(field);
    expect(info!.unit).toBe(unit);
  });

  test("the unit is carried into the column mapping", () => {
    const row = ["Ref", "Project", "Budget (£k)", "Forecast Outturn £'000", "Financial Year Baseline (£m)"];
    const map = mapHeaderRow(row, 0, 0);
    expect(map.byField.get("forecast")?.[0]).toMatchObject({ col: 3, unit: 1_000 });
    // Two budget-like columns: each keeps its own unit, whichever the budget takes.
    const budgets = map.columns.filter((c) => c.field === "budget");
    expect(budgets.length).toBeGreaterThanOrEqual(1);
    for (const b of budgets) expect(b.unit).toBe(b.col === 2 ? 1_000 : 1_000_000);
  });
});

describe("when two columns could be the same field", () => {
  test.each<[string, CellValue[]]>([
    ["Forecast Outturn first", ["Ref", "Project", "Budget", "Forecast Outturn", "Forecast Variance"]],
    ["Forecast Variance first", ["Ref", "Project", "Budget", "Forecast Variance", "Forecast Outturn"]],
  ])("Forecast Outturn is the forecast (%s)", (_label, row) => {
    expect(chosen(row, "forecast")?.header).toBe("Forecast Outturn");
    expect(chosen(row, "variance")?.header).toBe("Forecast Variance");
  });

  test("the exact word beats a longer header that merely contains it", () => {
    const row = ["Ref", "Project", "Budget", "Forecast variance explanation", "Forecast"];
    expect(chosen(row, "forecast")?.header).toBe("Forecast");
  });

  test("first of equals: two Budget columns → the first", () => {
    expect(chosen(["Ref", "Project", "Budget", "Forecast", "Budget"], "budget")?.col).toBe(2);
  });

  test("first of equals: two Owner columns → the first", () => {
    expect(chosen(["Ref", "Project", "Owner", "Budget", "Owner"], "owner")?.col).toBe(2);
  });

  // BUG: between two exact header words for one field the longer wins, not the first ("Description" over "Project").
  test.each<[FieldKey, string, string]>([
    ["name", "Project", "Description"],
    ["name", "Title", "Description"],
    ["ref", "ID", "Reference"],
    ["forecast", "Forecast", "Forecast Outturn"],
    ["spent", "Actual", "Spend to date"],
    ["budget", "Budget", "Approved budget"],
    ["owner", "Owner", "Lead officer"],
    ["rag", "RAG", "Overall RAG"],
  ])("first of equals for %p: %p before %p → the first", (field, first, second) => {
    const row = [
      ...(field === "ref" ? [] : ["Ref"]),
      ...(field === "name" ? [] : ["Project"]),
      "Theme",
      first,
      "Status",
      second,
      "Budget",
      "Forecast",
    ].filter((h, i, all) => all.indexOf(h) === i);
    expect(chosen(row, field)?.header).toBe(first);
  });

  test("first of equals: the same word twice in the other order still gives the first", () => {
    expect(chosen(["Ref", "Description", "Budget", "Project", "Forecast"], "name")?.header).toBe(
      "Description",
    );
  });

  test("columns are sheet columns: colOffset is added", () => {
    expect(chosen(["Ref", "Project", "Budget", "Forecast"], "forecast", 3)?.col).toBe(6);
  });
});

describe("the RAG column is only exactly RAG, RAG status or Overall RAG", () => {
  test.each([
    "RAG",
    "rag",
    "Rag",
    "RAG status",
    "RAG Status",
    "RAG Status:",
    "rag-status",
    "Overall RAG",
    "OVERALL RAG",
    "Overall_RAG",
    " Overall  RAG ",
  ])("%p is the RAG column", (header) => {
    expect(fieldOf(header)).toBe("rag");
  });

  test.each([
    "Departmental commentary on the IPA RAG rating",
    "RAG rating",
    "Current RAG",
    "Previous RAG",
    "RAG commentary",
    "Finance RAG",
    "RAG status explanation",
    "Overall RAG trend",
  ])("%p is never the RAG column", (header) => {
    expect(fieldOf(header)).not.toBe("rag");
  });

  // BUG: bracketed notes are dropped before the exact-RAG test, so "RAG (last month)" becomes the RAG column.
  test.each(["RAG (last month)", "Overall RAG (previous quarter)", "RAG status (Q2)"])(
    "%p is never the RAG column",
    (header) => {
      expect(fieldOf(header)).not.toBe("rag");
    },
  );

  test("a row whose only RAG-ish header is a commentary column has no RAG column", () => {
    const row = [
      "Ref",
      "Project",
      "Budget",
      "Forecast",
      "Departmental commentary on the IPA RAG rating",
      "Delivery Confidence Assessment",
    ];
    const map = mapHeaderRow(row, 0, 0);
    expect(map.byField.has("rag")).toBe(false);
    expect(map.byField.get("override")?.[0]?.col).toBe(5);
  });
});

describe("findHeaderRow", () => {
  const HEADER: CellValue[] = [
    "Ref",
    "Project",
    "Owner",
    "Budget (£)",
    "Forecast outturn (£)",
    "Target date",
    "RAG",
  ];
  const item: CellValue[] = ["ICT-01", "Laptop refresh", "Head of ICT", 120000, 118500, 44286, ""];

  test("after title rows, merged title cells and blank rows", () => {
    const values: CellValue[][] = [
      ["Anytown District Council", null, null, null, null, null, null], // merged across A1:G1
      ["ICT Strategy 2020-22: Programme of Works", "", "", "", "", "", ""],
      [],
      ["Reporting period: Q3 2020/21"],
      ["", "", "", "", "", "", ""],
      HEADER,
      item,
    ];
    const map = findHeaderRow(values, 0);
    expect(map).not.toBeNull();
    expect(map!.rowIndex).toBe(5);
    expect(map!.byField.get("name")?.[0]?.col).toBe(1);
  });

  test("on row 1", () => {
    expect(findHeaderRow([HEADER, item], 0)?.rowIndex).toBe(0);
  });

  test("on row 30 (the last row looked at)", () => {
    const values: CellValue[][] = [...Array.from({ length: 29 }, () => [] as CellValue[]), HEADER, item];
    expect(findHeaderRow(values, 0)?.rowIndex).toBe(29);
  });

  test("not on row 31", () => {
    const values: CellValue[][] = [...Array.from({ length: 30 }, () => [] as CellValue[]), HEADER, item];
    expect(findHeaderRow(values, 0)).toBeNull();
  });

  test("not on a sheet of prose or numbers", () => {
    const values: CellValue[][] = [
      ["Notes"],
      ["This workbook holds the ICT programme. Figures are in pounds."],
      [1, 2, 3, 4],
    ];
    expect(findHeaderRow(values, 0)).toBeNull();
  });

  test("empty grid: none, and no throw", () => {
    expect(findHeaderRow([], 0)).toBeNull();
  });
});
