/**
 * The highlight report's top risks from the risk register: the open risks, worst first (rating, then score),
 * with owner, score, rating, the direction of travel of the score since the last snapshot (Risk History), the
 * review date flagged where it has passed, and the mitigation. Every word is written out ("Worse: 12 → 20"),
 * so nothing depends on colour.
 */
import type { RatedRisk } from "../assess/risk-register";
import { riskName, riskOrder } from "../assess/risk-register";
import { excelSerialFromDay, formatDayUk } from "../dates";
import type { DayNumber } from "../dates";
import type { ProgrammeAnalysis } from "../model";
import type { CellStyle } from "../plan";
import type { SectionKit } from "./section-kit";
import { FORMAT, clip } from "./sheet-builder";
import type { Pager } from "./sheet-builder";

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

const FLAG: CellStyle = { bold: true, border: true, vAlign: "top", wrap: true, fill: "#FFF2CC" };

/** The top risks section, placed by the pager; nothing when the workbook has no risk register. */
export function topRisksSection(
  pager: Pager,
  r: number,
  a: ProgrammeAnalysis,
  kit: SectionKit,
  before: RiskScoresBefore | null,
  n = 10,
): number {
  const reg = a.riskRegister;
  if (!reg) return r;
  const open = reg.risks.filter((x) => !x.closed);
  const top = topRegisterRisks(a, n);
  const overdue = open.filter((x) => x.reviewOverdue);
  const rows = top.map((x) => {
    const d = riskDirection(x, before);
    return [
      kit.text(0, x.key, 1, FORMAT.text),
      kit.text(1, riskName(x) || null),
      kit.text(2, riskProject(x), 1, FORMAT.text),
      kit.text(3, x.owner),
      kit.num(4, x.score, FORMAT.integer),
      kit.rag(5, x.rag),
      kit.text(6, d.text),
      x.reviewDate === null
        ? kit.text(7, null)
        : kit.num(7, excelSerialFromDay(x.reviewDate, a.dateSystem), FORMAT.date),
      x.reviewOverdue
        ? { col: 8, value: "PASSED", style: FLAG }
        : kit.text(8, x.reviewDate === null ? "None" : `Review ${formatDayUk(x.reviewDate)}`),
      kit.text(9, clip(x.mitigation, 300)),
      kit.text(
        10,
        x.basis === null
          ? "Not scored"
          : `${x.basis}${x.likelihood !== null && x.impact !== null ? `: likelihood ${x.likelihood} × impact ${x.impact}` : ""}`,
      ),
    ];
  });
  const notes = [
    kit.note(
      `${top.length} of ${open.length} open risks, worst first (rating, then score). Score: the residual score after mitigation where the register gives one, else the inherent. ` +
        (before
          ? `Since last: the score against the snapshot of ${before.label} in the Risk History (▲ worse, ▼ better).`
          : "Since last: no earlier snapshot in the Risk History yet; the next report compares with this one.") +
        ` Programme: a risk linked to no item. Programme-level risks: ${reg.programme.reason}.`,
    ),
  ];
  if (overdue.length > 0)
    notes.push(
      kit.note(
        `${overdue.length} open risk${overdue.length === 1 ? " is" : "s are"} past the review date: ${overdue
          .map((x) => x.key)
          .join(", ")}.`,
        { bold: true, wrap: true, vAlign: "top" },
      ),
    );
  const end = pager.block(r, {
    heading: [kit.heading("Top risks: the risk register")],
    header: [
      kit.head([
        [0, "Risk"],
        [1, "Title"],
        [2, "Project"],
        [3, "Owner"],
        [4, "Score"],
        [5, "Rating"],
        [6, "Since last"],
        [7, "Review date"],
        [8, "Review"],
        [9, "Mitigation"],
        [10, "Scored on"],
      ]),
    ],
    rows: rows.length ? rows : [kit.note("No open risks on the register.")],
    notes,
    continued: [kit.heading("Top risks: the risk register (continued)")],
  });
  return pager.gap(end);
}
