/**
 * A failure at every write of a refresh and of a report, on the bundled sample (see sweep-support.ts for what
 * is checked after each). The report is swept on a workbook that already holds a Q2 report, so its own sheets
 * are kept and appended to; the refresh on the plain sample, so the Change Log is added.
 */
import type { WorkbookModel } from "../../tools/excel-sim/excel-model";
import { SAMPLE, modelOf } from "./support";
import { runOn, sweep, userFormula } from "./sweep-support";

let sample: WorkbookModel;
let afterQ2: WorkbookModel;

beforeAll(async () => {
  sample = await modelOf(SAMPLE);
  afterQ2 = sample.clone();
  await runOn(afterQ2, "report", "2020-09-30");
  // A user's formula on a sheet of theirs that points at the tool's history.
  await userFormula(afterQ2, "Notes", "H2", "='RAG History'!A2");
});

test("refresh on the sample: a failure at every write", async () => {
  const writes = await sweep(sample, "refresh");
  expect(writes).toBeGreaterThan(50);
}, 300_000);

test("refresh after a Q2 report: a failure at every write", async () => {
  const writes = await sweep(afterQ2, "refresh");
  // 43 writes since the cells of one RAG colour are coloured with one RangeAreas command (over 50 before).
  expect(writes).toBeGreaterThan(40);
}, 300_000);

/**
 * The report has about 900 writes; in the gate every tenth is swept (under a minute), SWEEP_EVERY=1 sweeps
 * them all (18 minutes on a loaded 2-core machine).
 */
const EVERY = Number(process.env.SWEEP_EVERY ?? 10);

test(`Q3 report after a Q2 report: a failure at every ${EVERY === 1 ? "" : `${EVERY}th `}write`, async () => {
  const writes = await sweep(afterQ2, "report", EVERY);
  expect(writes).toBeGreaterThan(500);
}, 900_000);
