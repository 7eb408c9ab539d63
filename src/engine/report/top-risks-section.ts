/**
 * The highlight report's "Top risks" section, laid out from the list top-risks.ts gives the pane too. Apart from
 * that list so the add-in's first bundle carries only the list: this half is in the report's chunk.
 */
import { riskName } from "../assess/risk-register";
import { excelSerialFromDay, formatDayUk } from "../dates";
import type { ProgrammeAnalysis } from "../model";
import type { CellStyle } from "../plan";
import type { Pager } from "./page-layout";
import type { SectionKit } from "./section-kit";
import { FORMAT, clip } from "./sheet-builder";
import type { RiskScoresBefore } from "./top-risks";
import { riskDirection, riskProject, topRegisterRisks } from "./top-risks";

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
