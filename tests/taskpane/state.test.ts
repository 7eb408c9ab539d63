/**
 * The pane's input readers and helpers, without React: what people type, read as the engine's types.
 */
import { DEFAULT_PROGRAMME } from "../../src/taskpane/state/rules-form";
import { OperationError } from "../../src/app/operations";
import { dayFromYmd } from "../../src/engine/dates";
import type { Issue } from "../../src/engine/model";
import { pence } from "../../src/engine/money";
import { DEFAULT_RULES } from "../../src/engine/rules";
import { errorText } from "../../src/taskpane/state/errors";
import { parseAllocation, parseReportingDate, todayDay } from "../../src/taskpane/state/inputs";
import { groupIssues, issueCell } from "../../src/taskpane/state/issues";
import { formToRules, rulesToForm } from "../../src/taskpane/state/rules-form";
import { isDarkOfficeTheme } from "../../src/taskpane/theme";

describe("parseAllocation", () => {
  test.each([
    ["1,200,000", 120_000_000],
    ["£1,200,000", 120_000_000],
    ["£1.2m", 120_000_000],
    ["1.2 million", 120_000_000],
    ["1200k", 120_000_000],
    [" 1200000 ", 120_000_000],
    ["£1,234.56", 123_456],
  ])("reads %p as %p pence", (text, expected) => {
    expect(parseAllocation(text)).toEqual({ ok: true, value: pence(expected) });
  });

  test.each([
    ["", "Enter the allocation in pounds, for example 1,200,000 or £1.2m."],
    ["twelve", "“twelve” is not an amount. Enter pounds, for example 1,200,000 or £1.2m."],
    ["1,20,000", "“1,20,000” is not an amount. Enter pounds, for example 1,200,000 or £1.2m."],
    ["0", "The allocation must be more than £0."],
    ["-£5", "The allocation must be more than £0."],
  ])("refuses %p with a message", (text, message) => {
    expect(parseAllocation(text)).toEqual({ ok: false, message });
  });
});

describe("parseReportingDate", () => {
  test("reads the date picker's ISO value and a typed UK date alike", () => {
    expect(parseReportingDate("2020-12-31")).toEqual({ ok: true, value: dayFromYmd(2020, 12, 31) });
    expect(parseReportingDate("31/12/2020")).toEqual({ ok: true, value: dayFromYmd(2020, 12, 31) });
    // Day first, never US month first.
    expect(parseReportingDate("04/05/2021")).toEqual({ ok: true, value: dayFromYmd(2021, 5, 4) });
  });
  test("refuses a blank or impossible date in words", () => {
    expect(parseReportingDate(" ")).toEqual({ ok: false, message: "Enter the reporting date." });
    expect(parseReportingDate("31/02/2021")).toEqual({
      ok: false,
      message: "Enter a real date, as dd/mm/yyyy (for example 31/12/2020).",
    });
  });
  test("today is the day on the user's clock", () => {
    expect(todayDay(new Date(2021, 2, 31, 23, 30))).toBe(dayFromYmd(2021, 3, 31));
  });
});

describe("rules form", () => {
  test("the defaults survive a round trip through the form", () => {
    const form = rulesToForm(DEFAULT_RULES);
    expect(form).toEqual({
      budgetRedPercent: "5",
      budgetRedAmount: "£100,000",
      amberSlipPercent: "10",
      redSlipPercent: "25",
      milestoneGreenDays: "0",
      milestoneAmberDays: "30",
      riskGreenMax: "4",
      riskRedMin: "15",
      useOverride: true,
      allocationByYear: "",
      budgetInYear: false,
      programmeName: "ICT Strategy 2020-22",
      programmeStart: "2020-04-01",
      programmeEnd: "2022-03-31",
    });
    expect(formToRules(form, DEFAULT_RULES)).toEqual({
      ok: true,
      rules: DEFAULT_RULES,
      programme: DEFAULT_PROGRAMME,
    });
  });

  test("the programme's details are checked: a name, two real days, the end not before the start", () => {
    const form = {
      ...rulesToForm(DEFAULT_RULES),
      programmeName: " ",
      programmeStart: "2022-04-01",
      programmeEnd: "2021-03-31",
    };
    expect(formToRules(form, DEFAULT_RULES)).toEqual({
      ok: false,
      errors: {
        programmeName: "Enter the programme's name (up to 200 characters).",
        programmeEnd: "The programme must not end before it starts.",
      },
    });
  });
  test("slips are typed in percentage points and held as fractions, without float noise either way", () => {
    const rules = {
      ...DEFAULT_RULES,
      schedule: { ...DEFAULT_RULES.schedule, amberSlip: 0.07, redSlip: 0.29 },
    };
    const form = rulesToForm(rules);
    expect([form.amberSlipPercent, form.redSlipPercent]).toEqual(["7", "29"]);
    const back = formToRules({ ...form, amberSlipPercent: "7%" }, DEFAULT_RULES);
    expect(back.ok && back.rules.schedule).toMatchObject({ amberSlip: 0.07, redSlip: 0.29 });
  });
  test("each bad field gets its own message", () => {
    const form = {
      ...rulesToForm(DEFAULT_RULES),
      budgetRedPercent: "-1",
      budgetRedAmount: "lots",
      redSlipPercent: "150",
      riskGreenMax: "15",
      riskRedMin: "10",
    };
    const result = formToRules(form, DEFAULT_RULES);
    expect(result).toEqual({
      ok: false,
      errors: {
        budgetRedPercent: "Enter a percentage from 0 to 1000.",
        budgetRedAmount: "“lots” is not an amount. Enter pounds, for example 1,200,000 or £1.2m.",
        redSlipPercent: "Enter a percentage from 0 to 100.",
        riskGreenMax: "The Green maximum must be less than the Red minimum.",
      },
    });
  });
  test("a Red limit of £0 is allowed (any overspend is Red); a negative one is not", () => {
    const form = rulesToForm(DEFAULT_RULES);
    const zero = formToRules({ ...form, budgetRedAmount: "0" }, DEFAULT_RULES);
    expect(zero.ok && zero.rules.budget.redAmount).toBe(0);
    expect(formToRules({ ...form, budgetRedAmount: "-£5" }, DEFAULT_RULES)).toEqual({
      ok: false,
      errors: { budgetRedAmount: "The Red limit cannot be negative." },
    });
  });
});

describe("groupIssues", () => {
  const issue = (cell: string, message: string, severity: Issue["severity"] = "warning"): Issue => ({
    sheet: "Programme",
    cell,
    severity,
    message,
  });
  test("170 rows with the same warning are one group of 170; errors come first, otherwise first-seen order", () => {
    const issues = [
      issue("H5", "no owner"),
      ...Array.from({ length: 170 }, (_, i) => issue(`H${i + 6}`, "no forecast")),
      issue("E9", '"tbc" is not an amount', "error"),
      issue("H200", "no owner"),
    ];
    const groups = groupIssues(issues);
    expect(groups.map((g) => [g.severity, g.message, g.issues.length])).toEqual([
      ["error", '"tbc" is not an amount', 1],
      ["warning", "no owner", 2],
      ["warning", "no forecast", 170],
    ]);
    expect(groups[2]!.issues[169]!.cell).toBe("H175");
  });
  test("the same words as an error and as a warning stay apart", () => {
    expect(groupIssues([issue("A1", "x", "error"), issue("A2", "x")])).toHaveLength(2);
  });
  test("a whole-sheet issue goes to the sheet's A1", () => {
    expect(issueCell(issue("", "sheet is empty"))).toBe("A1");
    expect(issueCell(issue("H14", "x"))).toBe("H14");
  });
});

describe("errorText", () => {
  test("uses the message of an OperationError or any Error, and words of its own otherwise", () => {
    expect(errorText(new OperationError("The workbook is read-only.", "AccessDenied"))).toBe(
      "The workbook is read-only.",
    );
    expect(errorText(new TypeError("x is undefined"))).toBe("x is undefined");
    expect(errorText("Timed out")).toBe("Timed out");
    for (const nothing of [undefined, null, new Error(""), { code: 5 }]) {
      expect(errorText(nothing)).toMatch(/^Something went wrong, and Excel gave no explanation\./);
    }
  });
});

describe("isDarkOfficeTheme", () => {
  test("follows Office's isDarkTheme, whether a property or (as older documentation shows) a method", () => {
    expect(isDarkOfficeTheme({ isDarkTheme: true })).toBe(true);
    expect(isDarkOfficeTheme({ isDarkTheme: false, bodyBackgroundColor: "#000000" })).toBe(false);
    expect(isDarkOfficeTheme({ isDarkTheme: () => true })).toBe(true);
  });
  test("without isDarkTheme, judges by the body background; light when nothing is known", () => {
    expect(isDarkOfficeTheme({ bodyBackgroundColor: "#262626" })).toBe(true);
    expect(isDarkOfficeTheme({ bodyBackgroundColor: "#FFFFFF" })).toBe(false);
    expect(isDarkOfficeTheme({ bodyBackgroundColor: "not a colour" })).toBe(false);
    expect(isDarkOfficeTheme(undefined)).toBe(false);
  });
});
