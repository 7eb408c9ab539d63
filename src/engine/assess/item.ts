import type { DayNumber } from "../dates";
import { flat } from "../flat";
import { cellAddress } from "../grid";
import type { AssessedItem, ColumnMapping, FieldKey, Issue, ItemRag, ProgrammeItem, Reason } from "../model";
import type { OverallRag, RagStatus } from "../rag";
import { worstRag } from "../rag";
import type { Rules } from "../rules";
import type { AssessContext } from "./dimension";
import type { DimensionKey } from "./registry";
import { dimensions } from "./registry";

/** Where a field's cell is on the item's row, for naming it in an issue. */
export type CellLocator = (item: ProgrammeItem, field: FieldKey) => string;

export function locatorFor(columnsBySheet: Map<string, ColumnMapping[]>): CellLocator {
  return (item, field) => {
    const cols = columnsBySheet.get(item.sheet) ?? [];
    // The field's own cell, else the item's name or reference, else any column the sheet was read by (a column
    // a sheet's content ruled out is not mapped, and column A may lie outside the sheet's grid).
    const m =
      cols.find((c) => c.field === field) ??
      cols.find((c) => c.field === "name") ??
      cols.find((c) => c.field === "ref") ??
      cols[0];
    return m ? cellAddress(item.row - 1, m.col) : `A${item.row}`;
  };
}

/**
 * Overall: Complete when a dimension that completes an item (the schedule) says Complete, unless a dimension
 * whose Red stays Red (the budget) is Red; otherwise the worst assessed dimension; none assessed: Not assessed.
 * An override wins over this (assessInPlace).
 */
export function overallRag(rags: Readonly<Record<string, RagStatus>>): RagStatus {
  const dims = dimensions();
  let complete = false;
  let redStays = false;
  for (let k = 0; k < dims.length; k++) {
    const d = dims[k]!;
    const r = rags[d.key];
    if (d.completes && r === "Complete") complete = true;
    if (d.redWhenComplete !== undefined && r === "Red") redStays = true;
  }
  if (complete) return redStays ? "Red" : "Complete";
  const all: (RagStatus | undefined)[] = new Array(dims.length);
  for (let k = 0; k < dims.length; k++) all[k] = rags[dims[k]!.key];
  return worstRag(all) ?? "Not assessed";
}

function warning(item: ProgrammeItem, cell: string, message: string): Issue {
  return { sheet: item.sheet, cell, severity: "warning", message };
}

/** Each dimension's context for these rules, made once for a run's items (not once an item). */
let lastContexts: {
  rules: Rules;
  reporting: DayNumber;
  symbol: string;
  contexts: AssessContext<object>[];
} | null = null;
function contextsFor(rules: Rules, reporting: DayNumber, symbol: string): AssessContext<object>[] {
  const sections = rules as unknown as Record<string, object>;
  const dims = dimensions();
  const c = lastContexts;
  if (
    c &&
    c.rules === rules &&
    c.reporting === reporting &&
    c.symbol === symbol &&
    c.contexts.length === dims.length &&
    dims.every((d, k) => c.contexts[k]!.rules === sections[d.key])
  )
    return c.contexts;
  const contexts = dims.map((d) => ({ rules: sections[d.key]!, reporting, symbol }));
  lastContexts = { rules, reporting, symbol, contexts };
  return contexts;
}

/**
 * Assesses an item the caller owns, adding the assessment to the same object (no copy): analyse() reads
 * 100,000 items and copying each costs a third of the time. Each registered dimension rates it in turn.
 */
export function assessInPlace(
  item: ProgrammeItem,
  reporting: DayNumber,
  rules: Rules,
  locate: CellLocator,
  issues: Issue[],
  symbol = "£",
): AssessedItem {
  const out = item as AssessedItem;
  const reasons: Reason[] = [];
  const dims = dimensions();
  const contexts = contextsFor(rules, reporting, symbol);
  const rags: Record<string, RagStatus> = {};
  for (let k = 0; k < dims.length; k++) {
    const d = dims[k]!;
    const x = d.assess(out, contexts[k]!);
    if (x.notes) for (const n of x.notes) issues.push(warning(item, locate(item, n.field), n.message));
    if (x.note) issues.push(warning(item, locate(item, x.note.field), x.note.message));
    if (x.reason) reasons.push({ dimension: d.key as DimensionKey, rag: x.rag, text: x.reason });
    rags[d.key] = x.rag;
  }

  let computed = overallRag(rags);
  let complete = false;
  for (let k = 0; k < dims.length; k++) {
    const d = dims[k]!;
    if (d.completes && rags[d.key] === "Complete") complete = true;
    const said = d.overrule ? d.overrule(out, rags[d.key]!, computed) : null;
    if (said) {
      computed = said.rag;
      reasons.push({ dimension: "overall", rag: said.rag, text: said.reason });
    }
  }
  if (complete) {
    for (let k = 0; k < dims.length; k++) {
      const d = dims[k]!;
      if (d.redWhenComplete !== undefined && rags[d.key] === "Red")
        reasons.push({ dimension: "overall", rag: "Red", text: d.redWhenComplete });
    }
  }
  const override = rules.useOverride ? item.override : null;
  const overall: OverallRag = override ?? computed;
  if (override !== null) {
    reasons.push({
      dimension: "overall",
      rag: override,
      // With several rating columns, the reason names the one that set it.
      text:
        item.ratings.length > 1 && item.overrideFrom !== null
          ? `${override}: set by the rating column "${shortHeader(item.overrideFrom)}" (computed: ${computed})`
          : `${override}: set by the override column (computed: ${computed})`,
    });
  }
  rags.computed = computed;
  const rag = rags as unknown as ItemRag;
  rag.override = override;
  rag.overall = overall;
  out.rag = rag;
  // Kept as long as the analysis: one flat string each (flat.ts).
  for (const x of reasons) flat(x.text);
  out.reasons = reasons;
  return out;
}

/** A header for a reason: its words before any note in brackets, at most 40 characters. */
function shortHeader(h: string): string {
  const head = h.replace(/\s*[([].*$/, "").trim() || h;
  return head.length > 40 ? head.slice(0, 39).trimEnd() + "…" : head;
}
