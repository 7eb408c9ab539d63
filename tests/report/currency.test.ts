/** A sheet in another currency is reported in that currency: the paper never shows £ for dollars. */
import { analyse } from "../../src/engine/analyse";
import { dayFromYmd } from "../../src/engine/dates";
import { highlightLayout } from "../../src/engine/report/highlight";
import { dollarProjects } from "../engine/export-fixtures";

test("a dollar sheet's highlight report shows its figures in dollars", () => {
  const a = analyse([dollarProjects()], { reportingDate: dayFromYmd(2020, 3, 31) });
  expect(a.currency).toBe("USD");
  const layout = highlightLayout(a);
  const formats = new Set(layout.numberFormats.flat().filter((f): f is string => typeof f === "string"));
  const money = [...formats].filter((f) => f.includes("#,##0"));
  expect(money.length).toBeGreaterThan(0);
  for (const f of money) expect(f).not.toContain("£");
  expect(money.some((f) => f.includes('"$"'))).toBe(true);
  const texts = layout.values.flat().filter((v): v is string => typeof v === "string");
  expect(texts.filter((t) => t.includes("£"))).toEqual([]);
});
