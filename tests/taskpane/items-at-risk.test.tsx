/** @jest-environment jsdom */
/** The pane's list of items at risk never lets an override hide a computed Red. */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render, screen, within } from "@testing-library/react";
import { analyse } from "../../src/engine/analyse";
import { excelSerialFromDay } from "../../src/engine/dates";
import { ItemsAtRisk } from "../../src/taskpane/components/ItemsAtRisk";
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
