/** @jest-environment jsdom */
/** The pane's result: items at risk never let an override hide a computed Red; the trend since last quarter. */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render, screen, within } from "@testing-library/react";
import { analyse } from "../../src/engine/analyse";
import { excelSerialFromDay } from "../../src/engine/dates";
import { previousSnapshot } from "../../src/engine/report/history";
import { mergeHistory } from "../../src/engine/report/history-layout";
import { computeTrend } from "../../src/engine/report/trend";
import { DEFAULT_RULES } from "../../src/engine/rules";
import { ItemsAtRisk } from "../../src/taskpane/components/ItemsAtRisk";
import { ResultSummary } from "../../src/taskpane/components/ResultSummary";
import type { Outcome } from "../../src/taskpane/state/use-task-pane";
import { day, grid, STANDARD_HEADER } from "../engine/builders";

test("an item the PM RAG rates Green while the rules say Red is listed with both ratings", () => {
  const serial = (iso: string) => excelSerialFromDay(day(iso));
  const a = analyse(
    [
      grid([
        [...STANDARD_HEADER, "PM RAG"],
        [
          "A1",
          "Laptops",
          "",
          "",
          100,
          50,
          0,
          100,
          serial("2020-04-01"),
          serial("2020-09-30"),
          0.8,
          "",
          1,
          1,
          "",
          "",
          "",
          "Green",
        ],
        [
          "B2",
          "Website",
          "",
          "",
          100,
          50,
          0,
          100,
          serial("2020-04-01"),
          serial("2021-09-30"),
          0.6,
          "",
          1,
          1,
          "",
          "",
          "",
          "",
        ],
      ]),
    ],
    { reportingDate: day("2020-12-31") },
  );
  render(
    <FluentProvider theme={webLightTheme}>
      <ItemsAtRisk items={a.items} sheets={a.sheets} onSelectCell={() => undefined} />
    </FluentProvider>,
  );
  const items = within(screen.getByRole("list", { name: "Red and Amber items" })).getAllByRole("listitem");
  const a1 = items.find((li) => li.textContent!.includes("A1 Laptops"));
  expect(a1).toBeDefined();
  expect(a1!.textContent).toMatch(
    /Overridden: Green \(PM RAG\) — computed Red: overdue: .*No reason for the override is given on the sheet\./,
  );
  expect(items.some((li) => li.textContent!.includes("B2 Website"))).toBe(false);
});

test("the result shows the trend since last quarter and the warnings, as the report does", () => {
  const serial = (iso: string) => excelSerialFromDay(day(iso));
  const sheet = (forecast: number, l: number) =>
    grid([
      [...STANDARD_HEADER],
      [
        "A1",
        "Laptops",
        "",
        "",
        100,
        50,
        0,
        forecast,
        serial("2020-04-01"),
        serial("2021-09-30"),
        0.6,
        "",
        l,
        3,
      ],
    ]);
  const q2 = analyse([sheet(100, 3)], { reportingDate: day("2020-09-30") });
  const q3 = analyse([sheet(120, 1)], { reportingDate: day("2020-12-31") });
  const trend = computeTrend(q3, previousSnapshot(mergeHistory([], q2), q3));
  const outcome: Outcome = {
    action: "report",
    input: { reportingDate: q3.reportingDate, allocation: q3.allocation, rules: DEFAULT_RULES },
    result: { analysis: q3, trend, written: { ragCells: 1, changedCells: 1, sheets: [], syncs: 3 } },
  };
  render(
    <FluentProvider theme={webLightTheme}>
      <ResultSummary outcome={outcome} onSelectCell={() => undefined} />
    </FluentProvider>,
  );
  expect(screen.getByRole("heading", { name: "Since Q2 2020/21" })).toBeDefined();
  const lines = within(screen.getByRole("list", { name: "Since Q2 2020/21" }))
    .getAllByRole("listitem")
    .map((li) => li.textContent);
  expect(lines).toContain("Forecast £100 → £120 (+£20)");
  expect(lines).toContain("Red 0 → 1 (1 joined, 0 left)");
  expect(lines).toContain(
    "0 improved, 1 worse, 0 new, 0 closed, 0 no longer rated, 0 newly rated, 0 computed worse behind an override",
  );
  // The programme's delivery RAG is a word, as in the report ("Delivery RAG Amber → Red", not "[object Object]").
  expect(lines).toContain(`Delivery RAG ${q2.programmeRag.delivery.rag} → ${q3.programmeRag.delivery.rag}`);
});
