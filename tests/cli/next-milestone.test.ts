/** A council fixture with "Next milestone" columns on the programme sheet (issue 12), through the command line. */
import { join } from "node:path";
import type { JsonReport } from "../../src/engine/json";
import { runCli } from "./run-cli";

const fixture = join(__dirname, "..", "fixtures", "council", "next-milestone.xlsx");

test("one milestone per item from the programme sheet's own columns, rated, with the unreadable date named", async () => {
  const r = await runCli([fixture, "--date", "2020-12-31", "--json"]);
  expect(r.code).toBe(0);
  const j = JSON.parse(r.stdout) as JsonReport;
  expect(j.milestones.map((m) => [m.items[0]!.ref, m.name, m.forecast, m.rag, m.missed])).toEqual([
    ["DP-01", "User acceptance testing", "2021-02-12", "Green", false],
    ["DP-02", "Pilot with two repair teams", "2020-12-04", "Red", true],
    ["DP-03", "Scanner installed", "2020-12-31", "Green", false],
    ["DP-04", "Supplier chosen", null, "Not assessed", false],
  ]);
  expect(j.milestones.every((m) => m.source === "programme")).toBe(true);
  const dp02 = j.items.find((i) => i.ref === "DP-02")!;
  expect(dp02.rag.schedule).toBe("Red");
  expect(dp02.reasons).toContain(
    "Red: milestone 'Pilot with two repair teams' was due 04/12/2020 (forecast) and has no actual date by 31/12/2020: missed (27 days overdue)",
  );
  expect(j.issues).toContainEqual({
    sheet: "Digital programme",
    cell: "J7",
    severity: "error",
    message: `milestone 'Supplier chosen': "TBC" is not a date; it is not used`,
  });
});

test("the summary says how many milestones were read", async () => {
  const r = await runCli([fixture, "--date", "2020-12-31"]);
  expect(r.stdout).toContain(
    "Milestones: 4 read from the programme sheets: 1 missed, 0 slipped since the last snapshot, 1 due next quarter, 0 achieved this quarter",
  );
});
