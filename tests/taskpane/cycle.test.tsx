/** @jest-environment jsdom */
/**
 * The report's cycle in the run area (issue 13): Monthly or Quarterly, by the reporting date until chosen
 * (quarterly in a quarter's last month), passed to the run when chosen; the result says the period reported
 * and what it compared with.
 */
import { screen } from "@testing-library/react";
import { standIn, TODAY } from "./programme-fixture";
import { renderPane, runButton, scanned } from "./render-pane";

jest.setTimeout(30_000);

test("31/12/2020 is a quarterly report by default; choosing Monthly passes it to the run; By the date undoes it", async () => {
  const s = standIn();
  const { user } = renderPane({ operations: s.operations, today: TODAY });
  await scanned();
  const quarterly = screen.getByRole("radio", { name: "Quarterly" });
  const monthly = screen.getByRole("radio", { name: "Monthly" });
  expect(quarterly).toBeChecked();
  expect(
    screen.getByText(/By the reporting date: quarterly in June, September, December and March/),
  ).toBeDefined();
  // Left to the date, the run is given no cycle (the engine decides the same by the date).
  await user.click(runButton("Build highlight report"));
  await screen.findByText(/Built the highlight report/);
  expect(s.buildReport.mock.calls[0]![0]).not.toHaveProperty("cycle");
  expect(screen.getByText(/^Quarterly report, Q3 2020\/21 — Period 9 \(December\);/)).toBeDefined();

  await user.click(monthly);
  expect(monthly).toBeChecked();
  expect(screen.getByText(/A monthly report compares with last month\. Chosen/)).toBeDefined();
  await user.click(runButton("Build highlight report"));
  await screen.findByText(/^Monthly report, Period 9 \(December\) 2020\/21 — Q3;/);
  expect(s.buildReport.mock.calls[1]![0]).toMatchObject({ cycle: "month" });

  await user.click(screen.getByRole("button", { name: "By the date" }));
  expect(quarterly).toBeChecked();
  expect(screen.queryByRole("button", { name: "By the date" })).toBeNull();
});
