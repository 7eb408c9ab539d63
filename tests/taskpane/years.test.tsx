/** @jest-environment jsdom */
/**
 * Issue 13 in the pane: the Rules form's allocation by year and in-year switch (to the engine's rules and
 * back), and the money summary by year.
 */
import { render, screen } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { DEFAULT_RULES, rulesFromJson } from "../../src/engine/rules";
import { formToRules, rulesToForm } from "../../src/taskpane/state/rules-form";
import { YearFigures } from "../../src/taskpane/components/YearFigures";
import { grid, run } from "../engine/builders";

describe("the Rules form: money by financial year", () => {
  test("an allocation by year typed in pounds becomes the rules' split in pence, and is shown again", () => {
    const form = {
      ...rulesToForm(DEFAULT_RULES),
      allocationByYear: "2020/21: £600,000; 2021/22: 600k",
      budgetInYear: true,
    };
    const r = formToRules(form, DEFAULT_RULES);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.rules.allocationByYear).toEqual([
      { year: 2020, amount: 60_000_000 },
      { year: 2021, amount: 60_000_000 },
    ]);
    expect(r.rules.budget.basis).toBe("inYear");
    const again = rulesToForm(r.rules);
    expect(again.allocationByYear).toBe("2020/21: £600,000; 2021/22: £600,000");
    expect(again.budgetInYear).toBe(true);
  });
  test("empty is the whole programme; a label that is not a financial year is refused with a message", () => {
    const ok = formToRules({ ...rulesToForm(DEFAULT_RULES), allocationByYear: " " }, DEFAULT_RULES);
    expect(ok.ok && ok.rules.allocationByYear).toBeFalsy();
    const bad = formToRules(
      { ...rulesToForm(DEFAULT_RULES), allocationByYear: "next year: £5" },
      DEFAULT_RULES,
    );
    expect(bad).toEqual({
      ok: false,
      errors: { allocationByYear: '"next year: £5" is not a year and an amount, e.g. "2020/21: £600,000".' },
    });
    const wrong = formToRules(
      { ...rulesToForm(DEFAULT_RULES), allocationByYear: "2020/22: £5" },
      DEFAULT_RULES,
    );
    expect(wrong).toEqual({
      ok: false,
      errors: { general: 'allocationByYear: "2020/22" is not a financial year such as "2020/21"' },
    });
  });
});

test("the money summary shows each year", () => {
  const r = rulesFromJson({ allocationByYear: { "2020/21": 700000, "2021/22": 500000 } });
  if (!r.ok) throw new Error("rules");
  const a = run(
    [
      grid([
        [
          "Ref",
          "Project",
          "Budget 2020/21",
          "Budget 2021/22",
          "Forecast 2020/21",
          "Forecast 2021/22",
          "Spent",
        ],
        ["A1", "Laptops", 600000, 400000, 400000, 600000, 100000],
      ]),
    ],
    "2020-12-31",
    { rules: r.rules },
  );
  render(
    <FluentProvider theme={webLightTheme}>
      <YearFigures years={a.years} />
    </FluentProvider>,
  );
  const items = screen.getAllByRole("listitem").map((li) => li.textContent);
  expect(items).toEqual([
    "2020/21 (in year): allocation £700,000, budget £600,000, spent £100,000, committed £0, forecast £400,000, variance £200,000 under, slippage £200,000 into later years",
    // The money slipped from 2020/21 is said as carried forward, not as an overspend (as in the report).
    "2021/22 (not started): allocation £500,000, budget £400,000, spent £0, committed £0, forecast £600,000, variance £200,000 carried forward from 2020/21",
  ]);
  expect(screen.getByText("Budget rated over the whole programme.")).toBeTruthy();
});
