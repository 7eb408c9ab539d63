/**
 * The exceptions run worst first by the worse of computed and reported, and among equals the worse reported
 * first, so an item reported Red is never listed after one reported Amber within the same group; the section's
 * note says the order.
 */
import { join } from "node:path";
import { analyse } from "../../src/engine/analyse";
import { parseIsoDay } from "../../src/engine/dates";
import type { AssessedItem } from "../../src/engine/model";
import type { OverallRag } from "../../src/engine/rag";
import { severityRank } from "../../src/engine/rag";
import { EXCEPTION_ORDER_NOTE, exceptions } from "../../src/engine/report/exceptions";
import { highlightLayout } from "../../src/engine/report/highlight";
import { loadWorkbook } from "../../src/adapters/file/read/read-workbook";

const worst = (i: AssessedItem) =>
  Math.min(severityRank(i.rag.overall), severityRank(i.rag.computed as OverallRag));

test("among items equally bad, the worse reported comes first", async () => {
  const wb = await loadWorkbook(join(__dirname, "..", "..", "samples/ict-strategy-programme.xlsx"));
  const a = analyse(wb.sheets, { reportingDate: parseIsoDay("2020-12-31")! });
  const list = exceptions(a.items);
  expect(list.length).toBeGreaterThan(3);
  // Built from the sample's items with their computed rating kept and the reported one made worse on the
  // last of each group, so the order has to move it.
  const amberOnes = a.items.filter((i) => i.rag.computed === "Red");
  expect(amberOnes.length).toBeGreaterThan(1);
  // The one the overspend alone would list last is reported Red, the rest Amber.
  const v = (i: AssessedItem) => i.variance ?? -Infinity;
  const last = amberOnes.reduce((m, i, k) => (v(i) < v(amberOnes[m]!) ? k : m), 0);
  const tweaked = amberOnes.map((i, k) =>
    k === last
      ? { ...i, rag: { ...i.rag, overall: "Red" as OverallRag } }
      : { ...i, rag: { ...i.rag, overall: "Amber" as OverallRag } },
  );
  const ordered = exceptions(tweaked);
  expect(ordered[0]!.rag.overall).toBe("Red");
  for (let k = 1; k < list.length; k++) {
    const [p, q] = [list[k - 1]!, list[k]!];
    expect(worst(p)).toBeLessThanOrEqual(worst(q));
    if (worst(p) === worst(q))
      expect(severityRank(p.rag.overall)).toBeLessThanOrEqual(severityRank(q.rag.overall));
  }
  const layout = highlightLayout(a, {});
  expect(layout.values.some((row) => row[0] === EXCEPTION_ORDER_NOTE)).toBe(true);
});
