/** @jest-environment jsdom */
/**
 * The highlight report, the CLI summary and the pane say the same about items: the same exceptions in the same
 * order, the same milestones coming up, and spend as a share of the allocation (engine/report/exceptions.ts
 * chooses; each only shows).
 */
import { join } from "node:path";
import { TextDecoder } from "node:util";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render, screen, within } from "@testing-library/react";
import { loadWorkbook } from "../../src/adapters/file/read/read-workbook";
import { summaryLines } from "../../src/cli/summary";
import { analyse } from "../../src/engine/analyse";
import { parseIsoDay } from "../../src/engine/dates";
import type { ProgrammeAnalysis } from "../../src/engine/model";
import type { SheetLayout } from "../../src/engine/plan";
import { comingUp, exceptions } from "../../src/engine/report/exceptions";
import { highlightLayout } from "../../src/engine/report/highlight";
import { BudgetFigures } from "../../src/taskpane/components/BudgetFigures";
import { ComingUp } from "../../src/taskpane/components/ComingUp";
import { ItemsAtRisk } from "../../src/taskpane/components/ItemsAtRisk";

const root = join(__dirname, "..", "..");
// jsdom has no TextDecoder; the file adapter reading the sample needs Node's.
Object.assign(globalThis, { TextDecoder });
let a: ProgrammeAnalysis;
let layout: SheetLayout;

beforeAll(async () => {
  const wb = await loadWorkbook(join(root, "samples/ict-strategy-programme.xlsx"));
  a = analyse(wb.sheets, { reportingDate: parseIsoDay("2020-12-31")! });
  layout = highlightLayout(a, { generatedAt: 44200.5 });
});

/** The references in column A of the report's table under the heading that starts with `heading`. */
function reportRefs(heading: RegExp): string[] {
  const start = layout.values.findIndex((r) => typeof r[0] === "string" && heading.test(r[0]));
  expect(start).toBeGreaterThanOrEqual(0);
  const out: string[] = [];
  // The heading, at most one note row (the exceptions' order), then the table's header row ("Ref"), then one
  // row per item until a row with no reference.
  const header = layout.values[start + 1]![0] === "Ref" ? start + 1 : start + 2;
  expect(layout.values[header]![0]).toBe("Ref");
  for (let r = header + 1; r < layout.values.length; r++) {
    const ref = layout.values[r]![0];
    // A table that runs onto the next page repeats its heading ("… (continued)") and header there.
    if (typeof ref === "string" && (/\(continued\)$/.test(ref) || ref === "Ref")) continue;
    if (typeof ref !== "string" || ref === "" || /^…|^No |^Nothing/.test(ref)) break;
    out.push(ref);
  }
  return out;
}

function pane(ui: React.ReactElement) {
  return render(<FluentProvider theme={webLightTheme}>{ui}</FluentProvider>);
}

test("the same exceptions in the same order: report, CLI summary and pane", () => {
  const chosen = exceptions(a.items).map((i) => i.ref!);
  expect(chosen.length).toBeGreaterThan(3);
  // Red before Amber in all three (the sample has both).
  expect(new Set(exceptions(a.items).map((i) => i.rag.overall)).size).toBeGreaterThan(1);

  expect(reportRefs(/^Exceptions:/)).toEqual(chosen.slice(0, 25));

  const lines = summaryLines(a);
  const at = lines.findIndex((l) => l.startsWith("Exceptions"));
  const summaryRefs = lines
    .slice(at + 1)
    .filter((l) => /^ {2}\S/.test(l) && !l.startsWith("  …"))
    .map((l) => l.slice(2 + 12).split(" ")[0]!)
    .slice(0, chosen.length);
  expect(summaryRefs).toEqual(chosen.slice(0, 25));

  pane(<ItemsAtRisk items={a.items} sheets={a.sheets} onSelectCell={() => {}} />);
  const items = within(screen.getByRole("list", { name: "Red and Amber items" }))
    .getAllByRole("listitem")
    .filter((li) => li.parentElement?.getAttribute("aria-label") === "Red and Amber items");
  // Each item links to its row ("Programme of Works row 12").
  const rows = items.map((li) => within(li).getByRole("button").textContent);
  expect(rows).toEqual(exceptions(a.items).map((i) => `${i.sheet} row ${i.row}`));
});

test("the same milestones coming up: report, CLI summary and pane", () => {
  const due = comingUp(a);
  const chosen = due.items.map((i) => i.ref!);
  expect(chosen.length).toBeGreaterThan(0);
  expect(reportRefs(/^Coming up:/)).toEqual(chosen.slice(0, 25));

  const lines = summaryLines(a);
  const at = lines.findIndex((l) => l.startsWith(`Coming up in ${due.quarter.label}`));
  expect(lines[at]).toMatch(new RegExp(`${chosen.length} items? due by (its|their) target dates?$`));
  const summaryRefs = lines.slice(at + 1, at + 1 + chosen.length).map((l) => l.trim().split(" ")[1]);
  expect(summaryRefs).toEqual(chosen);

  pane(<ComingUp analysis={a} />);
  const list = screen.getByRole("list", { name: `Items due in ${due.quarter.label}` });
  expect(
    within(list)
      .getAllByRole("listitem")
      .map((li) => li.textContent!.replace(/^.*?\d{2}\/\d{2}\/\d{4} /, "").split(" ")[0]),
  ).toEqual(chosen);
});

test("spend is a share of the allocation in the report and in the pane", () => {
  const row = layout.values.findIndex((r) => r[0] === "Spent to date");
  const share = layout.values[row]![3] as number;
  expect(share).toBeCloseTo(a.totals.spent / a.allocation, 10);
  pane(<BudgetFigures totals={a.totals} allocation={a.allocation} />);
  const spent = screen.getByText("Spent").nextElementSibling!.textContent!;
  expect(spent).toContain(`(${(share * 100).toFixed(1)}% of allocation)`);
});
