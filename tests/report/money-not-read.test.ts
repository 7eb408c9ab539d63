/**
 * A money field no programme sheet gives (no commitments column, no spend column) is printed "not read" in the
 * report's tables, never "£0", so nobody reads zero spend as fact; a note says which and why.
 */
import type { SheetGrid } from "../../src/engine/grid";
import type { SheetLayout } from "../../src/engine/plan";
import { highlightLayout } from "../../src/engine/report/highlight";
import { run } from "../engine/builders";

function sheet(header: string[], rows: (string | number)[][]): SheetGrid {
  return { name: "Programme of Works", visible: true, rowOffset: 0, colOffset: 0, values: [header, ...rows] };
}

const row = (l: SheetLayout, label: string) => l.values.find((r) => r[0] === label)!;
const themeRows = (l: SheetLayout) => {
  const at = l.values.findIndex((r) => r[0] === "By theme");
  return l.values.slice(at + 2, at + 5);
};

test("no commitments column: Committed reads 'not read' in the budget panel and By theme, not £0", () => {
  const a = run([
    sheet(
      ["Ref", "Project", "Theme", "Budget (£)", "Spent to date (£)", "Forecast (£)", "Target date"],
      [
        ["FB01", "Network refresh", "Infrastructure", 100000, 40000, 100000, "31/03/2021"],
        ["FB02", "Laptops", "Devices", 50000, 20000, 50000, "31/03/2021"],
      ],
    ),
  ]);
  const l = highlightLayout(a);
  expect(row(l, "Committed").slice(2, 4)).toEqual(["not read", null]);
  expect(row(l, "Spent to date")[2]).toBe(60000);
  // By theme: Spent (E) read, Committed (F) not, in each theme's row and the total.
  expect(themeRows(l).map((r) => [r[0], r[4], r[5]])).toEqual([
    ["Infrastructure", 40000, "not read"],
    ["Devices", 20000, "not read"],
    ["Total", 60000, "not read"],
  ]);
  const notes = l.values.map((r) => r[0]).filter((v) => typeof v === "string" && v.startsWith("Not read:"));
  expect(notes.length).toBeGreaterThan(0);
  expect(notes[0]).toContain(
    'no column of the programme sheets gives commitments, so it is shown as "not read", not £0',
  );
});

test("no spend column: Spent to date reads 'not read' and the share-of-allocation line does not claim 0%", () => {
  const a = run([
    sheet(
      ["Ref", "Project", "Theme", "Budget (£)", "Committed (£)", "Forecast (£)", "Target date"],
      [["FB01", "Network refresh", "Infrastructure", 100000, 5000, 100000, "31/03/2021"]],
    ),
  ]);
  const l = highlightLayout(a);
  expect(row(l, "Spent to date").slice(2, 4)).toEqual(["not read", null]);
  expect(row(l, "Committed")[2]).toBe(5000);
  const words = l.values.map((r) => r[0]).filter((v): v is string => typeof v === "string");
  expect(words.some((w) => w.startsWith("Spend to date not read"))).toBe(true);
  expect(words.some((w) => w.startsWith("Spent 0.0% of the allocation"))).toBe(false);
});

test("every money column present, zero where the sheet says zero: figures, no 'not read'", () => {
  const a = run([
    sheet(
      [
        "Ref",
        "Project",
        "Theme",
        "Budget (£)",
        "Spent to date (£)",
        "Committed (£)",
        "Forecast (£)",
        "Target date",
      ],
      [["FB01", "Network refresh", "Infrastructure", 100000, 0, 0, 100000, "31/03/2021"]],
    ),
  ]);
  const l = highlightLayout(a);
  expect(row(l, "Committed")[2]).toBe(0);
  expect(row(l, "Spent to date")[2]).toBe(0);
  expect(l.values.flat()).not.toContain("not read");
});

test("By financial year: no commitments column, its Committed column reads 'not read' in each year and the total", () => {
  const a = run([
    sheet(
      [
        "Ref",
        "Project",
        "Theme",
        "Financial year",
        "Budget (£)",
        "Spent to date (£)",
        "Forecast (£)",
        "Target date",
      ],
      [
        ["FB01", "Network refresh", "Infrastructure", "2020/21", 100000, 40000, 100000, "31/03/2021"],
        ["FB02", "Laptops", "Devices", "2021/22", 50000, 0, 50000, "31/03/2022"],
      ],
    ),
  ]);
  const l = highlightLayout(a);
  const at = l.values.findIndex((r) => r[0] === "By financial year");
  const end = l.values.findIndex((r, k) => k > at && r[0] === "Total");
  const table = l.values.slice(at + 2, end + 1).map((r) => [r[0], r[5], r[6]]);
  expect(table).toEqual([
    ["2020/21", 40000, "not read"],
    ["2021/22", 0, "not read"],
    ["Total", 40000, "not read"],
  ]);
});

test("one sheet gives commitments and another has no column for them: the figure stands and a note names the sheet", () => {
  const header = [
    "Ref",
    "Project",
    "Theme",
    "Budget (£)",
    "Spent to date (£)",
    "Committed (£)",
    "Forecast (£)",
  ];
  const a = run([
    {
      ...sheet(header, [["FB01", "Network refresh", "Infrastructure", 100000, 40000, 7000, 100000]]),
      name: "Capital",
    },
    {
      ...sheet(
        header.filter((h) => h !== "Committed (£)"),
        [
          ["RV01", "Licences", "Devices", 20000, 5000, 20000],
          ["RV02", "Support", "Devices", 10000, 2000, 10000],
        ],
      ),
      name: "Revenue",
    },
  ]);
  const l = highlightLayout(a);
  expect(row(l, "Committed")[2]).toBe(7000);
  const words = l.values.map((r) => r[0]).filter((v): v is string => typeof v === "string");
  expect(
    words.some((w) => w.includes('Committed: "Revenue" has no column for it, so its 2 items add nothing')),
  ).toBe(true);
});
