import type { DayNumber } from "../dates";
import { cellAddress } from "../grid";
import type {
  AssessedItem,
  ColumnMapping,
  Dimension,
  FieldKey,
  Issue,
  ItemRag,
  ProgrammeItem,
  Reason,
} from "../model";
import type { OverallRag, RagStatus } from "../rag";
import { worstRag } from "../rag";
import type { Rules } from "../rules";
import { assessBudget } from "./budget";
import { assessRisk } from "./risk";
import { assessSchedule } from "./schedule";

/** Where a field's cell is on the item's row, for naming it in an issue. */
export type CellLocator = (item: ProgrammeItem, field: FieldKey) => string;

export function locatorFor(columnsBySheet: Map<string, ColumnMapping[]>): CellLocator {
  return (item, field) => {
    const cols = columnsBySheet.get(item.sheet) ?? [];
    const m = cols.find((c) => c.field === field) ?? cols.find((c) => c.field === "name");
    return m ? cellAddress(item.row - 1, m.col) : `A${item.row}`;
  };
}

/** Overall: Complete unless the budget is Red; otherwise the worst assessed dimension; an override wins. */
export function overallRag(
  budget: RagStatus,
  schedule: RagStatus,
  risk: RagStatus,
): { computed: RagStatus; reason: string | null } {
  if (schedule === "Complete") {
    if (budget === "Red") return { computed: "Red", reason: null };
    return { computed: "Complete", reason: null };
  }
  const worst = worstRag([budget, schedule, risk]);
  return { computed: worst ?? "Not assessed", reason: null };
}

export function assessItem(
  item: ProgrammeItem,
  reporting: DayNumber,
  rules: Rules,
  locate: CellLocator,
  issues: Issue[],
): AssessedItem {
  const reasons: Reason[] = [];
  const add = (dimension: Dimension, rag: OverallRag, text: string | null) => {
    if (text) reasons.push({ dimension, rag, text });
  };
  const warn = (field: FieldKey, message: string) =>
    issues.push({ sheet: item.sheet, cell: locate(item, field), severity: "warning", message });

  const b = assessBudget(item, rules.budget);
  for (const n of b.notes) {
    // "No budget"/"no forecast" on a row that has no figures at all is noise: say it once, at the budget.
    warn(n.field, n.message);
  }
  add("budget", b.rag, b.reason);

  const s = assessSchedule(item, reporting, rules.schedule);
  if (s.note) warn(s.note.field, s.note.message);
  add("schedule", s.rag, s.reason);

  const r = assessRisk(item, rules.risk);
  if (r.note) warn(r.note.field, r.note.message);
  add("risk", r.rag, r.reason);

  const { computed } = overallRag(b.rag, s.rag, r.rag);
  if (s.rag === "Complete" && b.rag === "Red") {
    add("overall", "Red", "Red: complete, but over budget by more than the limit");
  }
  const override = rules.useOverride ? item.override : null;
  const overall: OverallRag = override ?? computed;
  if (override !== null) {
    add("overall", override, `${override}: set by the override column (computed: ${computed})`);
  }
  const rag: ItemRag = { budget: b.rag, schedule: s.rag, risk: r.rag, computed, override, overall };
  return {
    ...item,
    assessedForecast: b.forecast,
    variance: b.variance,
    variancePct: b.variancePct,
    plannedProgress: s.plannedProgress,
    assessedRiskScore: r.score,
    rag,
    reasons,
  };
}
