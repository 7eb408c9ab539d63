/**
 * The highlight report's top risks from the risk register: the open risks, worst first (rating, then score),
 * with owner, score, rating, the direction of travel of the score since the last snapshot (Risk History), the
 * review date flagged where it has passed, and the mitigation. Every word is written out ("Worse: 12 → 20"),
 * so nothing depends on colour.
 */
import type { RatedRisk } from "../assess/risk-register";
import { riskOrder } from "../assess/risk-register";
import type { DayNumber } from "../dates";
import type { ProgrammeAnalysis } from "../model";

/** The scores of the last snapshot the Risk History holds, by risk key (lower case). */
export interface RiskScoresBefore {
  /** The snapshot's period ("Q2 2020/21"). */
  label: string;
  reportingDate: DayNumber;
  scores: ReadonlyMap<string, number | null>;
}

export type RiskDirection = "worse" | "better" | "same" | "new" | "unknown";

/** How a risk's score moved since the last snapshot: higher is worse. */
export function riskDirection(
  r: Pick<RatedRisk, "key" | "score">,
  before: RiskScoresBefore | null,
): { direction: RiskDirection; text: string; before: number | null } {
  if (!before) return { direction: "unknown", text: "No earlier snapshot", before: null };
  const k = r.key.toLowerCase();
  if (!before.scores.has(k)) return { direction: "new", text: `New since ${before.label}`, before: null };
  const b = before.scores.get(k) ?? null;
  if (b === null || r.score === null)
    return { direction: "unknown", text: "Not scored then or now", before: b };
  if (r.score > b) return { direction: "worse", text: `▲ Worse: ${b} → ${r.score}`, before: b };
  if (r.score < b) return { direction: "better", text: `▼ Better: ${b} → ${r.score}`, before: b };
  return { direction: "same", text: `► Same: ${b}`, before: b };
}

/** The open risks, worst first. */
export function topRegisterRisks(a: ProgrammeAnalysis, n = 10): RatedRisk[] {
  const open = (a.riskRegister?.risks ?? []).filter((r) => !r.closed);
  return open.sort(riskOrder).slice(0, n);
}

/** Where a risk belongs: its project's reference (or name), or "Programme". */
export function riskProject(r: RatedRisk): string {
  if (r.linkedTo.length === 0) return r.link ? `Programme (names "${r.link}", not found)` : "Programme";
  return r.linkedTo.map((i) => i.ref ?? i.name ?? "").join(", ");
}
