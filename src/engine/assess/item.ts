import type { DayNumber } from "../dates";
import { cellAddress } from "../grid";
import type { AssessedItem, ColumnMapping, FieldKey, Issue, ItemRag, ProgrammeItem, Reason } from "../model";
import type { OverallRag, RagStatus } from "../rag";
import type { Rules } from "../rules";
import { assessBudget } from "./budget";
import { assessRisk } from "./risk";
import { assessSchedule } from "./schedule";

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
      cols.find((c) => c.field === "id") ??
      cols[0];
    return m ? cellAddress(item.row - 1, m.col) : `A${item.row}`;
  };
}

/** Overall: Complete unless the budget is Red; otherwise the worst assessed dimension; an override wins. */
export function overallRag(budget: RagStatus, schedule: RagStatus, risk: RagStatus): RagStatus {
  if (schedule === "Complete") return budget === "Red" ? "Red" : "Complete";
  if (budget === "Red" || schedule === "Red" || risk === "Red") return "Red";
  if (budget === "Amber" || schedule === "Amber" || risk === "Amber") return "Amber";
  if (budget === "Green" || schedule === "Green" || risk === "Green") return "Green";
  return "Not assessed";
}

/**
 * Assesses an item the caller owns, adding the assessment to the same object (no copy): analyse() reads
 * 100,000 items and copying each costs a third of the time.
 */
export function assessInPlace(
  item: ProgrammeItem,
  reporting: DayNumber,
  rules: Rules,
  locate: CellLocator,
  issues: Issue[],
  symbol = "£",
): AssessedItem {
  const reasons: Reason[] = [];
  const b = assessBudget(item, rules.budget, symbol);
  for (const n of b.notes)
    issues.push({ sheet: item.sheet, cell: locate(item, n.field), severity: "warning", message: n.message });
  if (b.reason) reasons.push({ dimension: "budget", rag: b.rag, text: b.reason });

  const s = assessSchedule(item, reporting, rules.schedule);
  if (s.note)
    issues.push({
      sheet: item.sheet,
      cell: locate(item, s.note.field),
      severity: "warning",
      message: s.note.message,
    });
  if (s.reason) reasons.push({ dimension: "schedule", rag: s.rag, text: s.reason });

  const r = assessRisk(item, rules.risk);
  if (r.note)
    issues.push({
      sheet: item.sheet,
      cell: locate(item, r.note.field),
      severity: "warning",
      message: r.note.message,
    });
  if (r.reason) reasons.push({ dimension: "risk", rag: r.rag, text: r.reason });

  let computed = overallRag(b.rag, s.rag, r.rag);
  // Unreadable is never Green: money the sheet holds but the tool could not read leaves the item unrated,
  // whatever the dimensions that could be read say.
  const unreadable = item.unreadable ?? [];
  if (unreadable.length > 0 && b.rag === "Not assessed" && computed === "Green") {
    computed = "Not assessed";
    reasons.push({
      dimension: "overall",
      rag: "Not assessed",
      text: `Not assessed: the ${listWords(unreadable.map((f) => MONEY_WORDS[f]))} could not be read, so the budget cannot be rated (the rest would be Green)`,
    });
  }
  if (s.rag === "Complete" && b.rag === "Red") {
    reasons.push({
      dimension: "overall",
      rag: "Red",
      text: "Red: complete, but over budget by the limit or more",
    });
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
  const rag: ItemRag = { budget: b.rag, schedule: s.rag, risk: r.rag, computed, override, overall };
  const out = item as AssessedItem;
  out.assessedForecast = b.forecast;
  out.variance = b.variance;
  out.variancePct = b.variancePct;
  out.plannedProgress = s.plannedProgress;
  out.assessedRiskScore = r.score;
  out.rag = rag;
  out.reasons = reasons;
  return out;
}

const MONEY_WORDS = { budget: "budget", spent: "spend", committed: "commitments", forecast: "forecast" };

/** "a", "a and b", "a, b and c". */
function listWords(words: readonly string[]): string {
  return words.length <= 1
    ? (words[0] ?? "")
    : `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

/** A header for a reason: its words before any note in brackets, at most 40 characters. */
function shortHeader(h: string): string {
  const head = h.replace(/\s*[([].*$/, "").trim() || h;
  return head.length > 40 ? head.slice(0, 39).trimEnd() + "…" : head;
}
