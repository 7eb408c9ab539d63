import type { DayNumber } from "../dates";
import { flat } from "../flat";
import { rowIndexOf } from "../coords";
import { cellAddress, quoteSheetName } from "../grid";
import type { AssessedItem, ColumnMapping, FieldKey, Issue, ItemRag, ProgrammeItem, Reason } from "../model";
import type { OverallRag, OverrideRag, RagStatus } from "../rag";
import { severityRank } from "../rag";
import type { Rules } from "../rules";
import type { AssessContext } from "./dimension";
import type { DimensionKey } from "./registry";
import { dimensions } from "./registry";
import { cancelledWords, onHoldWords, statusKind } from "./status";

/** Where a field's cell is on the item's row, for naming it in an issue. */
export type CellLocator = (item: ProgrammeItem, field: FieldKey) => string;

export function locatorFor(columnsBySheet: Map<string, ColumnMapping[]>): CellLocator {
  return (item, field) => {
    const cols = columnsBySheet.get(item.sheet) ?? [];
    // The field's own cell, else the item's name or reference, else any column the sheet was read by (a column
    // a sheet's content ruled out is not mapped, and column A may lie outside the sheet's grid).
    const m = firstOf(cols, field) ?? firstOf(cols, "name") ?? firstOf(cols, "ref") ?? cols[0];
    return m ? cellAddress(rowIndexOf(item.row), m.col) : `A${item.row}`;
  };
}

/** The first column read for `field` (a loop, not find(closure): a closure each call, for each issue). */
function firstOf(cols: readonly ColumnMapping[], field: FieldKey): ColumnMapping | undefined {
  for (let k = 0; k < cols.length; k++) if (cols[k]!.field === field) return cols[k];
  return undefined;
}

/**
 * Overall: Complete when a dimension that completes an item (the schedule) says Complete, unless a dimension
 * whose Red stays Red (the budget) is Red; otherwise the worst assessed dimension; none assessed: Not assessed.
 * An override wins over this (assessInPlace).
 */
export function overallRag(rags: Readonly<Record<string, RagStatus>>): RagStatus {
  return overallOf(dimensions().map((d) => rags[d.key]!));
}

/** overallRag of the dimensions' ratings in their order (an array: no lookup by key, once an item). */
function overallOf(rags: readonly RagStatus[]): RagStatus {
  const dims = dimensions();
  let complete = false;
  let redStays = false;
  for (let k = 0; k < dims.length; k++) {
    const d = dims[k]!;
    if (d.completes && rags[k] === "Complete") complete = true;
    if (d.redWhenComplete !== undefined && rags[k] === "Red") redStays = true;
  }
  if (complete) return redStays ? "Red" : "Complete";
  // worstRag of the dimensions' ratings, in a loop (no list of them per item).
  let worst: RagStatus | null = null;
  let rank = Infinity;
  for (let k = 0; k < dims.length; k++) {
    const r = rags[k];
    if (r == null) continue;
    const x = severityRank(r);
    if (x < rank) {
      rank = x;
      worst = r;
    }
  }
  return worst === "Red" || worst === "Amber" || worst === "Green" ? worst : "Not assessed";
}

function warning(item: ProgrammeItem, cell: string, message: string): Issue {
  return { sheet: item.sheet, cell, severity: "warning", message };
}

/** What assessing a sheet's items needs, made once a sheet (not once an item): each dimension's context. */
export interface Assessor {
  rules: Rules;
  contexts: AssessContext<object>[];
  table: RagTable;
}
export function assessorFor(rules: Rules, reporting: DayNumber, symbol = "£"): Assessor {
  const sections = rules as unknown as Record<string, object>;
  const dims = dimensions();
  return {
    rules,
    contexts: dims.map((d) => ({ rules: sections[d.key]!, reporting, symbol })),
    table: ragTableFor(dims),
  };
}

/**
 * Assesses an item the caller owns, adding the assessment to the same object (no copy): analyse() reads
 * 100,000 items and copying each costs a third of the time. Each registered dimension rates it in turn.
 */
export function assessInPlace(
  item: ProgrammeItem,
  assessor: Assessor,
  locate: CellLocator,
  issues: Issue[],
): AssessedItem {
  const out = item as AssessedItem;
  const { rules, contexts, table } = assessor;
  // The item's reasons go in the scratch list from its start (what is past `count` is a past item's, not read).
  const reasons = scratch;
  count = 0;
  const dims = dimensions();
  const rags = table.working;
  for (let k = 0; k < dims.length; k++) {
    const d = dims[k]!;
    const x = d.assess(out, contexts[k]!);
    // An indexed loop: for-of made an iterator for each dimension of each item (the notes are mostly none).
    const notes = x.notes;
    if (notes)
      for (let j = 0; j < notes.length; j++) {
        const n = notes[j]!;
        issues.push(warning(item, locate(item, n.field), n.message));
      }
    if (x.note) issues.push(warning(item, locate(item, x.note.field), x.note.message));
    const why = x.reason;
    if (typeof why === "string") {
      // Kept as long as the analysis: one flat string (flat.ts).
      if (why !== "") reasons[count++] = { dimension: d.key as DimensionKey, rag: x.rag, text: flat(why) };
    } else if (why) {
      // Held as its figures, its words built when read (reason.ts).
      why.dimension = d.key as DimensionKey;
      reasons[count++] = why;
    }
    rags[k] = x.rag;
  }

  const kind = item.status === null ? null : statusKind(item.status, rules.schedule);
  if (kind === "cancelled") return cancelledInPlace(out, table, rules, locate);
  if (kind === "onHold") {
    out.onHold = true;
    onHoldReason(item, rags[table.keys.indexOf("schedule")]!, reasons, locate);
  }

  let computed = overallOf(rags);
  let complete = false;
  for (let k = 0; k < dims.length; k++) {
    const d = dims[k]!;
    if (d.completes && rags[k] === "Complete") complete = true;
    const said = d.overrule ? d.overrule(out, rags[k]!, computed) : null;
    if (said) {
      computed = said.rag;
      reasons[count++] = { dimension: "overall", rag: said.rag, text: flat(said.reason) };
    }
  }
  if (complete) {
    for (let k = 0; k < dims.length; k++) {
      const d = dims[k]!;
      if (d.redWhenComplete !== undefined && rags[k] === "Red")
        reasons[count++] = { dimension: "overall", rag: "Red", text: d.redWhenComplete };
    }
  }
  const override = rules.useOverride ? item.override : null;
  const overall: OverallRag = override ?? computed;
  if (override !== null) {
    reasons[count++] = {
      dimension: "overall",
      rag: override,
      // With several rating columns, the reason names the one that set it.
      text: flat(
        item.ratings.length > 1 && item.overrideFrom !== null
          ? `${override}: set by the rating column "${shortHeader(item.overrideFrom)}" (computed: ${computed})`
          : `${override}: set by the override column (computed: ${computed})`,
      ),
    };
  }
  out.rag = sharedRags(table, computed, override, overall);
  out.reasons = reasons.slice(0, count);
  return out;
}

/** 'Programme of Works'!L7: the item's status cell, for a reason naming it. */
function statusCell(item: ProgrammeItem, locate: CellLocator): string {
  return `${quoteSheetName(item.sheet)}!${locate(item, "status")}`;
}

/**
 * A cancelled item (its status one of schedule.cancelledStatuses): every rating Not assessed, one reason naming
 * the status and its cell, no override used (the meeting is not shown a rating for work that will not be
 * done). The dimensions have put their figures on it (variance, forecast), so its money counts in the totals.
 */
function cancelledInPlace(
  out: AssessedItem,
  table: RagTable,
  rules: Rules,
  locate: CellLocator,
): AssessedItem {
  table.working.fill("Not assessed");
  const override = rules.useOverride ? out.override : null;
  const text =
    cancelledWords(out.status!, statusCell(out, locate)) +
    (override !== null ? `; the override "${override}" is not used` : "");
  out.cancelled = true;
  out.rag = sharedRags(table, "Not assessed", null, "Not assessed");
  out.reasons = [{ dimension: "overall", rag: "Not assessed", text: flat(text) }];
  return out;
}

/** An item on hold: the schedule's reason (or a new one) says so; its rating is left as it is. */
function onHoldReason(item: ProgrammeItem, rag: RagStatus, reasons: Reason[], locate: CellLocator): void {
  if (rag === "Complete") return;
  const words = onHoldWords(item.status!, statusCell(item, locate));
  for (let k = 0; k < count; k++) {
    const r = reasons[k]!;
    if (r.dimension !== "schedule") continue;
    reasons[k] = { dimension: "schedule", rag: r.rag, text: flat(`${r.text}; ${words}`) };
    return;
  }
  reasons[count++] = { dimension: "schedule", rag, text: flat(`${rag}: ${words}`) };
}

/**
 * The reasons of the item being assessed, before they are copied to an array of their own length: an array
 * grown by push keeps room for 17, about 150 bytes an item over 100,000 items held for the whole analysis.
 */
const scratch: Reason[] = [];
let count = 0;

/**
 * An item's RAGs: one frozen object for each combination of ratings, shared by the items that have it. A run's
 * 100,000 items have a few dozen combinations, and the ratings are read, never changed, once assessed; an
 * object each held about 100 bytes an item for the whole analysis.
 */
interface RagTable {
  keys: readonly string[];
  /** The item being assessed's RAGs, as they are worked out, in the dimensions' order (one array, reused). */
  working: RagStatus[];
  shared: Map<number, ItemRag>;
}
let ragTable: RagTable | null = null;
function ragTableFor(dims: readonly { key: string }[]): RagTable {
  const t = ragTable;
  let same = t !== null && t.keys.length === dims.length;
  for (let k = 0; same && k < dims.length; k++) same = dims[k]!.key === t!.keys[k];
  if (t !== null && same) return t;
  const keys = dims.map((d) => d.key);
  ragTable = { keys, working: keys.map(() => "Not assessed"), shared: new Map() };
  return ragTable;
}

/** A rating's place among the RAG statuses (0-4), or -1 for anything else. */
function statusIndex(r: RagStatus | null | undefined): number {
  switch (r) {
    case "Red":
      return 0;
    case "Amber":
      return 1;
    case "Green":
      return 2;
    case "Complete":
      return 3;
    case "Not assessed":
      return 4;
    default:
      return -1;
  }
}

/** A manual rating's place (1-5; 0 for none), or -1 for anything else. */
function overrideIndex(r: OverrideRag | null): number {
  switch (r) {
    case null:
      return 0;
    case "Red":
      return 1;
    case "Amber/Red":
      return 2;
    case "Amber":
      return 3;
    case "Amber/Green":
      return 4;
    case "Green":
      return 5;
    default:
      return -1;
  }
}

/**
 * The shared RAGs object for these ratings (in the order of a new one: each dimension's, then computed,
 * override, overall), made on first use.
 */
function sharedRags(
  t: RagTable,
  computed: RagStatus,
  override: OverrideRag | null,
  overall: OverallRag,
): ItemRag {
  const w = t.working;
  let key = 0;
  let known = true;
  for (let k = 0; k < t.keys.length; k++) {
    const i = statusIndex(w[k]);
    if (i < 0) known = false;
    key = key * 5 + i;
  }
  const c = statusIndex(computed);
  const o = overrideIndex(override);
  const a = severityRank(overall);
  if (c < 0 || o < 0 || !(a >= 0 && a <= 6)) known = false;
  key = ((key * 5 + c) * 6 + o) * 7 + a;
  const found = known ? t.shared.get(key) : undefined;
  if (found !== undefined) return found;
  const rags: Record<string, RagStatus | OverrideRag | null> = {};
  for (let k = 0; k < t.keys.length; k++) rags[t.keys[k]!] = w[k]!;
  rags.computed = computed;
  rags.override = override;
  rags.overall = overall;
  const made = Object.freeze(rags) as unknown as ItemRag;
  if (known) t.shared.set(key, made);
  return made;
}

/** A header for a reason: its words before any note in brackets, at most 40 characters. */
function shortHeader(h: string): string {
  const head = h.replace(/\s*[([].*$/, "").trim() || h;
  return head.length > 40 ? head.slice(0, 39).trimEnd() + "…" : head;
}
