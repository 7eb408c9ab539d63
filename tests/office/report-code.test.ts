/**
 * The report's code loaded on demand (OfficeOperationsOptions.loadReport; in the pane, report-code.ts's import(),
 * a webpack chunk of its own): asked for only by a report, before anything is read; a load that fails is said in
 * plain words with nothing read or written, and the next report loads it; without a loader (the ribbon's function
 * file) a report is refused and a refresh works as before.
 */
import { LOADING_REPORT_STEP } from "../../src/adapters/office/operations";
import { loadReportCode } from "../../src/adapters/office/report-code";
import { reportSheets } from "../../src/engine/report-plan";
import { snapshotCells } from "../../tools/excel-sim/excel-model";
import { OWN_SHEETS, SAMPLE, fakeOf, input, modelOf, opsOf } from "./support";

test("the loader gives the engine's report sheets", async () => {
  expect(await loadReportCode()).toBe(reportSheets);
});

test("only a report asks for the report's code, once per report, before the first read", async () => {
  const model = await modelOf(SAMPLE);
  const fake = fakeOf(model);
  const order: string[] = [];
  const loadReport = jest.fn(async () => {
    order.push("load");
    return reportSheets;
  });
  const ops = opsOf(fake, { loadReport, onRoundTrip: (k) => order.push(k) });
  await ops.scan();
  await ops.refreshRag(input());
  expect(loadReport).not.toHaveBeenCalled();

  order.length = 0;
  const steps: [string, number | null][] = [];
  const r = await ops.buildReport(input(), (step, fraction) => steps.push([step, fraction]));
  expect(loadReport).toHaveBeenCalledTimes(1);
  expect(order[0]).toBe("load");
  expect(steps[0]).toEqual([LOADING_REPORT_STEP, null]);
  expect(steps[1]?.[0]).toBe("Reading the workbook");
  expect(r.written.sheets).toEqual(expect.arrayContaining(OWN_SHEETS));
});

test("a report whose code cannot be loaded says so, reads and writes nothing; the next one loads it", async () => {
  const model = await modelOf(SAMPLE);
  const before = snapshotCells(model);
  const fake = fakeOf(model);
  const trips: string[] = [];
  let online = false;
  const loadReport = jest.fn(async () => {
    if (!online)
      throw new Error("Loading chunk 42 failed.\n(error: https://localhost:3000/report.1234abcd.chunk.js)");
    return reportSheets;
  });
  const ops = opsOf(fake, { loadReport, onRoundTrip: (k) => trips.push(k) });

  const failed = ops.buildReport(input());
  await expect(failed).rejects.toMatchObject({ code: "ReportCodeNotLoaded" });
  await expect(failed).rejects.toThrow(
    "The add-in could not load the part that builds the highlight report: check the connection to the internet, then click Build highlight report again. Nothing was changed.",
  );
  expect(trips).toEqual([]);
  expect(snapshotCells(model)).toEqual(before);

  online = true;
  const r = await ops.buildReport(input());
  expect(loadReport).toHaveBeenCalledTimes(2);
  expect(r.written.sheets).toEqual(expect.arrayContaining(OWN_SHEETS));
});

test("without a loader a report is refused with nothing changed, and a refresh works", async () => {
  const model = await modelOf(SAMPLE);
  const before = snapshotCells(model);
  const ops = opsOf(fakeOf(model), { loadReport: undefined });
  await expect(ops.buildReport(input())).rejects.toMatchObject({
    code: "ReportCodeNotLoaded",
    message: expect.stringMatching(/built from the RAG pane .*Nothing was changed\./),
  });
  expect(snapshotCells(model)).toEqual(before);
  const r = await ops.refreshRag(input());
  expect(r.written.ragCells).toBeGreaterThan(0);
  expect(r.written.sheets).toEqual(["Change Log"]);
});
