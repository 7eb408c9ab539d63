/**
 * The highlight report's "Key milestones" section (issue 12), laid out from the list key-milestones.ts gives the
 * pane and the command line too. Apart from that list so the add-in's first bundle carries only the list: this
 * half is in the report's chunk.
 */
import type { DayNumber } from "../dates";
import { excelSerialFromDay } from "../dates";
import type { ProgrammeAnalysis } from "../model";
import type { KeyMilestoneGroup } from "./key-milestones";
import {
  KEY_MILESTONE_ORDER,
  keyMilestoneCountText,
  keyMilestoneGroupText,
  keyMilestones,
  milestoneProject,
} from "./key-milestones";
import type { Pager } from "./page-layout";
import type { SectionKit } from "./section-kit";
import type { RowSpec } from "./sheet-builder";
import { FORMAT } from "./sheet-builder";

/**
 * The report's "Key milestones" section, where the workbook has milestones (nothing otherwise); returns the next
 * free row (after a gap). Columns: Ref, Project, Milestone, Key, Baseline, Forecast, Actual, Rating, What (two columns wide).
 */
export function keyMilestonesSection(
  pager: Pager,
  r: number,
  a: ProgrammeAnalysis,
  kit: Omit<SectionKit, "cols">,
  limit: number,
): number {
  if (!a.milestones || a.milestones.length === 0) return r;
  const all = keyMilestones(a);
  const listed = all.slice(0, limit);
  const serial = (d: DayNumber | null) => (d === null ? null : excelSerialFromDay(d, a.dateSystem));
  const rows: RowSpec[] = listed.map((k) => {
    const m = k.milestone;
    const p = milestoneProject(m);
    return [
      kit.text(0, p.ref, 1, FORMAT.text),
      kit.text(1, p.name),
      kit.text(2, m.name),
      kit.text(3, m.key ? "Key" : ""),
      kit.num(4, serial(m.baseline), FORMAT.date),
      kit.num(5, serial(m.forecast), FORMAT.date),
      kit.num(6, serial(m.actual), FORMAT.date),
      kit.rag(7, m.rag),
      kit.text(8, keyMilestoneGroupText(k.group, a)),
      kit.text(9, k.what, 2),
    ];
  });
  if (all.length === 0)
    rows.push(
      kit.note(
        "No milestone is missed or has slipped, none falls due next quarter and none was achieved this quarter.",
      ),
    );
  const notes: RowSpec[] = [];
  if (all.length > listed.length) {
    const rest = all.slice(listed.length);
    const c = new Map<KeyMilestoneGroup, number>();
    for (const k of rest) c.set(k.group, (c.get(k.group) ?? 0) + 1);
    const counts = KEY_MILESTONE_ORDER.filter((g) => c.has(g))
      .map((g) => `${c.get(g)} ${keyMilestoneCountText(g, a)}`)
      .join(", ");
    notes.push(
      kit.note(
        `… and ${rest.length} more (${counts}) not listed here; every milestone is in the task pane and the CLI's --json output.`,
      ),
    );
  }
  const count = (g: KeyMilestoneGroup) => all.filter((k) => k.group === g).length;
  const summary = KEY_MILESTONE_ORDER.map((g) => `${count(g)} ${keyMilestoneCountText(g, a)}`).join(", ");
  const end = pager.block(r, {
    heading: [kit.heading(`Key milestones: ${summary}`)],
    header: [
      kit.head([
        [0, "Ref"],
        [1, "Project"],
        [2, "Milestone"],
        [3, "Key"],
        [4, "Baseline"],
        [5, "Forecast"],
        [6, "Actual"],
        [7, "Rating"],
        [8, "Reported as"],
        [9, "What happened", 2],
      ]),
    ],
    rows,
    notes,
    continued: [kit.heading("Key milestones (continued)")],
  });
  return pager.gap(end);
}
