/**
 * The items' top risks ("Top risks by score") rank by the score that set each item's Risk RAG, as the rating
 * does: a linked register risk worse than the row's own sets it, by its residual score where the register gives
 * one, else its inherent.
 */
import { analyse } from "../../src/engine/analyse";
import { parseIsoDay } from "../../src/engine/dates";
import type { SheetGrid } from "../../src/engine/grid";
import { topRisks } from "../../src/engine/report/exceptions";
import { highlightLayout } from "../../src/engine/report/highlight";

const grid = (name: string, values: SheetGrid["values"]): SheetGrid => ({
  name,
  visible: true,
  rowOffset: 0,
  colOffset: 0,
  values,
});

const programme = grid("Programme of Works", [
  ["Ref", "Project", "Owner", "Budget (£)", "Forecast (£)", "Target date", "Likelihood", "Impact"],
  ["FB01", "Network refresh", "Mark", 1000, 1000, "31/03/2021", 3, 3],
  ["FB02", "Laptops", "Ann", 1000, 1000, "31/03/2021", 1, 2],
  ["FB03", "Telephony", "Raj", 1000, 1000, "31/03/2021", "", ""],
]);

const register = grid("Risk Register", [
  [
    "Risk ref",
    "Project",
    "Title",
    "Likelihood",
    "Impact",
    "Residual likelihood",
    "Residual impact",
    "Status",
  ],
  // FB02: inherent 25, residual 16 (Red by the residual); FB03: inherent 20, residual 4 (Green by the residual).
  ["R02", "FB02", "Supplier insolvency", 5, 5, 4, 4, "Open"],
  ["R03", "FB03", "Porting delay", 4, 5, 2, 2, "Open"],
]);

const a = analyse([programme, register], { reportingDate: parseIsoDay("2020-12-31")! });

test("ranked by the score that set the Risk RAG: a linked risk's residual, not the row's own nor the inherent", () => {
  const byRef = new Map(a.items.map((i) => [i.ref, i]));
  expect(byRef.get("FB02")!.rag.risk).toBe("Red");
  expect(byRef.get("FB01")!.rag.risk).toBe("Amber");
  expect(byRef.get("FB03")!.rag.risk).toBe("Green");
  // Before: FB01 (own 9) above FB02 (own 2, though rated Red by its linked risk's 16); FB03 left out.
  expect(topRisks(a).map((i) => i.ref)).toEqual(["FB02", "FB01", "FB03"]);
});

test("the printed table shows that score beside the Risk RAG", () => {
  const l = highlightLayout(a);
  const head = l.values.findIndex((r) => r[0] === "Top risks by score");
  const rows = l.values.slice(head + 2, head + 5).map((r) => [r[0], r[4], r[5]]);
  expect(rows).toEqual([
    ["FB02", 16, "Red"],
    ["FB01", 9, "Amber"],
    ["FB03", 4, "Green"],
  ]);
});
