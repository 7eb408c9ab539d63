/**
 * The exceptions' "Why (reasons)" explains every rating the row shows: a dimension that reads "Not assessed" says
 * why (the sample's DS06 has the risk score "High", not a number; its Risk column read "Not assessed" with no
 * reason given; found by a new user's review).
 */
import { join } from "node:path";
import { loadWorkbook } from "../../src/adapters/file/read/read-workbook";
import { analyse } from "../../src/engine/analyse";
import { parseIsoDay } from "../../src/engine/dates";
import { highlightLayout } from "../../src/engine/report/highlight";

test("an exception whose risk is not assessed says why in its reasons", async () => {
  const wb = await loadWorkbook(join(__dirname, "..", "..", "samples", "ict-strategy-programme.xlsx"));
  const a = analyse(wb.sheets, { reportingDate: parseIsoDay("2020-12-31")! });
  const ds06 = a.items.find((i) => i.ref === "DS06")!;
  expect(ds06.rag.risk).toBe("Not assessed");
  const layout = highlightLayout(a);
  const row = layout.values.find((r) => r[0] === "DS06");
  expect(row).toBeDefined();
  const why = String(row!.find((v) => typeof v === "string" && v.includes("Risk: ")) ?? "");
  expect(why).toMatch(/Risk: Not assessed: /);
});
