/**
 * Safe in real Excel (issue 8): the Office adapter against the stricter fake, point by point. Each test failed
 * on the adapter before this issue (it deleted and re-added its sheets, replaced formulas in the RAG column,
 * discovered protection half-way, and let Excel type text such as "3E1" as numbers).
 */
import { OperationError } from "../../src/app/operations";
import { markerName } from "../../src/engine/own-sheets";
import type { GridCellSpec, WorkbookModel } from "../../tools/excel-sim/excel-model";
import { diffSnapshots, snapshotCells, workbookModelFromGrid } from "../../tools/excel-sim/excel-model";
import { SAMPLE, fakeOf, input, modelOf, opsOf } from "./support";
import { changeLines, runOn, userFormula } from "./sweep-support";

const HEADER = ["Ref", "Project", "Budget", "Forecast", "Target date", "RAG"];

/** A small programme sheet: Ref, Project, Budget, Forecast, Target date, RAG (column F). */
function programme(rows: GridCellSpec[][], extra: { merges?: string[] } = {}): WorkbookModel {
  return workbookModelFromGrid([
    { name: "Programme", rows: [HEADER, ...rows], ...(extra.merges ? { merges: extra.merges } : {}) },
  ]);
}

const due = new Date(Date.UTC(2021, 2, 31));

function cell(model: WorkbookModel, sheet: string, address: string) {
  return snapshotCells(model)[`${sheet}!${address}`];
}

async function failure(p: Promise<unknown>): Promise<OperationError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(OperationError);
    return e as OperationError;
  }
  throw new Error("expected the operation to fail");
}

describe("1. nothing is overwritten without a record", () => {
  test("a failure at the first write of the RAG column leaves the change log already holding its lines", async () => {
    const model = await modelOf(SAMPLE);
    await runOn(model, "report", "2020-09-30");
    // Make a RAG cell the refresh will change, and find the write that changes the RAG column's values.
    const probe = model.clone();
    const w0 = probe.writes;
    await runOn(probe, "refresh");
    const total = probe.writes - w0;
    let recorded = 0;
    for (let k = 1; k <= total; k++) {
      const m = model.clone();
      m.failAtWrite = { at: m.writes + k };
      await failure(runOn(m, "refresh"));
      const before = snapshotCells(model);
      const after = snapshotCells(m);
      const changedRag = diffSnapshots(before, after).filter(
        (c) => c.sheet === "Programme of Works" && c.changed.includes("value") && c.before?.value,
      );
      if (changedRag.length === 0) continue;
      const lines = new Set(changeLines(after));
      for (const c of changedRag)
        expect(lines.has([c.sheet, c.address, c.before!.value, c.after?.value ?? ""].join("|"))).toBe(true);
      recorded++;
      break;
    }
    expect(recorded).toBe(1);
  });

  test("running again after a failure records nothing twice", async () => {
    const model = programme([
      ["P1", "Network", 1000, 2000, due, "Green"],
      ["P2", "Laptops", 1000, 1000, due, "Red"],
    ]);
    // Find the first write after the change log's lines (a write to the RAG column) and fail there.
    const clean = model.clone();
    await runOn(clean, "refresh");
    const expected = changeLines(snapshotCells(clean)).sort();
    expect(expected.length).toBeGreaterThan(0);
    for (let k = 1; k < 40; k++) {
      const m = model.clone();
      m.failAtWrite = { at: k };
      const failed = await runOn(m, "refresh").then(
        () => false,
        () => true,
      );
      m.failAtWrite = null;
      if (!failed) break;
      await runOn(m, "refresh");
      expect(changeLines(snapshotCells(m)).sort()).toEqual(expected);
    }
  });
});

describe("2. the tool's own sheets are kept, not deleted and re-added", () => {
  test("a user's formula on RAG History survives reports and refreshes, and no call clears the undo stack", async () => {
    const model = await modelOf(SAMPLE);
    await runOn(model, "report", "2020-09-30");
    await userFormula(model, "Notes", "H2", "='RAG History'!A2");
    const ids = model.sheets.map((s) => s.id);
    model.undoClearedBy.length = 0;
    await runOn(model, "refresh");
    await runOn(model, "report");
    await runOn(model, "report");
    const h2 = cell(model, "Notes", "H2")!;
    expect(h2.formula).toBe("='RAG History'!A2");
    expect(h2.value).toBe("Q2 2020/21");
    // Same sheets (by id): none was deleted and added again.
    expect(model.sheets.map((s) => s.id)).toEqual(ids);
    expect(model.undoClearedBy).toEqual([]);
  });

  test("a refresh on a workbook without the tool's sheets makes no undo-clearing call either", async () => {
    const model = await modelOf(SAMPLE);
    await runOn(model, "refresh");
    expect(model.undoClearedBy).toEqual([]);
  });

  test("the first report sets the new report sheet's position (the only undo-clearing call, on Windows and Mac)", async () => {
    const model = await modelOf(SAMPLE);
    await runOn(model, "report");
    expect(model.undoClearedBy).toEqual(["Worksheet.position"]);
  });

  test("a forged marker pointing at a user's sheet does not make the tool write over it", async () => {
    const model = await modelOf(SAMPLE);
    model.addName(markerName("history"), "='Notes'!$A$1", "", "test");
    const before = snapshotCells(model);
    await runOn(model, "report");
    const notes = diffSnapshots(before, snapshotCells(model)).filter((c) => c.sheet === "Notes");
    expect(notes).toEqual([]);
    expect(model.findSheet("RAG History")).toBeDefined();
    expect(model.findName(markerName("history"))?.formula).toBe("='RAG History'!$A$1");
  });
});

describe("3. a user's formula in the RAG column is never replaced", () => {
  test("the formula stays, the issue names the cell, the computed rating goes to a Computed RAG column", async () => {
    const model = programme([
      ["P1", "Network", 1000, 2000, due, { formula: '=IF(D2>C2,"Red","Green")', value: "Red" }],
      ["P2", "Laptops", 1000, 1000, due, "Red"],
    ]);
    const r = await runOn(model, "refresh");
    const f2 = cell(model, "Programme", "F2")!;
    expect(f2.formula).toBe('=IF(D2>C2,"Red","Green")');
    expect(cell(model, "Programme", "G1")?.value).toBe("Computed RAG");
    const item = r.analysis.items.find((i) => i.ref === "P1")!;
    expect(cell(model, "Programme", "G2")?.value).toBe(item.rag.computed);
    const issue = r.analysis.issues.find((i) => i.cell === "F2");
    expect(issue?.message).toMatch(/holds a formula, which the add-in leaves as it is/);
    // The other row's RAG cell is written as usual, and nothing logs the formula cell as changed.
    expect(cell(model, "Programme", "F3")?.value).toBe(
      r.analysis.items.find((i) => i.ref === "P2")!.rag.overall,
    );
    expect(changeLines(snapshotCells(model)).some((l) => l.includes("|F2|"))).toBe(false);
  });
});

describe("4. protection is checked before the first write", () => {
  test("a protected programme sheet: nothing is written, the message names the sheet and what to do", async () => {
    const model = await modelOf(SAMPLE);
    model.findSheet("Programme of Works")!.protected = true;
    const before = snapshotCells(model);
    const names = model.sheets.map((s) => s.name);
    const e = await failure(runOn(model, "report"));
    expect(e.code).toBe("AccessDenied");
    expect(e.message).toMatch(
      /"Programme of Works" is protected.*Review > Unprotect Sheet.*Nothing was changed/,
    );
    expect(diffSnapshots(before, snapshotCells(model))).toEqual([]);
    expect(model.sheets.map((s) => s.name)).toEqual(names);
  });

  test("a protected own sheet, or workbook structure when a sheet must be added: nothing is written", async () => {
    const model = await modelOf(SAMPLE);
    await runOn(model, "report", "2020-09-30");
    model.findSheet("Change Log")!.protected = true;
    const before = snapshotCells(model);
    const e = await failure(runOn(model, "refresh"));
    expect(e.message).toMatch(/"Change Log" is protected/);
    expect(diffSnapshots(before, snapshotCells(model))).toEqual([]);

    const fresh = await modelOf(SAMPLE);
    fresh.structureProtected = true;
    const e2 = await failure(runOn(fresh, "refresh"));
    expect(e2.code).toBe("AccessDenied");
    expect(e2.message).toMatch(/structure is protected.*"Change Log".*Review > Protect Workbook/);
    expect(fresh.sheets.map((s) => s.name)).toEqual(["Programme of Works", "Notes", "Lookups"]);
  });

  test("with structure protection on, a refresh whose sheets all exist still runs", async () => {
    const model = await modelOf(SAMPLE);
    await runOn(model, "report", "2020-09-30");
    model.structureProtected = true;
    await expect(runOn(model, "report")).resolves.toBeDefined();
  });

  test("the advice for InvalidArgument no longer blames protection", async () => {
    const model = await modelOf(SAMPLE);
    const e = await failure(
      opsOf(fakeOf(model, { failAtSync: { at: 1, code: "InvalidArgument" } })).refreshRag(input()),
    );
    expect(e.message).not.toMatch(/protect/i);
  });
});

describe("5. Excel's limits are kept before writing", () => {
  test("a very long risk text does not make a report row taller than 409 points", async () => {
    const long = "A long explanation of the risk. ".repeat(400);
    const model = workbookModelFromGrid([
      {
        name: "Programme",
        rows: [
          ["Ref", "Project", "Budget", "Forecast", "Target date", "Risk", "RAG"],
          ["P1", "Network", 1000, 2000, due, long, "Green"],
        ],
      },
    ]);
    await runOn(model, "report");
    const heights = [...model.findSheet("Highlight Report")!.rowHeights.values()];
    expect(Math.max(...heights)).toBeLessThanOrEqual(409);
  });
});

describe("5b. a stray value far from the data", () => {
  test("a used range to XFD1048576 is not read whole: the same round trips, and the pane says what was passed over", async () => {
    const plain = await modelOf(SAMPLE);
    const stray = plain.clone();
    await userFormula(stray, "Programme of Works", "XFD1048576", "x");
    const a = await opsOf(fakeOf(plain)).refreshRag(input());
    const fake = fakeOf(stray);
    const b = await opsOf(fake).refreshRag(input());
    expect(b.written.syncs).toBe(a.written.syncs);
    expect(Math.max(...fake.stats.responseBytes)).toBeLessThan(1_000_000);
    expect(b.analysis.items.map((i) => i.rag.overall)).toEqual(a.analysis.items.map((i) => i.rag.overall));
    const issue = b.analysis.issues.find((i) => i.cell === "XFD1048576");
    expect(issue?.message).toMatch(
      /used range reaches XFD1048576: cells right of column IV and below row 100,000 were not read/,
    );
  });
});

describe("6. text stays text", () => {
  test.each(["3E1", "1E5", "1 1/2", "10:30 AM", "January 5, 2021", "=1+1", "1,000"])(
    "Ref and name %s are written to the history and the report as that text",
    async (text) => {
      const model = programme([[text, text, 1000, 2000, due, "Green"]]);
      await runOn(model, "report");
      const history = snapshotCells(model);
      // RAG History row 2: Ref in D, Name in E.
      expect([history["RAG History!D2"]?.value, history["RAG History!E2"]?.value]).toEqual([text, text]);
      expect([history["RAG History!D2"]?.formula, history["RAG History!E2"]?.formula]).toEqual([null, null]);
      const onReport = Object.values(history).filter(
        (c) => c.sheet === "Highlight Report" && c.value === text,
      );
      expect(onReport.length).toBeGreaterThan(0);
    },
  );
});

describe("8. hidden and filtered rows", () => {
  test("items on hidden or filtered-out rows are counted and their RAG cells get their own ratings", async () => {
    const model = workbookModelFromGrid([
      {
        name: "Programme",
        rows: [
          HEADER,
          ["P1", "Network", 1000, 2000, due, "Green"],
          ["P2", "Laptops", 1000, 1000, due, "Red"],
          ["P3", "Phones", 1000, 1300, due, null],
          ["P4", "Printers", 1000, 900, due, "Amber"],
        ],
        // Rows 3 and 4 (P2, P3) hidden, as a filter hides them.
        hiddenRows: [2, 3],
      },
    ]);
    const r = await runOn(model, "refresh");
    expect(r.analysis.items.map((i) => i.ref)).toEqual(["P1", "P2", "P3", "P4"]);
    for (const i of r.analysis.items)
      expect(cell(model, "Programme", `F${i.row}`)?.value).toBe(i.rag.overall);
    // Still hidden: the add-in changes no row's visibility.
    expect([...model.findSheet("Programme")!.hiddenRows!].sort()).toEqual([2, 3]);
  });
});

describe("8. a programme inside an Excel table", () => {
  test("the RAG column the add-in adds is a column of the table, added through the table", async () => {
    const model = workbookModelFromGrid([
      {
        name: "Programme",
        rows: [
          ["Ref", "Project", "Budget", "Forecast", "Target date"],
          ["P1", "Network", 1000, 2000, due],
          ["P2", "Laptops", 1000, 1000, due],
        ],
      },
    ]);
    const sheet = model.findSheet("Programme")!;
    model.tables.push({
      id: "{T1}",
      name: "Works",
      sheetId: sheet.id,
      rect: { row: 0, col: 0, rows: 3, cols: 5 },
    });
    const r = await runOn(model, "refresh");
    expect(model.tables[0]!.rect).toEqual({ row: 0, col: 0, rows: 3, cols: 6 });
    expect(cell(model, "Programme", "F1")?.value).toBe("RAG");
    for (const i of r.analysis.items)
      expect(cell(model, "Programme", `F${i.row}`)?.value).toBe(i.rag.overall);
    // A second run finds the table's RAG column and adds nothing.
    await runOn(model, "refresh");
    expect(model.tables[0]!.rect.cols).toBe(6);
    expect(cell(model, "Programme", "G1")).toBeUndefined();
  });
});

describe("8. merged rows", () => {
  test("a section row merged across the RAG column is not written through", async () => {
    const model = programme(
      [
        ["P1", "Network", 1000, 2000, due, "Green"],
        ["Section B: devices", null, null, null, null, null],
        ["P2", "Laptops", 1000, 1000, due, "Red"],
      ],
      { merges: ["A3:F3"] },
    );
    const r = await runOn(model, "refresh");
    expect(r.analysis.items.map((i) => i.ref)).toEqual(["P1", "P2"]);
    expect(model.findSheet("Programme")!.merges).toHaveLength(1);
    expect(cell(model, "Programme", "A3")?.value).toBe("Section B: devices");
  });
});
