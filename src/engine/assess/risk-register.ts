/**
 * Rating the risks of a risk register with the risk rule (assess/risk.ts: the same thresholds as an item's own
 * risk), linking each to its project, and the programme-level risks (no linked project). Each open risk is rated
 * by its residual score where the register gives one, otherwise by its inherent score; a score is likelihood ×
 * impact where the register has no score column. An item's risk rating is the worst of its own row's risk and its
 * open linked risks (assess/risk.ts reads `linkedRisks`); closed risks rate nothing.
 */
import type { DayNumber } from "../dates";
import { formatDayUk } from "../dates";
import type { Issue, ProgrammeItem } from "../model";
import type { Rag, RagStatus } from "../rag";
import { severityRank, worstOf } from "../rag";
import type { RegisterColumn, RegisterRead, RiskEntry, StageScores } from "../read/risk-register";
import type { RiskRules } from "./risk";
import { assessRisk } from "./risk";

export type RiskBasis = "residual" | "inherent";

/** A risk of the register with its rating. */
export interface RatedRisk extends RiskEntry {
  /** The key that follows the risk from snapshot to snapshot: its reference, or "row N" without one. */
  key: string;
  /** Red, Amber or Green by the risk rule; Not assessed without a score. Closed risks are rated but count nowhere. */
  rag: Rag | "Not assessed";
  /** The score rated (residual where given, else inherent); null when only a level in words is given. */
  score: number | null;
  basis: RiskBasis | null;
  /** The likelihood and impact of the stage rated, where given (its cell on the heat map). */
  likelihood: number | null;
  impact: number | null;
  /** "Red: risk R07 'Supplier insolvency' residual score 20 (likelihood 4 × impact 5)"; null when not scored. */
  reason: string | null;
  /** The items it is linked to (more than one only when a name is ambiguous). */
  linkedTo: { sheet: string; row: number; ref: string | null; name: string | null }[];
  /** How the link was made: by the project's reference, by its name, or none (programme level). */
  linkedBy: "ref" | "name" | null;
  /** Open, and its review date is before the reporting date. */
  reviewOverdue: boolean;
}

export interface RiskRegisterSheet {
  name: string;
  /** 0-based sheet row of the header row. */
  headerRow: number;
  columns: RegisterColumn[];
  linkBy: "ref" | "name" | "either";
}

/** The risk registers of a workbook, rated. */
export interface RiskRegisterAnalysis {
  sheets: RiskRegisterSheet[];
  /** Every risk read, open and closed, in sheet order. */
  risks: RatedRisk[];
  /** The programme-level risks' rating: the worst of the open risks linked to no item (Not assessed: none). */
  programme: { rag: RagStatus; reason: string; open: number };
  /** The risk rule's thresholds the risks were rated with (the heat map's cells are rated with them too). */
  rules: RiskRules;
}

/** A risk's whole name, for a warning (never cut): its title, else its description, on one line. */
export function fullRiskName(r: Pick<RiskEntry, "title" | "description">): string {
  return (r.title ?? r.description ?? "").replace(/\s+/g, " ").trim();
}

/**
 * A risk's name for a reason or a table: its whole name up to 60 characters, else cut at the last word that fits
 * in 57, with "…" (mid-word only when one word is longer than that).
 */
export function riskName(r: Pick<RiskEntry, "title" | "description">): string {
  const t = fullRiskName(r);
  if (t.length <= 60) return t;
  const head = t.slice(0, 58);
  const space = head.lastIndexOf(" ");
  return (space >= 20 ? head.slice(0, space) : head.slice(0, 57)).trimEnd() + "…";
}

interface StageRating {
  score: number | null;
  level: Rag | null;
  likelihood: number | null;
  impact: number | null;
}

/** One stage's score: likelihood × impact, or the given score; where both disagree, the higher, with an issue. */
function stageRating(
  s: StageScores,
  label: string,
  cell: string | undefined,
  issues: Issue[],
  sheet: string,
): StageRating | null {
  const product = s.likelihood !== null && s.impact !== null ? s.likelihood * s.impact : null;
  if (product !== null && s.score !== null && product !== s.score) {
    const used = Math.max(product, s.score);
    issues.push({
      sheet,
      cell: cell ?? "",
      severity: "warning",
      message: `${label} score ${s.score} is not likelihood ${s.likelihood} × impact ${s.impact} = ${product}; the higher, ${used}, is used`,
    });
    return { score: used, level: null, likelihood: s.likelihood, impact: s.impact };
  }
  if (product !== null) return { score: product, level: null, likelihood: s.likelihood, impact: s.impact };
  if (s.score !== null) return { score: s.score, level: null, likelihood: s.likelihood, impact: s.impact };
  if (s.level !== null) return { score: null, level: s.level, likelihood: null, impact: null };
  return null;
}

/** Rates one risk with the risk rule: its residual score where given, else its inherent score. */
export function rateRisk(e: RiskEntry, rules: RiskRules, reporting: DayNumber, issues: Issue[]): RatedRisk {
  const residual = stageRating(e.residual, "residual", e.cells.residualScore, issues, e.sheet);
  const inherent = stageRating(e.inherent, "inherent", e.cells.score, issues, e.sheet);
  const used = residual ?? inherent;
  const basis: RiskBasis | null = residual ? "residual" : inherent ? "inherent" : null;
  const key = e.ref ?? `row ${e.row}`;
  const r = used
    ? assessRisk(
        { likelihood: null, impact: null, riskScore: used.score, riskLevel: used.level, risk: null },
        rules,
      )
    : null;
  const rag: RatedRisk["rag"] = r && r.rag !== "Complete" ? (r.rag as RatedRisk["rag"]) : "Not assessed";
  const name = riskName(e);
  const named = `risk ${key}${name ? ` '${name}'` : ""}`;
  const full = fullRiskName(e);
  const namedWhole = `risk ${key}${full ? ` '${full}'` : ""}`;
  let reason: string | null = null;
  if (used && basis) {
    const how =
      used.score === null
        ? `${basis} rating ${used.level === "Red" ? "high" : used.level === "Amber" ? "medium" : "low"}`
        : `${basis} score ${used.score}` +
          (used.likelihood !== null && used.impact !== null
            ? ` (likelihood ${used.likelihood} × impact ${used.impact})`
            : "");
    reason = `${rag}: ${named} ${how}`;
  }
  const reviewOverdue = !e.closed && e.reviewDate !== null && e.reviewDate < reporting;
  if (reviewOverdue)
    issues.push({
      sheet: e.sheet,
      cell: e.cells.reviewDate ?? "",
      severity: "warning",
      message: `${namedWhole}: its review date ${formatDayUk(e.reviewDate!)} has passed (reporting date ${formatDayUk(reporting)})`,
    });
  if (!e.closed && !used)
    issues.push({
      sheet: e.sheet,
      cell: e.cells.score ?? e.cells.likelihood ?? e.cells.riskRef ?? "",
      severity: "warning",
      message: `${namedWhole} has no score, likelihood or impact that can be read: it is Not assessed`,
    });
  return {
    ...e,
    key,
    rag,
    score: used?.score ?? null,
    basis,
    likelihood: used?.likelihood ?? null,
    impact: used?.impact ?? null,
    reason,
    linkedTo: [],
    linkedBy: null,
    reviewOverdue,
  };
}

const normKey = (t: string) => t.replace(/\s+/g, " ").trim().toLowerCase();

/** Worst first: by rating, then by score (highest first), then in sheet order. */
export function riskOrder(a: RatedRisk, b: RatedRisk): number {
  return severityRank(a.rag) - severityRank(b.rag) || (b.score ?? -1) - (a.score ?? -1);
}

/**
 * Links the registers' risks to items: `attach` gives an item its open linked risks (before it is assessed,
 * so its risk rating takes them in), `finish` names the risks that link to no item and the ambiguous names,
 * and rates the programme-level risks.
 */
export class RiskLinker {
  readonly risks: RatedRisk[] = [];
  private readonly byLink = new Map<string, RatedRisk[]>();
  constructor(
    private readonly registers: readonly RegisterRead[],
    private readonly rules: RiskRules,
    reporting: DayNumber,
    private readonly issues: Issue[],
  ) {
    for (const reg of registers) {
      for (const x of reg.issues) issues.push(x);
      for (const e of reg.risks) {
        const r = rateRisk(e, rules, reporting, issues);
        this.risks.push(r);
        if (r.link === null) continue;
        const k = normKey(r.link);
        const list = this.byLink.get(k);
        if (list) list.push(r);
        else this.byLink.set(k, [r]);
      }
    }
  }

  /** The item's open linked risks (by its reference, else its name), recorded on each risk; undefined: none. */
  attach(item: ProgrammeItem): RatedRisk[] | undefined {
    let list = item.ref ? this.byLink.get(normKey(item.ref)) : undefined;
    let by: "ref" | "name" = "ref";
    if (!list && item.name) {
      list = this.byLink.get(normKey(item.name));
      by = "name";
    }
    if (!list) return undefined;
    const open: RatedRisk[] = [];
    for (const r of list) {
      // A risk linked by reference keeps that link; a name matches only risks no reference has claimed.
      if (by === "name" && r.linkedBy === "ref") continue;
      r.linkedBy = by;
      r.linkedTo.push({ sheet: item.sheet, row: item.row, ref: item.ref, name: item.name });
      if (!r.closed) open.push(r);
    }
    return open.length ? open : undefined;
  }

  finish(): RiskRegisterAnalysis {
    for (const r of this.risks) {
      if (r.link !== null && r.linkedTo.length === 0)
        this.issues.push({
          sheet: r.sheet,
          cell: r.cells.link ?? "",
          severity: "warning",
          message: `risk ${r.key} names the project "${r.link}", which is neither the reference nor the name of an item on the programme sheets; it is reported at programme level`,
        });
      else if (r.linkedTo.length > 1)
        this.issues.push({
          sheet: r.sheet,
          cell: r.cells.link ?? "",
          severity: "warning",
          message: `risk ${r.key} names the project "${r.link}" by ${r.linkedBy === "name" ? "name" : "reference"}, which ${r.linkedTo.length} items share (${r.linkedTo.map((i) => `${i.sheet} row ${i.row}`).join(", ")}); it is linked to each of them`,
        });
    }
    const programme = this.risks.filter((r) => !r.closed && r.linkedTo.length === 0);
    const worst = [...programme].sort(riskOrder)[0];
    const rag: RagStatus = worstOf(programme.map((r) => r.rag)) ?? "Not assessed";
    return {
      sheets: this.registers.map((reg) => ({
        name: reg.sheet,
        headerRow: reg.headerRow,
        columns: reg.columns,
        linkBy: reg.linkBy,
      })),
      risks: this.risks,
      rules: this.rules,
      programme: {
        rag,
        open: programme.length,
        reason:
          programme.length === 0
            ? "Not assessed: no open programme-level risks"
            : `${worst!.reason ?? `${rag}: ${programme.length} open programme-level risks`}` +
              (programme.length > 1 ? ` (the worst of ${programme.length} open programme-level risks)` : ""),
      },
    };
  }
}

/** True when a risk counts: open. */
export const isOpen = (r: RatedRisk): boolean => !r.closed;
