/**
 * A cancelled item (R3-14) as the meeting sees it: the RAG cell written and --json both say Not assessed with
 * the same reason; the highlight report lists it under its data notes as cancelled, not among the exceptions,
 * and its money is in the report's totals.
 */
import { toJsonReport } from "../../src/engine/json";
import { planRagColumns } from "../../src/engine/rag-columns";
import { highlightLayout } from "../../src/engine/report/highlight";
import { programmeSheet, run } from "../engine/builders";

/** Overdue at 31/12/2020 (target 31/10/2020, 40% done) and over budget: Red, were it not cancelled. */
const late = {
  budget: 100000,
  spent: 60000,
  forecast: 120000,
  start: "2020-04-01",
  end: "2020-10-31",
  progress: "40%",
};

const analysis = () =>
  run([
    programmeSheet([
      { ...late, ref: "LIB-07", name: "Library kiosks", status: "Withdrawn" },
      { ...late, ref: "LIB-08", name: "Library wifi", status: "In progress" },
    ]),
  ]);

test("the RAG cell written and --json say the same for a cancelled item", () => {
  const a = analysis();
  const cells = planRagColumns(a)[0]!.cells;
  expect(cells.map((c) => [c.ref, c.rag?.value])).toEqual([
    ["LIB-07", "Not assessed"],
    ["LIB-08", "Red"],
  ]);
  const json = toJsonReport(a).items.find((i) => i.ref === "LIB-07")!;
  expect(json.rag.overall).toBe("Not assessed");
  expect(json.reasons).toEqual([
    `Not assessed: cancelled (status "Withdrawn" in 'Programme of Works'!L4), so not rated; its money still counts in the totals`,
  ]);
});

test("the highlight report lists it as cancelled in its data notes, not as an exception", () => {
  const values = highlightLayout(analysis())
    .values.flat()
    .filter((v): v is string => typeof v === "string");
  // The exceptions' rows start with the item's reference.
  expect(values).toContain("LIB-08");
  expect(values).not.toContain("LIB-07");
  expect(values).toContain(
    "Cancelled, not rated, their money still in the totals (1): LIB-07 Library kiosks (Withdrawn)",
  );
});
