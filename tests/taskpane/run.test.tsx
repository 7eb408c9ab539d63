/** @jest-environment jsdom */
/**
 * Running: what refreshRag and buildReport receive, the progress while they work, the summary of the engine's
 * real result, errors in plain words, and the whole flow with the keyboard alone.
 */
import { DEFAULT_PROGRAMME } from "../../src/taskpane/state/rules-form";
import { act, screen, within } from "@testing-library/react";
import type { RunResult } from "../../src/app/operations";
import { OperationError } from "../../src/app/operations";
import { DEFAULT_ALLOCATION } from "../../src/engine/analyse";
import { RAG_STYLE } from "../../src/engine/rag";
import { DEFAULT_RULES } from "../../src/engine/rules";
import { REPORTING_DATE, analyseFixture, deferred, standIn, TODAY } from "./programme-fixture";
import { figure, findNotice, renderPane, runButton, scanned } from "./render-pane";

jest.setTimeout(30_000);

/** "rgb(178, 24, 43)" from "#B2182B", as getComputedStyle gives colours. */
function rgb(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}

test("Refresh passes the reporting date as a day number, the allocation in pence and the rules", async () => {
  const s = standIn();
  const { user } = renderPane({ operations: s.operations, today: TODAY });
  await scanned();
  await user.click(runButton("Refresh RAG columns"));
  expect(s.refreshRag).toHaveBeenCalledTimes(1);
  const [input, progress] = s.refreshRag.mock.calls[0]!;
  expect(input).toEqual({
    reportingDate: REPORTING_DATE,
    allocation: DEFAULT_ALLOCATION,
    rules: DEFAULT_RULES,
    programme: DEFAULT_PROGRAMME,
  });
  expect(input.reportingDate).toBe(18627); // 31/12/2020 in days since 1970-01-01
  expect(input.allocation).toBe(120_000_000); // £1,200,000 in pence
  expect(typeof progress).toBe("function");
  expect(s.buildReport).not.toHaveBeenCalled();
});

test("after a refresh the summary shows the programme RAG and reason, the money, the counts and the items at risk", async () => {
  const s = standIn();
  const { user } = renderPane({ operations: s.operations, today: TODAY });
  await scanned();
  await user.click(runButton("Refresh RAG columns"));
  await screen.findByRole("heading", { level: 2, name: "Result" });
  const engine = analyseFixture();

  expect(screen.getByText("RAG columns refreshed for 31/12/2020 (Q3 2020/21).")).toBeInTheDocument();
  // Programme RAG: word, colour and the engine's reason.
  const reason = screen.getByText(engine.programmeRag.reason);
  expect(engine.programmeRag.rag).toBe("Red");
  const badge = reason.parentElement!.querySelector("[data-rag]")!;
  expect(badge).toHaveTextContent(/^Red$/);
  expect(getComputedStyle(badge).backgroundColor).toBe(rgb(RAG_STYLE.Red.fill));
  expect(getComputedStyle(badge).color).toBe(rgb(RAG_STYLE.Red.font));

  // Money, with thousands separators and percentages.
  expect(figure("Allocation")).toBe("£1,200,000");
  expect(figure("Allocated to items")).toBe("£1,000,000 (83.3% of allocation)");
  expect(figure("Unallocated")).toBe("£200,000 (16.7% of allocation)");
  // The same base as the highlight report's budget panel (% of allocation), each saying which.
  expect(figure("Spent")).toBe("£500,000 (41.7% of allocation)");
  expect(figure("Committed")).toBe("£95,000 (7.9% of allocation)");
  expect(figure("Forecast")).toBe("£1,040,000 (86.7% of allocation)");
  expect(figure("Variance to budget")).toBe("£40,000 over (4.0% of budget)");
  expect(figure("Variance to allocation")).toBe("£160,000 under (13.3% of allocation)");

  // Counts by RAG word.
  const counts = within(screen.getByRole("list", { name: "Items by RAG" }))
    .getAllByRole("listitem")
    .map((li) => li.textContent!.replace(/\s+/g, " "));
  // ICT08's budget "tbc" cannot be read: it is Not assessed, never Green.
  expect(counts).toEqual(["Red 2", "Amber 3", "Green 1", "Complete 1", "Not assessed 1"]);

  // Red and Amber items, worst first, each with its reasons (worst reason first).
  const list = screen.getByRole("list", { name: "Red and Amber items" });
  const items = within(list)
    .getAllByRole("listitem")
    .filter((li) => li.parentElement === list);
  const titles = items.map((li) => within(li).getByText(/^ICT\d\d /).textContent);
  expect(titles).toEqual([
    "ICT01 Laptop refresh",
    "ICT02 Network upgrade",
    "ICT03 Website redesign",
    "ICT05 Cyber security",
    "ICT06 Data centre move",
  ]);
  expect(items.map((li) => li.querySelector("[data-rag]")!.textContent)).toEqual([
    "Red",
    "Red",
    "Amber",
    "Amber",
    "Amber",
  ]);
  expect(items[0]).toHaveTextContent("Owner: A. Patel");
  expect(
    within(items[0]!).getByText(
      "Red: forecast £240,000 is £40,000 (20.0%) over budget; the limit is £10,000",
    ),
  ).toBeInTheDocument();
  const ict05 = within(items[3]!)
    .getAllByRole("listitem")
    .map((li) => li.textContent);
  expect(ict05).toEqual(["Amber: risk score 9 (likelihood 3 × impact 3)", "Not assessed: no forecast"]);
  expect(
    within(items[4]!).getByText("Amber: set by the override column (computed: Green)"),
  ).toBeInTheDocument();

  // What was written, and the announcement.
  expect(screen.getByText("8 RAG cells written (3 changed).")).toBeInTheDocument();
  expect(screen.getByText("No report sheets written.")).toBeInTheDocument();
  expect(screen.getByRole("status")).toHaveTextContent(
    "Refreshed 8 RAG cells (3 changed). Programme RAG: Red.",
  );
});

test("an item's row link selects it in the workbook", async () => {
  const s = standIn();
  const { user } = renderPane({ operations: s.operations, today: TODAY });
  await scanned();
  await user.click(runButton("Refresh RAG columns"));
  await user.click(await screen.findByRole("button", { name: "Programme row 4" }));
  expect(s.selectCell).toHaveBeenCalledWith("Programme", "B4");
});

test("Build highlight report calls buildReport and says which sheets it wrote", async () => {
  const s = standIn();
  const { user } = renderPane({ operations: s.operations, today: TODAY });
  await scanned();
  await user.click(runButton("Build highlight report"));
  expect(s.buildReport).toHaveBeenCalledWith(
    {
      reportingDate: REPORTING_DATE,
      allocation: DEFAULT_ALLOCATION,
      rules: DEFAULT_RULES,
      programme: DEFAULT_PROGRAMME,
    },
    expect.any(Function),
  );
  expect(await screen.findByText("Sheets written: Highlight Report, History.")).toBeInTheDocument();
  expect(screen.getByText("Highlight report built for 31/12/2020 (Q3 2020/21).")).toBeInTheDocument();
  expect(screen.getByRole("status")).toHaveTextContent(
    "Built the highlight report: wrote Highlight Report, History and 8 RAG cells (3 changed). Programme RAG: Red.",
  );
});

test("while an operation runs the pane shows its step and progress and both actions are unavailable", async () => {
  const s = standIn();
  const pending = deferred<RunResult>();
  let report: ((step: string, fraction: number) => void) | undefined;
  s.refreshRag.mockImplementationOnce((_input, progress) => {
    report = progress;
    return pending.promise;
  });
  const { user } = renderPane({ operations: s.operations, today: TODAY });
  await scanned();
  await user.click(runButton("Refresh RAG columns"));

  expect(screen.getByRole("progressbar", { name: "Refreshing the RAG columns…" })).toBeInTheDocument();
  expect(runButton("Refresh RAG columns")).toHaveAttribute("aria-disabled", "true");
  expect(runButton("Build highlight report")).toHaveAttribute("aria-disabled", "true");
  expect(screen.getByRole("button", { name: "Read the workbook again" })).toHaveAttribute(
    "aria-disabled",
    "true",
  );

  await user.click(runButton("Build highlight report"));
  await user.click(runButton("Refresh RAG columns"));
  expect(s.buildReport).not.toHaveBeenCalled();
  expect(s.refreshRag).toHaveBeenCalledTimes(1);

  act(() => report!("Writing RAG cells on Programme", 0.6));
  const bar = await screen.findByRole("progressbar", { name: "Writing RAG cells on Programme" });
  expect(bar).toHaveAccessibleDescription("60% done");
  expect(bar).toHaveAttribute("aria-valuenow", "0.6");

  const analysis = analyseFixture();
  pending.resolve({ analysis, written: { ragCells: 8, changedCells: 0, sheets: [], syncs: 3 } });
  await screen.findByRole("heading", { name: "Result" });
  expect(screen.queryByRole("progressbar")).not.toBeInTheDocument();
  expect(runButton("Refresh RAG columns")).not.toHaveAttribute("aria-disabled");
});

test("an operation that fails shows its message in plain words, and the pane can run again", async () => {
  const s = standIn();
  s.refreshRag.mockRejectedValueOnce(
    new OperationError("The workbook is read-only, so the RAG column could not be written.", "AccessDenied"),
  );
  const { user } = renderPane({ operations: s.operations, today: TODAY });
  await scanned();
  await user.click(runButton("Refresh RAG columns"));
  const notice = await findNotice("Could not refresh the RAG columns");
  expect(notice).toHaveTextContent("The workbook is read-only, so the RAG column could not be written.");
  expect(screen.getByRole("status")).toHaveTextContent(
    "Could not refresh the RAG columns: The workbook is read-only, so the RAG column could not be written.",
  );
  expect(screen.queryByRole("heading", { name: "Result" })).not.toBeInTheDocument();
  expect(screen.queryByRole("progressbar")).not.toBeInTheDocument();

  await user.click(within(notice).getByRole("button", { name: "Dismiss" }));
  expect(screen.queryByRole("group", { name: "Could not refresh the RAG columns" })).not.toBeInTheDocument();
  await user.click(runButton("Refresh RAG columns"));
  expect(await screen.findByRole("heading", { name: "Result" })).toBeInTheDocument();
});

test("any Error, or a rejection with no message at all, is still shown in words", async () => {
  const s = standIn();
  s.buildReport.mockRejectedValueOnce(new Error("The request timed out after 30 seconds."));
  s.buildReport.mockRejectedValueOnce(undefined);
  const { user } = renderPane({ operations: s.operations, today: TODAY });
  await scanned();
  await user.click(runButton("Build highlight report"));
  expect(await findNotice("Could not build the highlight report")).toHaveTextContent(
    "The request timed out after 30 seconds.",
  );
  await user.click(runButton("Build highlight report"));
  expect(await findNotice("Could not build the highlight report")).toHaveTextContent(
    /Something went wrong, and Excel gave no explanation\. Try again/,
  );
});

test("a run whose settings cannot be saved still shows its result, with a warning", async () => {
  const s = standIn();
  s.saveSettings.mockRejectedValueOnce(new OperationError("The workbook is protected.", "AccessDenied"));
  const { user } = renderPane({ operations: s.operations, today: TODAY });
  await scanned();
  await user.click(runButton("Refresh RAG columns"));
  expect(await findNotice("The rules were not saved in the workbook")).toHaveTextContent(
    "The workbook is protected.",
  );
  expect(screen.getByRole("heading", { name: "Result" })).toBeInTheDocument();
  expect(screen.getByRole("status")).toHaveTextContent(
    "Refreshed 8 RAG cells (3 changed). Programme RAG: Red. The rules were not saved in the workbook: The workbook is protected.",
  );
});

test("keyboard only: Tab reaches the actions in order, Enter refreshes and Space builds the report", async () => {
  const s = standIn();
  const { user } = renderPane({ operations: s.operations, today: TODAY });
  await scanned();
  const order: string[] = [];
  for (let i = 0; i < 10 && document.activeElement !== runButton("Refresh RAG columns"); i++) {
    await user.tab();
    const el = document.activeElement as HTMLElement;
    order.push(
      el.getAttribute("aria-label") ??
        (el as HTMLInputElement).labels?.[0]?.textContent ??
        el.textContent ??
        el.tagName,
    );
  }
  // The report's cycle (issue 13) is one tab stop: the checked radio (31/12/2020 is a quarter's last month).
  expect(order).toEqual(["Reporting date*", "Allocation*", "Rules", "Quarterly", "Refresh RAG columns"]);

  await user.keyboard("{Enter}");
  expect(s.refreshRag).toHaveBeenCalledTimes(1);
  await screen.findByText(/Refreshed 8 RAG cells/);
  // Focus stayed on the button through the run (it is aria-disabled, not removed from the tab order).
  expect(runButton("Refresh RAG columns")).toHaveFocus();

  await user.tab();
  expect(runButton("Build highlight report")).toHaveFocus();
  await user.keyboard(" ");
  expect(s.buildReport).toHaveBeenCalledTimes(1);
  await screen.findByText(/Built the highlight report/);

  // The rules open from the keyboard too (back past Refresh and the cycle's radio group).
  await user.tab({ shift: true });
  await user.tab({ shift: true });
  await user.tab({ shift: true });
  expect(screen.getByRole("button", { name: /^Rules/ })).toHaveFocus();
  await user.keyboard("{Enter}");
  expect(screen.getByRole("button", { name: /^Rules/ })).toHaveAttribute("aria-expanded", "true");
  await user.tab();
  expect(screen.getByLabelText("Programme name")).toHaveFocus();
});

test("headings give the pane a structure: one h1, then h2 sections", async () => {
  const s = standIn();
  const { user } = renderPane({ operations: s.operations, today: TODAY });
  await scanned();
  await user.click(runButton("Refresh RAG columns"));
  await screen.findByRole("heading", { name: "Result" });
  expect(screen.getAllByRole("heading", { level: 1 }).map((h) => h.textContent)).toEqual(["Programme RAG"]);
  expect(screen.getAllByRole("heading", { level: 2 }).map((h) => h.textContent)).toEqual([
    "Rules (as saved in the workbook)",
    "Result",
    "Workbook",
  ]);
});
