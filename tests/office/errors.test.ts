/**
 * Excel's refusals and silences become plain messages (OperationError), a failure while reading changes nothing,
 * and a failure while writing says which sheets may be incomplete.
 */
import { OperationError } from "../../src/app/operations";
import { installFakeExcel } from "../../tools/excel-sim/excel-fake";
import { diffSnapshots, snapshotCells } from "../../tools/excel-sim/excel-model";
import { ExcelHost } from "../../tools/excel-sim/excel-model/host";
import { SAMPLE, fakeOf, input, modelOf, opsOf } from "./support";

async function failure(p: Promise<unknown>): Promise<OperationError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(OperationError);
    return e as OperationError;
  }
  throw new Error("expected the operation to fail");
}

const CODES: [string, RegExp][] = [
  [
    "InvalidArgument",
    /Excel refused a value or setting the add-in sent \(InvalidArgument\): this is a fault in the add-in/,
  ],
  ["ItemNotFound", /no longer there \(ItemNotFound\).*Run it again/],
  ["ItemAlreadyExists", /already exists \(ItemAlreadyExists\)/],
  ["RequestPayloadSizeLimitExceeded", /too large \(RequestPayloadSizeLimitExceeded\).*5 MB/],
  ["ApiNotFound", /does not support \(ApiNotFound\).*1\.9/],
  ["GeneralException", /Excel refused the request \(GeneralException/],
  // Excel.ErrorCodes names (office-js-docs-reference excel.errorcodes), each with its real cause.
  [
    "InvalidOperationInCellEditMode",
    /a cell is being edited \(InvalidOperationInCellEditMode\): press Enter or Esc/,
  ],
  ["AccessDenied", /protected, or the workbook is open read-only.*Unprotect Sheet/],
  ["InvalidSelection", /a chart, picture or shape is selected \(InvalidSelection\): click any cell/],
];

describe("a failure while reading changes nothing", () => {
  test.each(CODES)("%s in the first round trip", async (code, message) => {
    const model = await modelOf(SAMPLE);
    const before = snapshotCells(model);
    const e = await failure(opsOf(fakeOf(model, { failAtSync: { at: 1, code } })).refreshRag(input()));
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
    expect(e.message).toMatch(/Nothing was changed in the workbook\.$/);
    expect(diffSnapshots(before, snapshotCells(model))).toEqual([]);
  });

  test.each(CODES)("%s in the second round trip (the cells)", async (code, message) => {
    const model = await modelOf(SAMPLE);
    const before = snapshotCells(model);
    const e = await failure(opsOf(fakeOf(model, { failAtSync: { at: 2, code } })).buildReport(input()));
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
    expect(diffSnapshots(before, snapshotCells(model))).toEqual([]);
    expect(model.sheets.map((s) => s.name)).toEqual([
      "Programme of Works",
      "Milestones",
      "Notes",
      "Risk Register",
      "Lookups",
    ]);
  });
});

describe("a failure while writing names what may be incomplete", () => {
  test.each(CODES)("%s in the write round trip", async (code, message) => {
    const model = await modelOf(SAMPLE);
    const e = await failure(opsOf(fakeOf(model, { failAtSync: { at: 4, code } })).refreshRag(input()));
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
    expect(e.message).toMatch(/Writing stopped: "Change Log" and "Programme of Works" may be incomplete\./);
  });

  test("the second of several write requests fails: the first was written, the message says which step", async () => {
    const model = await modelOf(SAMPLE);
    const fake = fakeOf(model, { failAtSync: { at: 5, code: "InvalidArgument" } });
    // Requests small enough that the report takes several, and large enough that the first holds the Change
    // Log's new lines whole (with its summary line's wrap and height).
    const e = await failure(opsOf(fake, { chunkBytes: 24_000 }).buildReport(input()));
    expect(e.message).toMatch(
      /Writing stopped at step 2 of \d+: "Programme of Works", "Highlight Report", "RAG History", "Milestone History" and "Risk History" may be incomplete/,
    );
    // Step 1 (the sheets added, the change log's new lines, the start of the RAG columns) was applied.
    expect(model.findSheet("Highlight Report")).toBeDefined();
  });
});

describe("a round trip that never answers times out", () => {
  test("while reading", async () => {
    const model = await modelOf(SAMPLE);
    const fake = fakeOf(model, { hangAtSync: 2 });
    const e = await failure(opsOf(fake, { syncTimeoutMs: 200 }).refreshRag(input()));
    expect(e.code).toBe("Timeout");
    expect(e.message).toBe(
      "Excel did not answer within 0.2 seconds: if you are typing in a cell, press Enter or Esc; then run it again. Nothing was changed in the workbook.",
    );
  });

  test("while writing", async () => {
    const model = await modelOf(SAMPLE);
    const e = await failure(
      opsOf(fakeOf(model, { hangAtSync: 4 }), { syncTimeoutMs: 200 }).refreshRag(input()),
    );
    expect(e.code).toBe("Timeout");
    expect(e.message).toMatch(
      /did not answer.*Writing stopped: "Change Log" and "Programme of Works" may be incomplete/,
    );
  });

  test("saving the settings", async () => {
    const model = await modelOf(SAMPLE);
    const e = await failure(
      opsOf(fakeOf(model, { hangAtSync: 1 }), { syncTimeoutMs: 100 }).saveSettings({
        rules: input().rules,
        allocation: input().allocation,
      }),
    );
    expect(e.code).toBe("Timeout");
    expect(e.message).toMatch(/The settings were not saved\.$/);
  });
});

test("an Excel older than ExcelApi 1.9 is refused before anything is read or written", async () => {
  const model = await modelOf(SAMPLE);
  const fake = installFakeExcel(model, { requirementSet: "1.8" });
  try {
    const e = await failure(opsOf(fake).buildReport(input()));
    expect(e.code).toBe("ApiNotFound");
    expect(e.message).toMatch(/Excel JavaScript API 1\.9/);
    expect(fake.stats.syncs).toBe(0);
  } finally {
    fake.restore();
  }
});

test("every operation runs with the fake at ExcelApi 1.9, which refuses any member above it", async () => {
  const model = await modelOf(SAMPLE);
  const fake = installFakeExcel(model, { requirementSet: "1.9" });
  try {
    const ops = opsOf(fake);
    await ops.scan();
    await ops.refreshRag(input());
    await ops.buildReport(input());
    await ops.selectCell("Programme of Works", "H14");
    await ops.saveSettings({ rules: input().rules, allocation: input().allocation });
  } finally {
    fake.restore();
  }
});

test("no programme sheet: a plain message, and nothing written", async () => {
  const model = await modelOf(SAMPLE);
  model.renameSheet(model.findSheet("Programme of Works")!.id, "Old");
  model.setVisibility(model.findSheet("Old")!.id, "Hidden");
  const before = snapshotCells(model);
  const e = await failure(opsOf(fakeOf(model)).refreshRag(input()));
  expect(e.code).toBe("NoProgrammeSheet");
  expect(e.message).toMatch(/No programme-of-works sheet was found.*Nothing was changed\.$/);
  expect(diffSnapshots(before, snapshotCells(model))).toEqual([]);
});

describe("selectCell", () => {
  test("activates the sheet and selects the cell", async () => {
    const model = await modelOf(SAMPLE);
    model.activate(model.findSheet("Notes")!.id);
    await opsOf(fakeOf(model)).selectCell("Programme of Works", "H14");
    expect(model.activeSheetId).toBe(model.findSheet("Programme of Works")!.id);
    expect(model.selection).toEqual({ row: 13, col: 7, rows: 1, cols: 1 });
  });

  test("a sheet that is gone", async () => {
    const e = await failure(opsOf(fakeOf(await modelOf(SAMPLE))).selectCell("Deleted sheet", "A1"));
    expect(e.code).toBe("ItemNotFound");
    expect(e.message).not.toMatch(/Nothing was changed|Writing stopped/);
  });
});

const original = ExcelHost.prototype.invoke;
const originalSet = ExcelHost.prototype.set;

describe("advice names the real cause", () => {
  test("InvalidArgument no longer blames protection or cell editing (those have codes of their own)", async () => {
    const model = await modelOf(SAMPLE);
    const e = await failure(
      opsOf(fakeOf(model, { failAtSync: { at: 3, code: "InvalidArgument" } })).refreshRag(input()),
    );
    expect(e.message).not.toMatch(/protect|being edited/i);
  });

  test("InvalidOperation no longer blames protection (Excel answers AccessDenied for that)", async () => {
    const model = await modelOf(SAMPLE);
    const e = await failure(
      opsOf(fakeOf(model, { failAtSync: { at: 3, code: "InvalidOperation" } })).refreshRag(input()),
    );
    expect(e.code).toBe("InvalidOperation");
    expect(e.message).not.toMatch(/protect/i);
  });
});

test("the report's sheet is activated only after every write, so a selected chart cannot make a merge fail", async () => {
  // Excel refuses Range.merge with InvalidSelection while a chart is selected (OfficeDev/office-js#399);
  // activating the report sheet (whose charts were just added) before the remaining writes invites that.
  const model = await modelOf(SAMPLE);
  const calls: string[] = [];
  const invoke = jest.spyOn(ExcelHost.prototype, "invoke").mockImplementation(function (
    this: ExcelHost,
    h,
    method,
    args,
  ) {
    calls.push(`${h.t}.${method}`);
    return original.call(this, h, method, args);
  });
  const set = jest.spyOn(ExcelHost.prototype, "set").mockImplementation(function (
    this: ExcelHost,
    h,
    prop,
    value,
  ) {
    calls.push(`${h.t}.${prop}=`);
    originalSet.call(this, h, prop, value);
  });
  try {
    await opsOf(fakeOf(model), { chunkBytes: 60_000 }).buildReport(input());
  } finally {
    invoke.mockRestore();
    set.mockRestore();
  }
  const activations = calls.filter((c) => c === "Worksheet.activate");
  expect(activations).toHaveLength(1);
  const at = calls.indexOf("Worksheet.activate");
  const writesAfter = calls.slice(at + 1).filter((c) => c.endsWith("=") || c.endsWith(".merge"));
  expect(writesAfter).toEqual([]);
  expect(model.activeSheet().name).toBe("Highlight Report");
});

describe("the user is editing a cell (the workbook model in cell-edit mode)", () => {
  test("a refresh and a report write nothing and say to finish editing the cell", async () => {
    const model = await modelOf(SAMPLE);
    model.cellEditMode = true;
    const before = snapshotCells(model);
    for (const run of [
      (o: ReturnType<typeof opsOf>) => o.refreshRag(input()),
      (o: ReturnType<typeof opsOf>) => o.buildReport(input()),
    ]) {
      const e = await failure(run(opsOf(fakeOf(model))));
      expect(e.code).toBe("InvalidOperationInCellEditMode");
      expect(e.message).toMatch(/a cell is being edited .*press Enter or Esc/);
      expect(e.message).toMatch(/Nothing was changed in the workbook\.$/);
    }
    expect(diffSnapshots(before, snapshotCells(model))).toEqual([]);
    expect(model.sheets.map((s) => s.name)).toEqual([
      "Programme of Works",
      "Milestones",
      "Notes",
      "Risk Register",
      "Lookups",
    ]);
    // Once the user presses Enter, the same refresh goes through.
    model.cellEditMode = false;
    const r = await opsOf(fakeOf(model)).refreshRag(input());
    expect(r.written.ragCells).toBeGreaterThan(0);
  });
});
