/**
 * The RAG column writer: a plan's RagColumnWrite as Office.js commands. Values go one column range per run of
 * consecutive item rows; the cells of one RAG colour are coloured together, one RangeAreas command per address
 * that Excel takes; the header of an added column copies the format the plan names (Range.copyFrom "Formats")
 * and is made bold, or is added through the table it stands beside.
 */
import type { RowIndex } from "../../engine/coords";
import type { OwnColumn, RagCellValue, RagCellWrite, RagColumnWrite } from "../../engine/plan";
import { needsTextPrefix } from "../../engine/plan";
import type { LayoutValue } from "../../engine/plan";
import type { WorkbookRead } from "./read";
import type { WriteCommand } from "./write-batch";
import { ACTION, OBJECT, areaAddresses, json } from "./write-batch";

/**
 * RAG column values are written as one column range per run of consecutive item rows: never through a row that
 * is not an item (a section row merged across the RAG column, a subtotal, a blank line), and so never a null
 * into a cell of the user's (writing into a filtered range misplaced values in office-js issue #224).
 */
const SEGMENT_ROWS = 10_000;

/** A layout value as written through Range.values. */
export function cellInput(v: LayoutValue): string | number | boolean | null {
  if (typeof v === "string") return needsTextPrefix(v) ? `'${v}` : v;
  if (typeof v === "number" && !Number.isFinite(v)) return null;
  return v;
}

/** The commands of one RAG column write; returns the number of RAG cells written. */
export function ragColumnCommands(col: RagColumnWrite, read: WorkbookRead, out: WriteCommand[]): number {
  const sheet = col.sheet;
  // A column added right of a table whose header row is the sheet's header row is added through the table (its
  // own column, in the table's style), not beside it.
  const tables = (read.tableRects.get(sheet) ?? []).map((t) => ({ ...t }));
  const addHeader = (own: OwnColumn) => {
    const text = own.addHeader!;
    const c = own.col;
    const table = tables.find((t) => t.row === col.headerRow && t.col + t.cols === c);
    if (table) {
      table.cols++;
      const name = table.name;
      out.push({
        bytes: 5 * OBJECT + 3 * ACTION + json(text) + json(name),
        kind: "header",
        sheet,
        phase: "rag",
        apply: (b) => {
          b.sheet(sheet)
            .tables.getItem(name)
            .columns.add(null as unknown as undefined, undefined, text);
        },
      });
      return;
    }
    const from = own.headerFormatFrom;
    out.push({
      bytes: 5 * OBJECT + 4 * ACTION + json(text) + 20,
      kind: "header",
      sheet,
      phase: "rag",
      apply: (b) => {
        const ws = b.sheet(sheet);
        const cell = ws.getRangeByIndexes(col.headerRow, c, 1, 1);
        // Format first: a run that stops after the header text would leave a column the next run takes for
        // the user's own (it finds the header) and would never format.
        if (from !== null) cell.copyFrom(ws.getRangeByIndexes(col.headerRow, from, 1, 1), "Formats");
        cell.format.font.bold = true;
        cell.values = [[cellInput(text)]];
      },
    });
  };
  if (col.rag.addHeader) addHeader(col.rag);
  if (col.computed?.addHeader) addHeader(col.computed);

  const cells = [...col.cells].sort((a, b) => a.row - b.row);
  const targets: [number, (c: RagCellWrite) => RagCellValue | undefined][] = [[col.rag.col, (c) => c.rag]];
  if (col.computed) targets.push([col.computed.col, (c) => c.computed]);
  let n = 0;
  for (const [c, pick] of targets) {
    const written = cells.filter((x) => pick(x) !== undefined);
    n += written.length;
    for (const seg of segments(written)) {
      const values = seg.rows.map((x) => [cellInput(pick(x)!.value)]);
      out.push({
        bytes: OBJECT + ACTION + json(values),
        kind: "RAG values",
        sheet,
        phase: "rag",
        apply: (b) => {
          b.sheet(sheet).getRangeByIndexes(seg.start, c, values.length, 1).values = values;
        },
      });
    }
    for (const colour of colourAreas(written, pick)) {
      for (const address of areaAddresses(
        colour.runs.map((r) => ({ row: r.row, col: c, rows: r.rows, cols: 1 })),
      )) {
        out.push({
          bytes: 4 * OBJECT + 2 * ACTION + json(address) + json(colour.fill) + json(colour.fontColor),
          kind: "RAG formats",
          sheet,
          phase: "rag",
          apply: (b) => {
            const areas = b.sheet(sheet).getRanges(address);
            areas.format.fill.color = colour.fill;
            areas.format.font.color = colour.fontColor;
          },
        });
      }
    }
  }
  return n;
}

/** Item rows grouped into column ranges of consecutive rows (never bridging a row that is not an item). */
export function segments(cells: readonly RagCellWrite[]): { start: number; rows: RagCellWrite[] }[] {
  const out: { start: number; rows: RagCellWrite[] }[] = [];
  let current: { start: number; rows: RagCellWrite[] } | null = null;
  for (const cell of cells) {
    if (current && cell.row === current.start + current.rows.length && current.rows.length < SEGMENT_ROWS) {
      current.rows.push(cell);
    } else {
      current = { start: cell.row, rows: [cell] };
      out.push(current);
    }
  }
  return out;
}

/**
 * The cells of each colour (fill and font colour) as runs of adjacent item rows, a colour's runs together in
 * row order (never spanning a row that is not an item); colours in the order they first appear.
 */
export function colourAreas(
  cells: readonly RagCellWrite[],
  pick: (c: RagCellWrite) => RagCellValue | undefined,
): { fill: string; fontColor: string; runs: { row: RowIndex; rows: number }[] }[] {
  const byColour = new Map<
    string,
    { fill: string; fontColor: string; runs: { row: RowIndex; rows: number }[] }
  >();
  for (const cell of cells) {
    const v = pick(cell);
    if (!v) continue;
    const key = `${v.fill}|${v.fontColor}`;
    let colour = byColour.get(key);
    if (!colour) byColour.set(key, (colour = { fill: v.fill, fontColor: v.fontColor, runs: [] }));
    const last = colour.runs[colour.runs.length - 1];
    if (last && last.row + last.rows === cell.row) last.rows++;
    else colour.runs.push({ row: cell.row, rows: 1 });
  }
  return [...byColour.values()];
}
