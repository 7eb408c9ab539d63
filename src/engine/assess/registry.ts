/**
 * Types and helpers derived from the rule registry (./dimensions.ts): what every dimension-aware part of the
 * engine and the pane builds on.
 */
import type { RagStatus } from "../rag";
import type { AnyDimension } from "./dimension";
import { DIMENSIONS } from "./dimensions";

type Registered = (typeof DIMENSIONS)[number];

/** "budget" | "schedule" | "risk". */
export type DimensionKey = Registered["key"];

/** Each dimension's rules, by key: { budget: BudgetRules, schedule: ScheduleRules, risk: RiskRules }. */
export type DimensionRules = { [D in Registered as D["key"]]: D["rules"]["defaults"] };

/** The pane's Rules form fields of every dimension ("budgetRedPercent" | ...). */
export type DimensionFormField = Registered["form"]["fields"][number]["id"];

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
  ? I
  : never;

/** Every dimension's item fields in the --json output. */
export type DimensionItemJson = UnionToIntersection<ReturnType<Registered["json"]>>;

/** An item's rating in each dimension: { budget, schedule, risk }. */
export type DimensionRags<T = RagStatus> = Record<DimensionKey, T>;

/** The registered dimensions, as the engine walks them. */
export function dimensions(): readonly AnyDimension[] {
  return DIMENSIONS as readonly AnyDimension[];
}

/** A dimension's label ("Budget") from its key; "Overall" for the overall rating. */
export function dimensionLabel(key: string): string {
  const d = dimensions().find((x) => x.key === key);
  return d ? d.label : key.charAt(0).toUpperCase() + key.slice(1);
}

/** The RAG History's column for a dimension: "Budget RAG". */
export function historyRagHeader(d: AnyDimension): string {
  return `${d.label} RAG`;
}

/** A registered dimension's rating header by its key ("Budget RAG"): the History's column, the report's. */
export function ragHeaderOf(key: DimensionKey): string {
  return historyRagHeader(dimensions().find((d) => d.key === key)!);
}
