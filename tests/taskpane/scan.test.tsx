/** @jest-environment jsdom */
/**
 * What the pane shows on open, from the real engine's analysis of a hand-built programme sheet: the sheets,
 * how their columns were read, the sheets passed over and the problems, each problem going to its cell.
 */
import { DEFAULT_PROGRAMME } from "../../src/taskpane/state/rules-form";
import { screen, within } from "@testing-library/react";
import { OperationError } from "../../src/app/operations";
import { DEFAULT_ALLOCATION, analyse } from "../../src/engine/analyse";
import { DEFAULT_RULES } from "../../src/engine/rules";
import { noProgrammeSheetMessage, PROGRAMME_SHEET_RULE } from "../../src/engine/run";
import {
  REPORTING_DATE,
  analyseFixture,
  deferred,
  longProgrammeGrid,
  standIn,
  TODAY,
} from "./programme-fixture";
import { findNotice, renderPane, runButton, scanned } from "./render-pane";

jest.setTimeout(30_000);

test("on open it scans once, without inputs, and says what it is doing until the scan returns", async () => {
  const s = standIn();
  const pending = deferred<Awaited<ReturnType<typeof s.operations.scan>>>();
  s.scan.mockImplementationOnce(() => pending.promise);
  renderPane({ operations: s.operations, today: TODAY });
  expect(screen.getByText("Reading the workbook…", { selector: "label" })).toBeInTheDocument();
  expect(runButton("Refresh RAG columns")).toHaveAttribute("aria-disabled", "true");
  pending.resolve({ analysis: analyseFixture(), settings: null });
  await scanned();
  expect(s.scan).toHaveBeenCalledTimes(1);
  expect(s.scan.mock.calls[0]![0]).toBeUndefined();
  expect(runButton("Refresh RAG columns")).not.toHaveAttribute("aria-disabled");
  expect(screen.getByRole("status")).toHaveTextContent(
    "Found 1 programme sheet with 8 items; 5 problems to check.",
  );
});

test("shows the programme sheet with its item count, header row and the column read as each field", async () => {
  const s = standIn();
  const { user } = renderPane({ operations: s.operations, today: TODAY });
  await scanned();
  expect(screen.getByRole("heading", { name: "Programme sheets (1)" })).toBeInTheDocument();
  expect(screen.getByText(/: 8 items, headers in row 3/)).toHaveTextContent(
    "Programme: 8 items, headers in row 3",
  );
  expect(screen.getByText(/goes in a new column/)).toHaveTextContent("RAG goes in a new column O (“RAG”)");

  await user.click(screen.getByRole("button", { name: "Columns read (14)" }));
  const columns = within(screen.getByRole("list", { name: "Columns read on Programme" })).getAllByRole(
    "listitem",
  );
  const text = columns.map((li) => li.textContent!.replace(/\s+/g, " "));
  expect(text).toHaveLength(14);
  expect(text).toContain("Reference← read from column A “Ref”");
  expect(text).toContain("Budget← read from column E “Budget (£)”");
  expect(text).toContain("Spent← read from column F “Spend to date (£)”");
  expect(text).toContain("Target date← read from column J “Target date”");
  expect(text).toContain("RAG override← read from column N “RAG override”");
});

test("lists the sheets it did not read, with the reason", async () => {
  const s = standIn();
  renderPane({ operations: s.operations, today: TODAY });
  await scanned();
  expect(screen.getByRole("heading", { name: "Sheets not read (1)" })).toBeInTheDocument();
  expect(
    screen.getByText("Notes: no programme-of-works header row in the first 30 rows"),
  ).toBeInTheDocument();
});

test("groups identical problems into one expandable line with the count; errors first", async () => {
  const s = standIn();
  const { user } = renderPane({ operations: s.operations, today: TODAY });
  await scanned();
  expect(screen.getByRole("heading", { name: "Problems (5)" })).toBeInTheDocument();
  const lines = within(screen.getByRole("list", { name: "Problems" })).getAllByRole("listitem");
  // 5 issues, 3 of them the same warning: 3 lines, the error first.
  expect(lines).toHaveLength(3);
  expect(lines[0]).toHaveTextContent('Error"tbc" is not an amount');
  expect(lines[1]).toHaveTextContent("Warningno forecast: the budget RAG is not assessed (3 cells)");
  expect(lines[2]).toHaveTextContent(
    'Warningthe budget in Programme!E11 could not be read: "tbc": the budget RAG is not assessed',
  );

  const group = screen.getByRole("button", {
    name: /no forecast: the budget RAG is not assessed \(3 cells\)/,
  });
  expect(group).toHaveAttribute("aria-expanded", "false");
  expect(screen.queryByRole("button", { name: "Go to Programme!H8" })).not.toBeInTheDocument();
  await user.click(group);
  expect(group).toHaveAttribute("aria-expanded", "true");
  const cells = within(screen.getByRole("list", { name: /^Cells: no forecast/ })).getAllByRole("button");
  expect(cells.map((b) => b.textContent)).toEqual(["Programme!H8", "Programme!H9", "Programme!H10"]);
});

test("170 rows with the same warning are one line with the count; the first 100 cells are listed", async () => {
  const s = standIn();
  const analysis = analyse([longProgrammeGrid(170)], { reportingDate: REPORTING_DATE });
  expect(analysis.issues).toHaveLength(170);
  s.scan.mockResolvedValueOnce({ analysis, settings: null });
  const { user } = renderPane({ operations: s.operations, today: TODAY });
  await scanned();
  const lines = within(screen.getByRole("list", { name: "Problems" })).getAllByRole("listitem");
  expect(lines).toHaveLength(1);
  await user.click(
    screen.getByRole("button", { name: /no forecast: the budget RAG is not assessed \(170 cells\)/ }),
  );
  const cells = within(screen.getByRole("list", { name: /^Cells: no forecast/ })).getAllByRole("button");
  expect(cells).toHaveLength(100);
  expect(cells[0]).toHaveTextContent("'Long list'!H2");
  expect(screen.getByText("… and 70 more.")).toBeInTheDocument();
  await user.click(cells[99]!);
  expect(s.selectCell).toHaveBeenCalledWith("Long list", "H101");
});

test("clicking a problem selects its sheet and cell in the workbook", async () => {
  const s = standIn();
  const { user } = renderPane({ operations: s.operations, today: TODAY });
  await scanned();
  await user.click(screen.getByRole("button", { name: 'Go to Programme!E11: "tbc" is not an amount' }));
  expect(s.selectCell).toHaveBeenLastCalledWith("Programme", "E11");

  await user.click(screen.getByRole("button", { name: /no forecast/ }));
  await user.click(screen.getByRole("button", { name: "Go to Programme!H9" }));
  expect(s.selectCell).toHaveBeenLastCalledWith("Programme", "H9");
  expect(s.selectCell).toHaveBeenCalledTimes(2);
});

test("a cell that cannot be selected is explained, not thrown", async () => {
  const s = standIn();
  s.selectCell.mockRejectedValueOnce(new Error("The sheet Programme has been deleted."));
  const { user } = renderPane({ operations: s.operations, today: TODAY });
  await scanned();
  await user.click(
    screen.getByRole("button", {
      name: /^Go to Programme!E11: the budget in Programme!E11 could not be read/,
    }),
  );
  expect(s.selectCell).toHaveBeenLastCalledWith("Programme", "E11");
  expect(await findNotice("Could not go to the cell")).toHaveTextContent(
    "The sheet Programme has been deleted.",
  );
});

test("a failed scan is shown in plain words with a way to try again", async () => {
  const s = standIn();
  s.scan.mockRejectedValueOnce(new Error("Excel is busy editing a cell. Finish editing and try again."));
  const { user } = renderPane({ operations: s.operations, today: TODAY });
  const notice = await findNotice("Could not read the workbook");
  expect(notice).toHaveTextContent("Excel is busy editing a cell. Finish editing and try again.");
  expect(screen.getByRole("status")).toHaveTextContent(
    "Could not read the workbook: Excel is busy editing a cell. Finish editing and try again.",
  );
  await user.click(screen.getByRole("button", { name: "Try again" }));
  await scanned();
  expect(s.scan).toHaveBeenCalledTimes(2);
  expect(screen.queryByRole("group", { name: "Could not read the workbook" })).not.toBeInTheDocument();
});

test("after a failed scan whose message was dismissed, the workbook can still be read again", async () => {
  const s = standIn();
  s.scan.mockRejectedValueOnce(new OperationError("Excel did not answer in time.", "Timeout"));
  const { user } = renderPane({ operations: s.operations, today: TODAY });
  const notice = await findNotice("Could not read the workbook");
  await user.click(within(notice).getByRole("button", { name: "Dismiss" }));
  expect(screen.getByText("The workbook has not been read yet.")).toBeInTheDocument();
  await user.click(screen.getByRole("button", { name: "Read the workbook" }));
  await scanned();
  // The second read passes the inputs on screen, so the problems it lists match them.
  expect(s.scan.mock.calls[1]![0]).toEqual({
    reportingDate: REPORTING_DATE,
    allocation: DEFAULT_ALLOCATION,
    rules: DEFAULT_RULES,
    programme: DEFAULT_PROGRAMME,
  });
});

test("outside Excel it says to open the pane in Excel, and shows the pane only when given operations", async () => {
  const { unmount } = renderPane({ today: TODAY, inExcel: false });
  expect(screen.getByRole("heading", { level: 1, name: "Programme RAG" })).toBeInTheDocument();
  expect(screen.getByText("Open this in Excel")).toBeInTheDocument();
  expect(screen.queryByRole("button", { name: "Refresh RAG columns" })).not.toBeInTheDocument();
  unmount();

  const s = standIn();
  renderPane({ operations: s.operations, today: TODAY, inExcel: false });
  expect(screen.getByText("Open this in Excel")).toBeInTheDocument();
  await scanned();
  expect(runButton("Refresh RAG columns")).toBeInTheDocument();
});

test("with no programme sheet, says what one is in the engine's own words (the CLI and the ribbon say the same)", async () => {
  const s = standIn();
  const analysis = analyse(
    [{ name: "Notes", visible: true, rowOffset: 0, colOffset: 0, values: [["Meeting notes"], ["Agenda"]] }],
    { reportingDate: REPORTING_DATE, allocation: DEFAULT_ALLOCATION, rules: DEFAULT_RULES },
  );
  s.scan.mockResolvedValueOnce({ analysis, settings: null });
  renderPane({ operations: s.operations, today: TODAY });
  await scanned();
  expect(analysis.sheets).toHaveLength(0);
  expect(screen.getByText(`No programme sheet found. ${PROGRAMME_SHEET_RULE}`)).toBeInTheDocument();
  expect(noProgrammeSheetMessage(analysis)).toContain(PROGRAMME_SHEET_RULE);
});
