/** @jest-environment jsdom */
/**
 * The inputs: reporting date with its UK financial quarter, the allocation in the forms people type, the rules
 * section, and settings saved in the workbook. Each test runs the pane and checks what reaches refreshRag.
 */
import { DEFAULT_PROGRAMME } from "../../src/taskpane/state/rules-form";
import { screen, within } from "@testing-library/react";
import { DEFAULT_ALLOCATION } from "../../src/engine/analyse";
import { dayFromYmd } from "../../src/engine/dates";
import { pence } from "../../src/engine/money";
import { DEFAULT_RULES } from "../../src/engine/rules";
import type { Rules } from "../../src/engine/rules";
import { REPORTING_DATE, standIn, TODAY } from "./programme-fixture";
import { renderPane, runButton, scanned } from "./render-pane";

jest.setTimeout(30_000);

const dateInput = () => screen.getByLabelText(/^Reporting date/);
const allocationInput = () => screen.getByLabelText(/^Allocation/);

test("the reporting date defaults to the last day of the previous month and shows its UK financial quarter, which follows what is typed", async () => {
  const s = standIn();
  const { user } = renderPane({ operations: s.operations, today: dayFromYmd(2021, 1, 15) });
  await scanned();
  expect(dateInput()).toHaveValue("2020-12-31");
  expect(dateInput()).toHaveAccessibleDescription(
    "Not saved in the workbook yet: it is saved with the rules when you run, and Refresh RAG on the ribbon uses it. Q3 2020/21",
  );

  await user.clear(dateInput());
  await user.type(dateInput(), "2021-04-01");
  expect(dateInput()).toHaveAccessibleDescription(/ Q1 2021\/22$/);
  expect(screen.getByText("Q1 2021/22")).toBeVisible();

  await user.clear(dateInput());
  await user.type(dateInput(), "2022-03-31");
  expect(screen.getByText("Q4 2021/22")).toBeInTheDocument();

  await user.click(runButton("Refresh RAG columns"));
  expect(s.refreshRag).toHaveBeenCalledTimes(1);
  expect(s.refreshRag.mock.calls[0]![0].reportingDate).toBe(dayFromYmd(2022, 3, 31));
});

test("without a reporting date the pane asks for one and will not run", async () => {
  const s = standIn();
  const { user } = renderPane({ operations: s.operations, today: TODAY });
  await scanned();
  await user.clear(dateInput());
  expect(screen.getByText("Enter the reporting date.")).toBeInTheDocument();
  expect(dateInput()).toHaveAttribute("aria-invalid", "true");
  expect(screen.queryByText(/^Q\d /)).not.toBeInTheDocument();
  expect(runButton("Refresh RAG columns")).toHaveAttribute("aria-disabled", "true");
  await user.click(runButton("Refresh RAG columns"));
  expect(s.refreshRag).not.toHaveBeenCalled();
});

test("an allocation that is not an amount gets a clear message and blocks both actions until corrected", async () => {
  const s = standIn();
  const { user } = renderPane({ operations: s.operations, today: TODAY });
  await scanned();
  expect(allocationInput()).toHaveValue("£1,200,000");

  await user.clear(allocationInput());
  await user.type(allocationInput(), "about a million");
  const message = "“about a million” is not an amount. Enter pounds, for example 1,200,000 or £1.2m.";
  expect(screen.getByText(message)).toBeInTheDocument();
  expect(allocationInput()).toHaveAccessibleDescription(message);
  for (const name of ["Refresh RAG columns", "Build highlight report"] as const) {
    expect(runButton(name)).toHaveAttribute("aria-disabled", "true");
    expect(runButton(name)).toHaveAccessibleDescription("Correct the inputs marked above to run.");
    await user.click(runButton(name));
  }
  expect(s.refreshRag).not.toHaveBeenCalled();
  expect(s.buildReport).not.toHaveBeenCalled();

  await user.clear(allocationInput());
  await user.type(allocationInput(), "0");
  expect(screen.getByText("The allocation must be more than £0.")).toBeInTheDocument();

  await user.clear(allocationInput());
  await user.type(allocationInput(), "£1.5m");
  expect(screen.queryByText(message)).not.toBeInTheDocument();
  expect(allocationInput()).not.toHaveAttribute("aria-invalid");
  expect(allocationInput()).toHaveAccessibleDescription("Read as £1,500,000");
  expect(runButton("Refresh RAG columns")).not.toHaveAttribute("aria-disabled");
  await user.click(runButton("Refresh RAG columns"));
  expect(s.refreshRag.mock.calls[0]![0].allocation).toBe(pence(150_000_000));
});

test("allocation typed with thousands separators and no £ sign is read in pounds", async () => {
  const s = standIn();
  const { user } = renderPane({ operations: s.operations, today: TODAY });
  await scanned();
  await user.clear(allocationInput());
  await user.type(allocationInput(), "1,250,000");
  await user.click(runButton("Refresh RAG columns"));
  expect(s.refreshRag.mock.calls[0]![0].allocation).toBe(pence(125_000_000));
});

async function openRules(user: ReturnType<typeof renderPane>["user"]) {
  await user.click(screen.getByRole("button", { name: /^Rules/ }));
}

async function retype(user: ReturnType<typeof renderPane>["user"], label: string, text: string) {
  const input = screen.getByLabelText(label);
  await user.clear(input);
  await user.type(input, text);
}

test("the rules start collapsed at the defaults, and edits change the rules passed to refreshRag", async () => {
  const s = standIn();
  const { user } = renderPane({ operations: s.operations, today: TODAY });
  await scanned();
  const header = screen.getByRole("button", { name: /^Rules/ });
  expect(header).toHaveAttribute("aria-expanded", "false");
  expect(screen.getByRole("heading", { level: 2, name: /^Rules/ })).toBeInTheDocument();
  await openRules(user);
  expect(screen.getByLabelText("Red overspend (% of budget)")).toHaveValue("5");
  expect(screen.getByLabelText("Red overspend (£)")).toHaveValue("£100,000");
  expect(screen.getByLabelText("Amber when behind by more than")).toHaveValue("10");
  expect(screen.getByLabelText("Red when behind by more than")).toHaveValue("25");
  expect(screen.getByLabelText("Green up to")).toHaveValue("4");
  expect(screen.getByLabelText("Red from")).toHaveValue("15");
  expect(screen.getByRole("switch", { name: "Use a sheet's RAG override column" })).toBeChecked();

  await retype(user, "Red overspend (% of budget)", "50");
  await retype(user, "Red overspend (£)", "£150k");
  await retype(user, "Amber when behind by more than", "20");
  await retype(user, "Red when behind by more than", "45%");
  await retype(user, "Green up to", "3");
  await retype(user, "Red from", "12");
  await user.click(screen.getByRole("switch", { name: "Use a sheet's RAG override column" }));
  await user.click(runButton("Refresh RAG columns"));

  const expected: Rules = {
    ...DEFAULT_RULES,
    budget: { ...DEFAULT_RULES.budget, redPercent: 50, redAmount: pence(15_000_000) },
    schedule: { ...DEFAULT_RULES.schedule, amberSlip: 0.2, redSlip: 0.45 },
    risk: { greenMax: 3, redMin: 12 },
    useOverride: false,
  };
  expect(s.refreshRag).toHaveBeenCalledWith(
    {
      reportingDate: REPORTING_DATE,
      allocation: DEFAULT_ALLOCATION,
      rules: expected,
      programme: DEFAULT_PROGRAMME,
    },
    expect.any(Function),
  );
  // The engine's result under those rules: ICT01's £40,000 overspend is now under both Red limits (Amber), and
  // ICT06's "Amber" override is no longer used, so its computed Green stands.
  const list = await screen.findByRole("list", { name: "Red and Amber items" });
  const ict01 = within(list).getByText("ICT01 Laptop refresh").closest("li")!;
  expect(ict01.querySelector("[data-rag]")).toHaveTextContent(/^Amber$/);
  expect(within(list).queryByText(/ICT06/)).not.toBeInTheDocument();
});

test("rules that contradict each other are explained next to the field and block the run", async () => {
  const s = standIn();
  const { user } = renderPane({ operations: s.operations, today: TODAY });
  await scanned();
  await openRules(user);
  await retype(user, "Amber when behind by more than", "30");
  expect(screen.getByLabelText("Amber when behind by more than")).toHaveAccessibleDescription(
    "The Amber slip must not be more than the Red slip.",
  );
  await retype(user, "Red from", "3");
  expect(screen.getByText("The Green maximum must be less than the Red minimum.")).toBeInTheDocument();
  await retype(user, "Red overspend (% of budget)", "five");
  expect(screen.getByText("Enter a percentage from 0 to 1000.")).toBeInTheDocument();
  expect(runButton("Refresh RAG columns")).toHaveAttribute("aria-disabled", "true");
  expect(runButton("Refresh RAG columns")).toHaveAccessibleDescription(
    "Correct the rules marked in the Rules section to run.",
  );

  await user.click(screen.getByRole("button", { name: "Reset to defaults" }));
  expect(screen.getByLabelText("Amber when behind by more than")).toHaveValue("10");
  expect(screen.getByLabelText("Red from")).toHaveValue("15");
  expect(screen.getByLabelText("Red overspend (% of budget)")).toHaveValue("5");
  expect(
    screen.queryByText(/must not be more than|must be less than|Enter a percentage/),
  ).not.toBeInTheDocument();
  await user.click(runButton("Refresh RAG columns"));
  expect(s.refreshRag.mock.calls[0]![0].rules).toEqual(DEFAULT_RULES);
});

test("settings saved in the workbook pre-fill the inputs; they are saved again only when a run changes them", async () => {
  const savedRules: Rules = {
    ...DEFAULT_RULES,
    budget: { ...DEFAULT_RULES.budget, redPercent: 8 },
    schedule: { ...DEFAULT_RULES.schedule, redWhenOverdue: false },
  };
  const savedDate = dayFromYmd(2020, 11, 30);
  const s = standIn({ rules: savedRules, allocation: pence(100_000_000), reportingDate: savedDate });
  const { user } = renderPane({ operations: s.operations, today: TODAY });
  await scanned();
  expect(allocationInput()).toHaveValue("£1,000,000");
  // The saved reporting date, not the default (31/12/2020 for TODAY), and the pane says it is the saved one.
  expect(dateInput()).toHaveValue("2020-11-30");
  expect(screen.getByText("Saved in the workbook; Refresh RAG on the ribbon uses it.")).toBeInTheDocument();
  expect(screen.getByRole("button", { name: "Rules (as saved in the workbook)" })).toBeInTheDocument();
  await openRules(user);
  expect(screen.getByLabelText("Red overspend (% of budget)")).toHaveValue("8");

  await user.click(runButton("Refresh RAG columns"));
  await screen.findByRole("heading", { name: "Result" });
  // Rules the form does not show (here: not Red when overdue) are kept from the saved settings.
  expect(s.refreshRag.mock.calls[0]![0]).toEqual({
    reportingDate: savedDate,
    allocation: pence(100_000_000),
    rules: savedRules,
    programme: DEFAULT_PROGRAMME,
  });
  expect(s.saveSettings).not.toHaveBeenCalled();

  await user.clear(allocationInput());
  await user.type(allocationInput(), "£1.1m");
  await user.click(runButton("Refresh RAG columns"));
  await screen.findByText(/Refreshed 8 RAG cells/);
  expect(s.saveSettings).toHaveBeenCalledTimes(1);
  expect(s.saveSettings).toHaveBeenCalledWith({
    rules: savedRules,
    allocation: pence(110_000_000),
    reportingDate: savedDate,
    programme: DEFAULT_PROGRAMME,
  });

  // A new reporting date is shown as not yet saved, and is saved with the next run.
  await user.clear(dateInput());
  await user.type(dateInput(), "2021-03-31");
  expect(
    screen.getByText("The workbook has 30/11/2020 saved; this date is saved when you run."),
  ).toBeInTheDocument();
  await user.click(runButton("Refresh RAG columns"));
  await screen.findByText("Saved in the workbook; Refresh RAG on the ribbon uses it.");
  expect(s.saveSettings).toHaveBeenLastCalledWith({
    rules: savedRules,
    allocation: pence(110_000_000),
    reportingDate: dayFromYmd(2021, 3, 31),
    programme: DEFAULT_PROGRAMME,
  });

  // The header says when the rules on screen differ from the workbook's.
  await retype(user, "Red overspend (% of budget)", "9");
  expect(screen.getByRole("button", { name: "Rules (changed from the workbook's)" })).toBeInTheDocument();
  await retype(user, "Red overspend (% of budget)", "8");
  expect(screen.getByRole("button", { name: "Rules (as saved in the workbook)" })).toBeInTheDocument();
});

test("with nothing saved in the workbook, the first run saves the rules, allocation and reporting date it used", async () => {
  const s = standIn(null);
  const { user } = renderPane({ operations: s.operations, today: TODAY });
  await scanned();
  expect(screen.getByRole("button", { name: "Rules" })).toBeInTheDocument();
  await user.click(runButton("Build highlight report"));
  await screen.findByText(/Built the highlight report/);
  expect(s.saveSettings).toHaveBeenCalledWith({
    rules: DEFAULT_RULES,
    allocation: DEFAULT_ALLOCATION,
    reportingDate: REPORTING_DATE,
    programme: DEFAULT_PROGRAMME,
  });
  expect(screen.getByRole("button", { name: "Rules (as saved in the workbook)" })).toBeInTheDocument();
});
