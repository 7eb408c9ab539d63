/** Coming up at a monthly report: the rest of the current quarter and the next quarter, in the report and the CLI. */
import { summaryLines } from "../../src/cli/summary";
import { comingUp } from "../../src/engine/report/exceptions";
import { highlightLayout } from "../../src/engine/report/highlight";
import { programmeSheet, run } from "../engine/builders";

const sheet = programmeSheet([
  { ref: "N1", name: "Due in November", budget: 1000, start: "01/04/2020", end: "20/11/2020" },
  { ref: "D1", name: "Due in December", budget: 1000, start: "01/04/2020", end: "15/12/2020" },
  { ref: "F1", name: "Due in February", budget: 1000, start: "01/04/2020", end: "15/02/2021" },
  { ref: "A1", name: "Due in April", budget: 1000, start: "01/04/2020", end: "15/04/2021" },
]);

test("a monthly report at 30/11/2020 lists what falls due from 01/12/2020 to 31/03/2021 (December was in neither list)", () => {
  const a = run([sheet], "2020-11-30", { cycle: "month" });
  const due = comingUp(a);
  expect(due.quarter.label).toBe("the rest of Q3 2020/21 and Q4 2020/21");
  expect(due.items.map((i) => i.ref)).toEqual(["D1", "F1"]);
  const layout = highlightLayout(a);
  expect(layout.values.map((r) => r[0])).toContain(
    "Coming up: items due in the rest of Q3 2020/21 and Q4 2020/21 (01/12/2020 to 31/03/2021)",
  );
  expect(summaryLines(a)).toContain(
    "Coming up in the rest of Q3 2020/21 and Q4 2020/21 (01/12/2020 to 31/03/2021): 2 items due by their target dates",
  );
});

test("a quarterly report, and a monthly one at a quarter's end, list the next quarter", () => {
  for (const cycle of ["quarter", "month"] as const) {
    const a = run([sheet], "2020-12-31", { cycle });
    const due = comingUp(a);
    expect(due.quarter.label).toBe("Q4 2020/21");
    expect(due.items.map((i) => i.ref)).toEqual(["F1"]);
  }
  const q = run([sheet], "2020-11-30", { cycle: "quarter" });
  expect(comingUp(q).items.map((i) => i.ref)).toEqual(["F1"]);
});
