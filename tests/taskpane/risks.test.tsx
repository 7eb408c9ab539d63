/** @jest-environment jsdom */
/**
 * The pane's risks (issue 12): the risk register's top risks in the report's order with the programme-level
 * rating, and each Red or Amber item's open linked risks, in words beside their RAG badge.
 */
import { join } from "node:path";
import { TextDecoder } from "node:util";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render, screen, within } from "@testing-library/react";
import { loadWorkbook } from "../../src/adapters/file/read/read-workbook";
import { analyse } from "../../src/engine/analyse";
import { parseIsoDay } from "../../src/engine/dates";
import type { ProgrammeAnalysis } from "../../src/engine/model";
import { highlightLayout } from "../../src/engine/report/highlight";
import { ItemsAtRisk } from "../../src/taskpane/components/ItemsAtRisk";
import { TopRisks } from "../../src/taskpane/components/TopRisks";

const root = join(__dirname, "..", "..");
Object.assign(globalThis, { TextDecoder });
let a: ProgrammeAnalysis;

beforeAll(async () => {
  const wb = await loadWorkbook(join(root, "samples/ict-strategy-programme.xlsx"));
  a = analyse(wb.sheets, { reportingDate: parseIsoDay("2020-12-31")! });
});

function pane(ui: React.ReactElement) {
  return render(<FluentProvider theme={webLightTheme}>{ui}</FluentProvider>);
}

test("top risks: the report's order, each with its rating word, score, owner and project; the programme level", () => {
  const layout = highlightLayout(a);
  const start = layout.values.findIndex((r) => r[0] === "Top risks: the risk register");
  // The table's rows, without the heading and column header it repeats where it runs onto another page.
  const header = layout.values[start + 1]![0];
  const reportRefs = layout.values
    .slice(start + 2)
    .map((r) => r[0])
    .filter((v) => v !== header && !(typeof v === "string" && v.startsWith("Top risks: the risk register")))
    .slice(0, 10);
  pane(<TopRisks analysis={a} />);
  const items = within(screen.getByRole("list", { name: "Top risks" })).getAllByRole("listitem");
  expect(items.map((li) => /^(?:Red|Amber|Green|Not assessed)(\S+)/.exec(li.textContent!)?.[1])).toEqual(
    reportRefs,
  );
  expect(items[0]!.textContent).toBe(
    "RedR25 Ransomware attack disrupts council services · residual score 20 (4 × 5) · owner Gareth Lewis · DS01",
  );
  expect(screen.getByText(/^Programme-level risks: Red: risk P04/)).toBeTruthy();
  expect(screen.getByText(/10 of 36 open risks, worst first; 3 past the review date/)).toBeTruthy();
});

test("no register: nothing shown", () => {
  const none = { ...a, riskRegister: undefined };
  const { container } = pane(<TopRisks analysis={none} />);
  expect(container.textContent).toBe("");
});

test("a Red or Amber item lists its open linked risks, worst first, with a passed review date", () => {
  pane(<ItemsAtRisk items={a.items} sheets={a.sheets} onSelectCell={() => undefined} />);
  const list = screen.getByRole("list", {
    name: "Open risks of CF01 Customer portal and self-service accounts",
  });
  expect(
    within(list)
      .getAllByRole("listitem")
      .map((li) => li.textContent),
  ).toEqual([
    "AmberR10 Revenues and benefits integration not delivered by the… · residual score 12 (3 × 4) · owner Priya Shah · review date 30/11/2020 passed",
    "AmberR11 Residents' data protection concerns about the portal · residual score 6 (2 × 3) · owner Priya Shah",
  ]);
});
