import type { AssessedItem, Dimension, Reason } from "../model";
import type { Rag, RagStatus } from "../rag";
import { severityRank } from "../rag";
import { defineDimension } from "./dimension";
import type { RatedRisk } from "./risk-register";
import type { ReasonWords } from "./reason";
import type { FigureReason } from "./reason";
import { reasonJson, reasonText } from "./reason";

/** The risk's rules: thresholds on the score (likelihood × impact, 1-25). */
export interface RiskRules {
  /** Green at or below this score. */
  greenMax: number;
  /** Red at or above this score; between the two, Amber. */
  redMin: number;
}

export interface RiskInput {
  likelihood: number | null;
  impact: number | null;
  riskScore: number | null;
  riskLevel: Rag | null;
  risk: string | null;
}

export interface RiskResult {
  rag: RagStatus;
  score: number | null;
  reason: string | null;
  note: { field: "likelihood" | "impact"; message: string } | null;
}

function shortRisk(risk: string | null): string {
  if (!risk) return "";
  const one = isOneLine(risk) ? risk : risk.replace(/\s+/g, " ").trim();
  return `: ${one.length > 80 ? one.slice(0, 77).trimEnd() + "…" : one}`;
}

/**
 * True when replace(/\s+/g, " ").trim() would give the text back unchanged: printable ASCII and single spaces
 * only, none at either end (the common case, checked without building a string).
 */
function isOneLine(text: string): boolean {
  const n = text.length;
  if (n === 0 || text.charCodeAt(0) === 32 || text.charCodeAt(n - 1) === 32) return false;
  let space = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) {
      if (space) return false;
      space = true;
    } else if (c < 33 || c > 126) return false;
    else space = false;
  }
  return true;
}

/** Score = likelihood × impact (1-5 each), or the sheet's risk score; Green ≤ greenMax, Red ≥ redMin. */
export function assessRisk(input: RiskInput, rules: RiskRules): RiskResult {
  const r = rateRisk(input, rules);
  return r.reason === null || typeof r.reason === "string"
    ? (r as RiskResult)
    : { ...r, reason: reasonText(r.reason) };
}

/** A risk rating whose reason may be held as its figures (an item's, until its words are read). */
type RiskRating = Omit<RiskResult, "reason"> & { reason: ReasonWords | null };

/** assessRisk, with a scored reason held as its figures (Scored). */
function rateRisk(input: RiskInput, rules: RiskRules): RiskRating {
  const { likelihood, impact, riskScore, riskLevel } = input;
  let score: number | null = null;
  let note: RiskResult["note"] = null;
  if (riskScore !== null) {
    score = riskScore;
  } else if (likelihood !== null && impact !== null) {
    score = likelihood * impact;
  } else if (riskLevel !== null) {
    const reason =
      riskLevel === "Green"
        ? null
        : `${riskLevel}: risk rated ${riskLevel === "Red" ? "high" : "medium"}${shortRisk(input.risk)}`;
    return { rag: riskLevel, score: null, reason, note: null };
  } else if (likelihood !== null || impact !== null) {
    note =
      likelihood === null
        ? { field: "likelihood", message: "impact without likelihood: the risk is not scored" }
        : { field: "impact", message: "likelihood without impact: the risk is not scored" };
  }
  if (score === null) {
    return { rag: "Not assessed", score: null, reason: "Not assessed: no risk score", note };
  }
  if (score <= rules.greenMax) return { rag: "Green", score, reason: null, note };
  const rag = score >= rules.redMin ? "Red" : "Amber";
  return { rag, score, reason: new Scored(rag, input), note };
}

/**
 * "Red: risk score 15 (likelihood 5 × impact 3): Supplier delivery slips"; with the sheet's own score
 * ("Amber: risk score 9: ..."), the score alone.
 */
export function scoredWords(
  rag: string,
  riskScore: number | null,
  likelihood: number | null,
  impact: number | null,
  risk: string | null,
): string {
  const how =
    riskScore !== null
      ? `risk score ${riskScore}`
      : `risk score ${likelihood! * impact!} (likelihood ${likelihood} × impact ${impact})`;
  return `${rag}: ${how}${shortRisk(risk)}`;
}

/**
 * A scored risk's reason as its figures; its words are scoredWords'. The figures are the rated row's own (its
 * likelihood, impact, score and risk, read when the words are), held as the row itself: the row keeps them
 * for as long as its reasons, and four fields more on each of 70,000 reasons held about 2 MB more.
 */
export class Scored implements FigureReason {
  declare dimension: Dimension;
  declare rag: "Red" | "Amber";
  declare readonly of: RiskInput;
  constructor(rag: "Red" | "Amber", of: RiskInput) {
    this.dimension = "overall";
    this.rag = rag;
    this.of = of;
  }
  toJSON(): Reason {
    return reasonJson(this);
  }
  get text(): string {
    const x = this.of;
    return scoredWords(this.rag, x.riskScore, x.likelihood, x.impact, x.risk);
  }
}

/**
 * The worst of the row's own risk and its open linked risks (from a risk register): a linked risk worse than the
 * row's own rating sets the rating, and the reason names it; otherwise the row's own rating and reason stand.
 */
export function withLinkedRisks<T extends RiskRating>(own: T, linked: readonly RatedRisk[]): T | RiskResult {
  const worst = linkedRiskRating(own, linked);
  if (worst === null) return own;
  const open = linked.filter((x) => !x.closed).length;
  const reason =
    worst.rag === "Green"
      ? null
      : worst.reason! + (open > 1 ? ` (the worst of ${open} open linked risks)` : "");
  return { rag: worst.rag, score: own.score, reason, note: own.note };
}

/**
 * The open linked risk that sets the item's risk rating: the worst (by rating, then score) where it is worse than
 * the row's own rating; null when the row's own rating stands.
 */
export function linkedRiskRating(
  own: Pick<RiskResult, "rag">,
  linked: readonly RatedRisk[],
): RatedRisk | null {
  let worst: RatedRisk | null = null;
  for (const x of linked) {
    if (x.closed || x.rag === "Not assessed") continue;
    if (
      worst === null ||
      severityRank(x.rag) < severityRank(worst.rag) ||
      (x.rag === worst.rag && (x.score ?? 0) > (worst.score ?? 0))
    )
      worst = x;
  }
  return worst === null || severityRank(worst.rag) >= severityRank(own.rag) ? null : worst;
}

/** The risk as a rated dimension. */
export const RISK = defineDimension({
  key: "risk",
  label: "Risk",
  fields: ["likelihood", "impact", "riskScore", "risk"],
  rules: {
    defaults: { greenMax: 4, redMin: 15 } as RiskRules,
    settings: [
      { key: "greenMax", kind: "number", min: 0, max: 25 },
      { key: "redMin", kind: "number", min: 0, max: 25 },
    ],
    checks: [(r) => (r.greenMax >= r.redMin ? "risk.greenMax must be less than risk.redMin" : null)],
  },
  form: {
    legend: "Risk score (likelihood × impact)",
    fields: [
      {
        id: "riskGreenMax",
        setting: "greenMax",
        label: "Green up to",
        kind: "number",
        min: 0,
        max: 25,
        words: "a score",
      },
      {
        id: "riskRedMin",
        setting: "redMin",
        label: "Red from",
        kind: "number",
        min: 0,
        max: 25,
        words: "a score",
      },
    ],
    checks: [
      {
        field: "riskGreenMax",
        message: "The Green maximum must be less than the Red minimum.",
        fails: (v) => v.riskGreenMax >= v.riskRedMin,
      },
    ],
  },
  assess(item, { rules }) {
    const r = rateRisk(item, rules);
    item.assessedRiskScore = r.score;
    // The score that set the rating: a linked risk's (residual where given, else inherent) where it is worse.
    const setBy = item.linkedRisks ? linkedRiskRating(r, item.linkedRisks) : null;
    item.ratedRiskScore = setBy ? setBy.score : r.score;
    return item.linkedRisks ? withLinkedRisks(r, item.linkedRisks) : r;
  },
  json: (i: AssessedItem) => ({
    likelihood: i.likelihood,
    impact: i.impact,
    riskScore: i.assessedRiskScore,
  }),
});
