/**
 * The write plan says everything once: layout styles resolved into rectangles that never overlap, each with
 * its whole style and border colour; each RAG cell with the item's reference and name and the value it replaces
 * (the change log is made from the plan alone); an added column's header naming the cell whose format it copies.
 */
import type { CellStyle, StyleRun } from "../../src/engine/plan";
import { changedCells } from "../../src/engine/report/changelog";
import { BORDER_COLOR, resolveStyles } from "../../src/engine/report/sheet-builder";
import { buildWritePlan } from "../../src/engine/write-plan";
import { programmeSheet, run } from "./builders";

/** Each cell's style as the runs apply in order (a later run's properties win), with the border's colour. */
function applied(runs: readonly StyleRun[]): Map<string, CellStyle> {
  const out = new Map<string, CellStyle>();
  for (const run of runs)
    for (let r = run.row; r < run.row + run.rows; r++)
      for (let c = run.col; c < run.col + run.cols; c++)
        out.set(`${r}:${c}`, { ...out.get(`${r}:${c}`), ...run.style });
  for (const s of out.values()) if (s.border) s.borderColor = BORDER_COLOR;
  return out;
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let x = seed;
  return () => (x = (x * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

test("resolved styles never overlap and give every cell the style the runs give it, border colour included", () => {
  const rnd = random(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  for (let trial = 0; trial < 200; trial++) {
    const runs: StyleRun[] = Array.from({ length: 1 + Math.floor(rnd() * 12) }, () => {
      const style: CellStyle = {};
      if (rnd() < 0.5) style.bold = rnd() < 0.5;
      if (rnd() < 0.4) style.fill = pick(["#FF0000", "#00B050", "#FFC000"]);
      if (rnd() < 0.3) style.border = true;
      if (rnd() < 0.3) style.hAlign = pick(["left", "center", "right"] as const);
      if (rnd() < 0.2) style.fontSize = pick([11, 12, 14]);
      return {
        row: Math.floor(rnd() * 8),
        col: Math.floor(rnd() * 6),
        rows: 1 + Math.floor(rnd() * 4),
        cols: 1 + Math.floor(rnd() * 4),
        style,
      };
    });
    const resolved = resolveStyles(runs);
    const seen = new Map<string, CellStyle>();
    for (const rect of resolved) {
      for (let r = rect.row; r < rect.row + rect.rows; r++)
        for (let c = rect.col; c < rect.col + rect.cols; c++) {
          expect(seen.has(`${r}:${c}`)).toBe(false);
          seen.set(`${r}:${c}`, rect.style);
        }
    }
    expect(seen).toEqual(applied(runs));
  }
});

test("rows of one style stack into one rectangle; a bordered table keeps its border colour", () => {
  const border: CellStyle = { border: true };
  const runs: StyleRun[] = [
    { row: 0, col: 0, rows: 1, cols: 4, style: { bold: true, fill: "#D9E1F2", border: true } },
    ...Array.from({ length: 50 }, (_, i) => ({ row: i + 1, col: 0, rows: 1, cols: 4, style: border })),
  ];
  expect(resolveStyles(runs)).toEqual([
    {
      row: 0,
      col: 0,
      rows: 1,
      cols: 4,
      style: { bold: true, fill: "#D9E1F2", border: true, borderColor: BORDER_COLOR },
    },
    { row: 1, col: 0, rows: 50, cols: 4, style: { border: true, borderColor: BORDER_COLOR } },
  ]);
});

test("the report's and history's layouts carry resolved styles", () => {
  const a = run([
    programmeSheet([
      { ref: "A1", name: "Laptops", budget: 100, forecast: 150, rag: "Green" },
      { ref: "A2", name: "Network", budget: 100, forecast: 100 },
    ]),
  ]);
  const plan = buildWritePlan(a, { mode: "report", generatedAt: 44200.5 });
  for (const layout of plan.sheets) {
    const cells = new Set<string>();
    for (const s of layout.styles) {
      if (s.style.border) expect(s.style.borderColor).toBe(BORDER_COLOR);
      for (let r = s.row; r < s.row + s.rows; r++)
        for (let c = s.col; c < s.col + s.cols; c++) {
          expect(cells.has(`${r}:${c}`)).toBe(false);
          cells.add(`${r}:${c}`);
        }
    }
  }
});

test("each RAG cell carries the item and the value it replaces; the change log comes from the plan alone", () => {
  const a = run([
    programmeSheet([
      { ref: "A1", name: "Laptops", budget: 100, forecast: 150, rag: "Green" },
      { ref: "A2", name: "Network", budget: 100, forecast: 100 },
      { ref: "A3", name: "Phones", budget: 100, forecast: 100, rag: "Red" },
    ]),
  ]);
  const plan = buildWritePlan(a, { mode: "refresh", generatedAt: 44200.5 });
  const col = plan.ragColumns[0]!;
  expect(col.rag.addHeader).toBeNull();
  expect(col.rag.headerFormatFrom).toBeNull();
  expect(col.cells.map((c) => [c.row, c.ref, c.name, c.rag?.before, c.rag?.value])).toEqual([
    [3, "A1", "Laptops", "Green", "Red"],
    [4, "A2", "Network", null, "Green"],
    [5, "A3", "Phones", "Red", "Green"],
  ]);
  expect(
    changedCells(plan.ragColumns, 44200.5, "Refresh RAG columns").map((c) => [c.cell, c.ref, c.old, c.now]),
  ).toEqual([
    ["Q4", "A1", "Green", "Red"],
    ["Q6", "A3", "Red", "Green"],
  ]);
  expect(plan.changedCells).toBe(2);
});

test("an added RAG column's header copies the format of the header cell on its left", () => {
  const a = run([
    {
      ...programmeSheet([{ ref: "A1", name: "Laptops", budget: 100, forecast: 150 }]),
      values: [
        ["Ref", "Project", "Budget (£)", "Forecast outturn (£)", "Target date"],
        ["A1", "Laptops", 100, 150, ""],
      ],
    },
  ]);
  const col = buildWritePlan(a, { mode: "refresh", generatedAt: 44200.5 }).ragColumns[0]!;
  expect(col.rag.addHeader).toBe("RAG");
  expect(col.rag.headerFormatFrom).toBe(col.rag.col - 1);
  expect(col.cells[0]!.rag!.before).toBeNull();
});
