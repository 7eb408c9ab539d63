/**
 * The report's sheets apart from the rest of a run's plan (engine/report-plan.ts), so the add-in can load them on
 * demand: planRunWith with them plans what planRun plans; without them a refresh plans the same and a report is
 * refused; the names the snapshot recognises the tool's sheets by are the builders' own.
 */
import { HIGHLIGHT_SHEET } from "../../src/engine/report/highlight";
import { RISK_HISTORY_SHEET } from "../../src/engine/report/risk-history";
import { reportSheets } from "../../src/engine/report-plan";
import { planRun, planRunWith } from "../../src/engine/run";
import { OWN_SHEET_NAMES, workbookSnapshot } from "../../src/engine/snapshot";
import { buildWritePlanWith } from "../../src/engine/write-plan";
import { analyse } from "../../src/engine/analyse";
import { day, programmeSheet } from "./builders";

const NOW = new Date(2021, 0, 4, 9, 30);
const ITEMS = [
  { ref: "ICT-01", name: "Laptop refresh", budget: 100_000, spent: 40_000, forecast: 100_000, end: 44500 },
  { ref: "ICT-02", name: "Website rebuild", budget: 50_000, spent: 55_000, forecast: 80_000, end: 44300 },
];
const snapshot = () => workbookSnapshot({ sheets: [programmeSheet(ITEMS)], names: [], dateSystem: 1900 });
const inputs = { reportingDate: day("2020-12-31") };

test("with the report's sheets, planRunWith plans what planRun plans, for a report and a refresh", () => {
  for (const mode of ["report", "refresh"] as const)
    expect(planRunWith(snapshot(), inputs, mode, NOW, reportSheets)).toEqual(
      planRun(snapshot(), inputs, mode, NOW),
    );
});

test("without them a refresh and an analysis plan the same, and a report is refused", () => {
  expect(planRunWith(snapshot(), inputs, "refresh", NOW, null)).toEqual(
    planRun(snapshot(), inputs, "refresh", NOW),
  );
  expect(planRunWith(snapshot(), inputs, null, NOW, null)).toEqual(planRun(snapshot(), inputs, null, NOW));
  expect(() => planRunWith(snapshot(), inputs, "report", NOW, null)).toThrow(/report-plan/);
  const a = analyse([programmeSheet(ITEMS)], inputs);
  expect(() => buildWritePlanWith(a, { mode: "report", generatedAt: 44200 }, null)).toThrow(/report-plan/);
});

test("the snapshot finds the tool's sheets by the names their builders give them", () => {
  expect(OWN_SHEET_NAMES.highlight).toBe(HIGHLIGHT_SHEET);
  expect(OWN_SHEET_NAMES.riskHistory).toBe(RISK_HISTORY_SHEET);
  const plan = planRun(snapshot(), inputs, "report", NOW);
  const layouts = plan.kind === "planned" ? plan.plan!.sheets : [];
  expect(layouts.map((l) => l.name)).toContain(HIGHLIGHT_SHEET);
});
