/** @jest-environment jsdom */
/** The pane's trend counts a move to or from Not assessed apart from improved and worse, and names the items. */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render, screen, within } from "@testing-library/react";
import { previousSnapshot } from "../../src/engine/report/history";
import { mergeHistory } from "../../src/engine/report/history-layout";
import { computeTrend } from "../../src/engine/report/trend";
import { TrendSummary } from "../../src/taskpane/components/TrendSummary";
import { STANDARD_HEADER, grid, itemRow, programmeSheet, run } from "../engine/builders";

const late = { budget: 100, forecast: 100, start: "2020-04-01", end: "2020-08-31", progress: "40%" };

test("Red last quarter, cancelled now: no longer rated, not improved", () => {
  const q2 = run([programmeSheet([{ ...late, ref: "LIB-07", name: "Library kiosks" }])], "2020-09-30");
  const q3 = run(
    [programmeSheet([{ ...late, ref: "LIB-07", name: "Library kiosks", status: "Cancelled" }])],
    "2020-12-31",
  );
  const trend = computeTrend(q3, previousSnapshot(mergeHistory([], q2), q3))!;
  render(
    <FluentProvider theme={webLightTheme}>
      <TrendSummary analysis={q3} trend={trend} />
    </FluentProvider>,
  );
  const lines = within(screen.getByRole("list", { name: "Since Q2 2020/21" }))
    .getAllByRole("listitem")
    .map((li) => li.textContent);
  expect(lines).toContain(
    "0 improved, 0 worse, 0 new, 0 closed, 1 no longer rated, 0 newly rated, 0 computed worse behind an override",
  );
  expect(screen.queryByRole("list", { name: "Improved since Q2 2020/21" })).toBeNull();
  const moved = screen.getByRole("list", { name: "No longer rated or newly rated since Q2 2020/21" });
  expect(moved.textContent).toMatch(
    /^No longer rated \(neither improved nor worse\): LIB-07 Library kiosks: Red → Not assessed: cancelled \(status "Cancelled"/,
  );
});

test("a computed rating that worsened behind an override is named", () => {
  const sheet = (forecast: number) =>
    grid(
      [
        [...STANDARD_HEADER, "PM RAG"],
        [...itemRow({ ref: "GS03", name: "Telephony", budget: 100, forecast, end: "2022-03-31" }), "Green"],
      ],
      { name: "Programme of Works" },
    );
  const q2 = run([sheet(100)], "2020-09-30");
  const q3 = run([sheet(130)], "2020-12-31");
  const trend = computeTrend(q3, previousSnapshot(mergeHistory([], q2), q3))!;
  render(
    <FluentProvider theme={webLightTheme}>
      <TrendSummary analysis={q3} trend={trend} />
    </FluentProvider>,
  );
  const list = screen.getByRole("list", {
    name: "Computed rating worse behind an override since Q2 2020/21",
  });
  expect(list.textContent).toBe(
    "GS03 Telephony: Computed worsened behind an override: Green → Red (reported Green)",
  );
});
