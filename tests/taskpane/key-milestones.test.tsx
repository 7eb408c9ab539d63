/** @jest-environment jsdom */
/** The pane's Key milestones (issue 12): the report's list, per item, in words (never colour alone). */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render, screen, within } from "@testing-library/react";
import { KeyMilestones } from "../../src/taskpane/components/KeyMilestones";
import { grid, programmeSheet, run } from "../engine/builders";

function analysis() {
  return run([
    programmeSheet([
      { ref: "FB06", name: "Laptop replacement", budget: 1000, forecast: 1000, end: "31/03/2022" },
      { ref: "FB07", name: "Wi-Fi upgrade", budget: 1000, forecast: 1000, end: "31/03/2022" },
    ]),
    grid(
      [
        ["Project ref", "Milestone", "Baseline date", "Forecast date", "Actual date", "Key"],
        ["FB06", "Contract award", "31/12/2020", "15/02/2021", "", "Yes"],
        ["FB06", "Devices ordered", "15/11/2020", "", "10/11/2020", ""],
        ["FB07", "Survey", "31/10/2020", "30/11/2020", "", ""],
        ["FB07", "Design", "31/07/2020", "", "31/07/2020", ""],
      ],
      { name: "Milestones" },
    ),
  ]);
}

test("grouped by item, key milestones first, each with its rating word and what happened", () => {
  render(
    <FluentProvider theme={webLightTheme}>
      <KeyMilestones analysis={analysis()} />
    </FluentProvider>,
  );
  const list = screen.getByRole("list", { name: "Key milestones" });
  const projects = within(list)
    .getAllByRole("listitem")
    .filter((li) => li.parentElement === list);
  expect(projects.map((p) => p.firstChild!.textContent)).toEqual([
    "FB06 Laptop replacement",
    "FB07 Wi-Fi upgrade",
  ]);
  const fb06 = projects[0]!.textContent!;
  expect(fb06).toContain("Key milestone 'Contract award': due next quarter. Due 15/02/2021");
  expect(fb06).toContain("Achieved");
  expect(fb06).toContain(
    "Milestone 'Devices ordered': achieved this quarter. Achieved 10/11/2020, 5 days early",
  );
  expect(projects[1]!.textContent).toContain(
    "RedMilestone 'Survey': missed. Missed: due 30/11/2020, 31 days overdue",
  );
  // Achieved before this quarter is not reported.
  expect(list.textContent).not.toContain("Design");
});

test("nothing to report says so", () => {
  const a = run([
    programmeSheet([{ ref: "FB06", name: "Laptops", budget: 1, forecast: 1, end: "31/03/2022" }]),
  ]);
  render(
    <FluentProvider theme={webLightTheme}>
      <KeyMilestones analysis={a} />
    </FluentProvider>,
  );
  expect(screen.getByText(/No milestone is missed or has slipped/)).toBeTruthy();
});

test("a cancelled item's milestones are left out, and the pane says how many", () => {
  const a = run([
    programmeSheet([
      { ref: "FB06", name: "Laptop replacement", budget: 1000, forecast: 1000, end: "31/03/2022" },
      {
        ref: "FB07",
        name: "Wi-Fi upgrade",
        budget: 1000,
        forecast: 1000,
        end: "31/03/2022",
        status: "Cancelled",
      },
    ]),
    grid(
      [
        ["Project ref", "Milestone", "Baseline date", "Forecast date", "Actual date", "Key"],
        ["FB06", "Contract award", "31/12/2020", "15/02/2021", "", "Yes"],
        ["FB07", "Survey", "31/10/2020", "30/11/2020", "", "Yes"],
      ],
      { name: "Milestones" },
    ),
  ]);
  render(
    <FluentProvider theme={webLightTheme}>
      <KeyMilestones analysis={a} />
    </FluentProvider>,
  );
  const list = screen.getByRole("list", { name: "Key milestones" });
  expect(list.textContent).toContain("Contract award");
  expect(list.textContent).not.toContain("Survey");
  expect(
    screen.getByText("1 milestone of cancelled items left out (kept in the Milestone History and --json)."),
  ).toBeTruthy();
});
