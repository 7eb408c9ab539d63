/** "Coming up" of ten rows or fewer prints on one page: the pager never breaks the page inside it. */
import { highlightLayout } from "../../src/engine/report/highlight";
import type { ItemRow } from "../engine/builders";
import { programmeSheet, run } from "../engine/builders";

// Names that wrap to a few lines, as real ones do: ten such rows fill more than a third of a page, so the pager's
// rule for short tables (kept whole under 35% of a page) does not hold them together.
const LONG = "Replacement of the corporate telephony platform with a cloud contact centre";

function report(fillers: number, due: number) {
  const items: ItemRow[] = [];
  for (let k = 0; k < fillers; k++)
    items.push({ ref: `X${k}`, name: `Overspent ${k}`, budget: 1000, forecast: 2000, end: "30/06/2021" });
  for (let k = 0; k < due; k++)
    items.push({ ref: `D${k}`, name: `${LONG} (${k})`, budget: 1000, end: "15/02/2021", progress: 0.5 });
  return highlightLayout(run([programmeSheet(items)], "2020-12-31"));
}

test("no page break falls inside Coming up of 10 rows or fewer, wherever the section starts", () => {
  let checked = 0;
  for (const due of [6, 10])
    for (let fillers = 0; fillers <= 25; fillers++) {
      const l = report(fillers, due);
      const col0 = l.values.map((r) => r[0]);
      const head = col0.findIndex((v) => typeof v === "string" && v.startsWith("Coming up: items due"));
      const last = col0.lastIndexOf(`D${due - 1}`);
      expect(head).toBeGreaterThan(0);
      expect(last).toBeGreaterThan(head);
      const breaks = l.print?.rowBreaks ?? [];
      // A break at the heading's row moves the whole section to the next page; one after it splits the table.
      expect({ fillers, due, inside: breaks.filter((b) => b > head && b <= last) }).toEqual({
        fillers,
        due,
        inside: [],
      });
      checked++;
    }
  expect(checked).toBe(52);
});
