/**
 * The highlight report's risk heat map: the register's open risks on a 5 × 5 grid of likelihood (rows, 5 at the
 * top) by impact (columns), each cell the number of open risks there and the rating word of that cell's score
 * (likelihood × impact by the risk rule), so it reads without colour and in greyscale print; the fills differ
 * in lightness as the RAG cells do. Risks with a score but no likelihood and impact cannot be placed and are
 * counted under the map.
 */
import type { RatedRisk } from "../assess/risk-register";
import { assessRisk } from "../assess/risk";
import type { RiskRules } from "../assess/risk";
import type { ProgrammeAnalysis } from "../model";
import type { CellStyle } from "../plan";
import { RAG_STYLE } from "../rag";
import type { SectionKit } from "./section-kit";
import type { Pager } from "./page-layout";
import type { RowSpec } from "./sheet-builder";

const SCALE_WORDS = ["very low", "low", "medium", "high", "very high"];

/** The counts of open risks by likelihood (index 0: likelihood 1) and impact (index 0: impact 1). */
export function heatMapCounts(risks: readonly RatedRisk[]): { counts: number[][]; notPlaced: number } {
  const counts = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
  let notPlaced = 0;
  for (const r of risks) {
    if (r.closed) continue;
    const l = r.likelihood;
    const i = r.impact;
    if (l === null || i === null || !Number.isInteger(l) || !Number.isInteger(i)) {
      notPlaced++;
      continue;
    }
    counts[l - 1]![i - 1]!++;
  }
  return { counts, notPlaced };
}

/** The rating word of a cell of the map: its score, likelihood × impact, by the risk rule. */
export function cellRating(likelihood: number, impact: number, rules: RiskRules): "Red" | "Amber" | "Green" {
  const r = assessRisk({ likelihood, impact, riskScore: null, riskLevel: null, risk: null }, rules).rag;
  return r === "Red" || r === "Amber" ? r : "Green";
}

/** The text of a map cell: the count, then the rating word ("3 risks" / "Red"). */
export function heatCellText(count: number, rating: string): string {
  return `${count === 0 ? "–" : count === 1 ? "1 risk" : `${count} risks`}\n${rating}`;
}

const cellStyle = (rating: "Red" | "Amber" | "Green", count: number): CellStyle => ({
  fill: RAG_STYLE[rating].fill,
  fontColor: RAG_STYLE[rating].font,
  bold: count > 0,
  italic: count === 0,
  fontSize: 12,
  hAlign: "center",
  vAlign: "center",
  border: true,
  wrap: true,
});

/** The heat map section, placed by the pager; nothing when the workbook has no risk register. */
export function riskHeatMapSection(pager: Pager, r: number, a: ProgrammeAnalysis, kit: SectionKit): number {
  const reg = a.riskRegister;
  if (!reg) return r;
  const rules = reg.rules;
  const open = reg.risks.filter((x) => !x.closed);
  const { counts, notPlaced } = heatMapCounts(open);
  const rows: RowSpec[] = [];
  for (let l = 5; l >= 1; l--) {
    const row: RowSpec = [
      { col: 0, value: `Likelihood ${l}\n(${SCALE_WORDS[l - 1]})`, style: LABEL_STYLE, span: 2 },
    ];
    for (let i = 1; i <= 5; i++) {
      const rating = cellRating(l, i, rules);
      const n = counts[l - 1]![i - 1]!;
      row.push({ col: 1 + i, value: heatCellText(n, rating), style: cellStyle(rating, n) });
    }
    rows.push(row);
  }
  const closed = reg.risks.length - open.length;
  const placed = open.length - notPlaced;
  const summary =
    `${open.length} open risk${open.length === 1 ? "" : "s"} on ${reg.sheets.map((s) => `"${s.name}"`).join(", ")}` +
    ` (${closed} closed, not shown): ${placed} placed by the likelihood and impact rated (residual where given, else inherent)` +
    (notPlaced > 0 ? `; ${notPlaced} with a score but no likelihood and impact are not placed` : "") +
    `. Each cell gives the number of open risks and the rating of its score (likelihood × impact): Red from ${rules.redMin}, Green up to ${rules.greenMax}.`;
  const end = pager.block(r, {
    heading: [kit.heading(`Risk heat map: open risks by likelihood and impact, ${a.period}`)],
    header: [
      kit.head([
        [0, "Likelihood ↓  Impact →", 2],
        [2, "1 (very low)"],
        [3, "2 (low)"],
        [4, "3 (medium)"],
        [5, "4 (high)"],
        [6, "5 (very high)"],
      ]),
    ],
    rows: [...rows, kit.note(summary)],
    keep: rows.length + 1,
  });
  return pager.gap(end);
}

const LABEL_STYLE: CellStyle = {
  bold: true,
  border: true,
  vAlign: "center",
  wrap: true,
  fill: "#F2F2F2",
  fontSize: 12,
};
