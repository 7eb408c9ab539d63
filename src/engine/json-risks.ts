/** The risk registers in the command line's --json output (`riskRegister`): every risk with its rating. */
import type { RatedRisk, RiskBasis } from "./assess/risk-register";
import type { RiskDirection, RiskScoresBefore } from "./report/top-risks";
import { riskDirection } from "./report/top-risks";
import { formatDayIso } from "./dates";
import type { DayNumber } from "./dates";
import { columnLetters } from "./grid";
import type { ProgrammeAnalysis } from "./model";
import type { Rag, RagStatus } from "./rag";

export interface JsonRiskStage {
  likelihood: number | null;
  impact: number | null;
  score: number | null;
  level: Rag | null;
}

export interface JsonRisk {
  sheet: string;
  row: number;
  ref: string | null;
  /** The linked project as written; null for a programme-level risk. */
  link: string | null;
  /** The items it is linked to; empty at programme level (no link, or a project no item has). */
  linkedTo: { sheet: string; row: number; ref: string | null; name: string | null }[];
  linkedBy: "ref" | "name" | null;
  title: string | null;
  description: string | null;
  owner: string | null;
  status: string | null;
  closed: boolean;
  inherent: JsonRiskStage;
  residual: JsonRiskStage;
  /** What was rated: the residual score where given, else the inherent. */
  basis: RiskBasis | null;
  score: number | null;
  likelihood: number | null;
  impact: number | null;
  rag: Rag | "Not assessed";
  reason: string | null;
  mitigation: string | null;
  reviewDate: string | null;
  reviewOverdue: boolean;
  closedDate: string | null;
  /**
   * The risk's score in the Risk History snapshot the report compares with; null when there is none (no
   * snapshot, a risk new since it, or not scored then).
   */
  previousScore: number | null;
  /**
   * How the score moved since that snapshot: "worse", "better", "same", "new" or "unknown" (no snapshot); "closed"
   * for a closed risk (the Risk History keeps open risks only, so a closed one is never "new").
   */
  direction: RiskDirection | "closed";
}

export interface JsonRiskRegister {
  sheets: {
    name: string;
    headerRow: number;
    linkBy: "ref" | "name" | "either";
    columns: { field: string; column: string; header: string }[];
  }[];
  /** The programme-level risks' rating (open risks linked to no item). */
  programme: { rag: RagStatus; reason: string; open: number };
  risks: JsonRisk[];
}

const iso = (d: DayNumber | null): string | null => (d === null ? null : formatDayIso(d));

export function riskRegisterJson(
  a: ProgrammeAnalysis,
  before: RiskScoresBefore | null = null,
): JsonRiskRegister | null {
  const reg = a.riskRegister;
  if (!reg) return null;
  return {
    sheets: reg.sheets.map((s) => ({
      name: s.name,
      headerRow: s.headerRow + 1,
      linkBy: s.linkBy,
      columns: s.columns.map((c) => ({ field: c.field, column: columnLetters(c.col), header: c.header })),
    })),
    programme: { ...reg.programme },
    risks: reg.risks.map((r) => ({
      sheet: r.sheet,
      row: r.row,
      ref: r.ref,
      link: r.link,
      linkedTo: r.linkedTo.map((i) => ({ ...i })),
      linkedBy: r.linkedBy,
      title: r.title,
      description: r.description,
      owner: r.owner,
      status: r.status,
      closed: r.closed,
      inherent: { ...r.inherent },
      residual: { ...r.residual },
      basis: r.basis,
      score: r.score,
      likelihood: r.likelihood,
      impact: r.impact,
      rag: r.rag,
      reason: r.reason,
      mitigation: r.mitigation,
      reviewDate: iso(r.reviewDate),
      reviewOverdue: r.reviewOverdue,
      closedDate: iso(r.closedDate),
      ...previousOf(r, before),
    })),
  };
}

/** A risk's score in the Risk History snapshot compared with, and which way it moved (higher is worse). */
function previousOf(
  r: RatedRisk,
  before: RiskScoresBefore | null,
): { previousScore: number | null; direction: RiskDirection | "closed" } {
  const d = riskDirection(r, before);
  if (r.closed) return { previousScore: d.before, direction: "closed" };
  return { previousScore: d.before, direction: d.direction };
}
