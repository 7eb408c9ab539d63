/**
 * A write plan as Office.js commands, in the order that keeps a failure at any command safe. The plan is fully
 * resolved (cells, styles with their border colour, the format an added header copies, the value each RAG cell
 * held), so the writers only render it: the RAG column writer (write-rag.ts), the own-sheet writer
 * (write-sheet.ts), and request batching (write-batch.ts: sizes, RangeAreas addresses, packing, sending).
 */
import type { WritePlan } from "../../engine/plan";
import type { WorkbookRead } from "./read";
import type { WriteCommand } from "./write-batch";
import { ACTION } from "./write-batch";
import { ragColumnCommands } from "./write-rag";
import { addSheetCommand, sheetCommands, sheetTargets } from "./write-sheet";

export type { WriteBatch, WriteCommand } from "./write-batch";
export { packChunks, sendChunk } from "./write-batch";
export type { SheetTarget } from "./write-sheet";
export { sheetTargets } from "./write-sheet";

export interface BuiltWrite {
  commands: WriteCommand[];
  /** RAG cells written (overall and computed). */
  ragCells: number;
  /** The own sheets written, by the names they get. */
  sheets: string[];
}

/**
 * The commands of a plan, in the order that keeps a failure at any command safe: sheets to add, the Change Log's
 * new lines (every RAG cell about to change is recorded before it changes), then the RAG columns, then the
 * history and the highlight report. Excel runs a request's commands in order and rolls nothing back, so whatever
 * command fails, what ran before it is complete and recorded.
 */
export function buildWrite(plan: WritePlan, read: WorkbookRead): BuiltWrite {
  const commands: WriteCommand[] = [];
  const targets = sheetTargets(plan, read);
  const log = plan.sheets.filter((l) => l.role === "changelog");
  const others = plan.sheets.filter((l) => l.role !== "changelog");
  // Sheets to add are added first, in the plan's order (so they stand where the command line puts them); each
  // is empty until written, and an empty sheet of the wanted name is the add-in's to use on the next run.
  for (const layout of plan.sheets) {
    const t = targets.get(layout)!;
    if (!t.exists) addSheetCommand(layout, t.name, commands);
  }
  for (const layout of log) sheetCommands(layout, targets.get(layout)!, read, commands);
  let ragCells = 0;
  for (const col of plan.ragColumns) ragCells += ragColumnCommands(col, read, commands);
  for (const layout of others) sheetCommands(layout, targets.get(layout)!, read, commands);
  const sheets = plan.sheets.map((l) => targets.get(l)!.name);
  // The report's sheet is shown only once everything is written: activating it earlier leaves the user's
  // selection on it, and Excel refuses Range.merge with InvalidSelection while a chart is selected
  // (OfficeDev/office-js#399), so no write may follow the activation.
  const shown = plan.sheets.findIndex((l) => l.position === "first");
  if (shown >= 0) {
    const name = sheets[shown]!;
    commands.push({
      bytes: ACTION,
      kind: "activate",
      sheet: name,
      phase: "sheet",
      apply: (b) => b.sheet(name).activate(),
    });
  }
  return { commands, ragCells, sheets };
}
