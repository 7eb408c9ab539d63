/** The short summary the command line prints. */
import { formatDayUk } from "../engine/dates";
import { excelRowOf } from "../engine/coords";
import { columnLetters as letters } from "../engine/grid";
import type { Pence } from "../engine/money";
import { absPence, formatMoney, groupThousands } from "../engine/money";
import type { Issue, ProgrammeAnalysis, SheetReport } from "../engine/model";
import type { CurrencyCode } from "../engine/read/cells";
import { CURRENCY_SYMBOL } from "../engine/read/cells";
import { fieldLabel } from "../engine/read/headers";
import {
  EXCEPTION_LIMIT,
  comingUp,
  exceptions,
  overrideCounts,
  overrideText,
} from "../engine/report/exceptions";
import { cycleSentence } from "../engine/cycle";
import { varianceIsCarried, yearVarianceWords } from "../engine/year-words";
import { reportWarnings } from "../engine/report/notes";
import { milestoneSummary } from "../engine/report/key-milestones";
import type { Trend } from "../engine/report/trend";
import { behindOverrideText, changeText, moversText, ratedMoveText } from "../engine/report/trend";
import { budgetsNotReadNote } from "../engine/assess/programme";

export function formatIssue(i: Issue): string {
  if (!i.sheet) return i.message;
  return `${i.sheet}${i.cell ? "!" + i.cell : ""}: ${i.message}`;
}

/** Units as the mapping shows them: "×1,000" for £k. */
const unitWords = (unit: number): string => (unit === 1 ? "" : ` ×${groupThousands(unit)}`);

/** For one sheet: the column read for each field, and the columns passed over that looked like figures. */
export function mappingLines(s: SheetReport): string[] {
  const columnLetters = (col: number): string => (s.transposed ? `row ${col + 1}` : letters(col));
  const read = s.columns
    .filter((c) => c.field !== "commentary")
    .map(
      (c) =>
        `${fieldLabel(c.field)} ${columnLetters(c.col)} "${oneLine(c.header)}"${unitWords(c.unit)}${c.part ? ` (${c.part})` : ""}`,
    );
  // Wrapped at about 110 characters, a field never split across lines.
  const lines: string[] = [];
  let line = `  "${s.name}" reads:`;
  for (const [i, r] of read.entries()) {
    const piece = ` ${r}${i < read.length - 1 ? ";" : ""}`;
    if (line.length + piece.length > 110 && line.trim().length > 0 && !line.endsWith(":")) {
      lines.push(line);
      line = "   ";
    }
    line += piece;
  }
  lines.push(line);
  if (s.currency !== "GBP") lines.push(`    amounts are in ${s.currency}`);
  if (s.transposed) lines.push("    read turned: one project per column; no RAG column is written into it");
  for (const o of s.passedOver)
    lines.push(`    passed over ${columnLetters(o.col)} "${oneLine(o.header)}": ${o.reason}`);
  return lines;
}

/** A header on one line, at most 50 characters. */
function oneLine(h: string): string {
  const t = h.replace(/\s+/g, " ").trim();
  return t.length > 50 ? t.slice(0, 49).trimEnd() + "…" : t;
}

/**
 * The summary. `notes`: what the command line adds at the top (which inputs came from the workbook's saved
 * settings; warnings about the run's own inputs, said first).
 */
export function summaryLines(
  a: ProgrammeAnalysis,
  maxIssues = 10,
  trend: Trend | null = null,
  notes: { inputs?: string[]; warnings?: string[] } = {},
): string[] {
  const t = a.totals;
  const symbol = CURRENCY_SYMBOL[a.currency as CurrencyCode] ?? "£";
  const formatPounds = (p: Pence): string => formatMoney(p, symbol);
  // In words as well as sign, as on the paper: "£7,100 under", never a bare "-£7,100".
  const overUnder = (p: Pence): string =>
    p > 0 ? `${formatPounds(p)} over` : p < 0 ? `${formatPounds(-p as Pence)} under` : formatPounds(p);
  const signed = (p: number) => (p > 0 ? "+" : p < 0 ? "-" : "") + formatPounds(Math.abs(p) as Pence);
  const lines: string[] = [];
  lines.push(
    `${a.programmeName}: reporting date ${formatDayUk(a.reportingDate)} (${a.period}), programme period ${formatDayUk(a.periodStart)} to ${formatDayUk(a.periodEnd)}`,
  );
  lines.push(...(notes.inputs ?? []));
  lines.push(...warningLines(a, trend, notes.warnings ?? [], maxIssues));
  // The period reported and what it compares with, as the report's title and subtitle say them.
  lines.push(`Period: ${cycleSentence(a, trend)}`);
  const sheets = a.sheets.map(
    (s) =>
      `"${s.name}" (${s.itemCount} item${s.itemCount === 1 ? "" : "s"}, header row ${excelRowOf(s.headerRow)})`,
  );
  lines.push(`Programme sheets: ${sheets.join(", ")}`);
  for (const s of a.sheets) lines.push(...mappingLines(s));
  if (a.ignoredSheets.length)
    lines.push(`Ignored: ${a.ignoredSheets.map((s) => `"${s.name}" (${s.reason})`).join(", ")}`);
  lines.push(
    `Budget against the ${formatPounds(a.allocation)} allocation: allocated ${formatPounds(t.budget)}, ${t.unallocated < 0 ? `over-allocated by ${formatPounds(absPence(t.unallocated))}` : `unallocated ${formatPounds(t.unallocated)}`}, ` +
      `spent ${formatPounds(t.spent)}, committed ${formatPounds(t.committed)}, forecast ${formatPounds(t.forecast)}, ` +
      `variance to allocation ${overUnder(t.varianceToAllocation)} (budget ${t.rag})`,
  );
  if (t.budgetsNotRead > 0) lines.push(`  ${budgetsNotReadNote(t.budgetsNotRead)}`);
  lines.push(...yearLines(a, formatPounds));
  const c = a.ragCounts;
  lines.push(
    `Items: ${c.Red} Red, ${c.Amber} Amber, ${c.Green} Green, ${c.Complete} Complete, ${c["Not assessed"]} Not assessed`,
  );
  const milestones = milestoneSummary(a);
  if (milestones) lines.push(milestones);
  const risks = riskRegisterLine(a);
  if (risks) lines.push(risks);
  const oc = overrideCounts(a.items);
  if (oc.total > 0)
    lines.push(
      `Overrides: ${oc.total} rating${oc.total === 1 ? "" : "s"} set by an override column: ${oc.up} better than computed, ${oc.down} worse, ${oc.same} the same` +
        (oc.withoutReason ? `; ${oc.withoutReason} with no reason given` : ""),
    );
  lines.push(`Programme RAG: ${a.programmeRag.reason}`);
  if (trend) {
    const p = trend.programme;
    const f = trend.flows;
    lines.push(
      `Since ${trend.label} (${formatDayUk(trend.reportingDate)}): ` +
        (p
          ? `programme RAG ${p.rag} → ${a.programmeRag.rag}, budget RAG ${p.budgetRag} → ${t.rag}, delivery RAG ${p.deliveryRag} → ${a.programmeRag.delivery.rag}; `
          : "") +
        (trend.forecastChange !== null && trend.forecastThen !== null
          ? `forecast ${formatPounds(trend.forecastThen)} → ${formatPounds(t.forecast)} (${signed(trend.forecastChange)}); `
          : "") +
        `Red ${f.Red.before} → ${f.Red.now} (${f.Red.joined} joined, ${f.Red.left} left), Amber ${f.Amber.before} → ${f.Amber.now} (${f.Amber.joined} joined, ${f.Amber.left} left); ` +
        moversText(trend),
    );
    const improved = trend.improved.slice(0, EXCEPTION_LIMIT);
    if (improved.length) {
      lines.push(`Improved since ${trend.label}:`);
      for (const x of improved)
        lines.push(
          `  ${[x.item.ref, x.item.name].filter(Boolean).join(" ")}: ${x.changes.map(changeText).join(", ")}`,
        );
      if (trend.improved.length > improved.length)
        lines.push(`  … and ${trend.improved.length - improved.length} more (--json lists them all)`);
    }
    for (const [title, list] of [
      ["No longer rated", trend.noLongerRated],
      ["Newly rated", trend.newlyRated],
    ] as const) {
      if (list.length === 0) continue;
      lines.push(`${title} since ${trend.label} (neither improved nor worse):`);
      for (const x of list.slice(0, EXCEPTION_LIMIT))
        lines.push(`  ${[x.item.ref, x.item.name].filter(Boolean).join(" ")}: ${ratedMoveText(x)}`);
      if (list.length > EXCEPTION_LIMIT)
        lines.push(`  … and ${list.length - EXCEPTION_LIMIT} more (--json lists them all)`);
    }
    if (trend.worseBehindOverride.length) {
      lines.push(`Computed rating worse behind an override since ${trend.label}:`);
      for (const x of trend.worseBehindOverride.slice(0, EXCEPTION_LIMIT))
        lines.push(`  ${[x.item.ref, x.item.name].filter(Boolean).join(" ")}: ${behindOverrideText(x)}`);
      if (trend.worseBehindOverride.length > EXCEPTION_LIMIT)
        lines.push(
          `  … and ${trend.worseBehindOverride.length - EXCEPTION_LIMIT} more (--json lists them all)`,
        );
    }
    const moves = trend.moneyMoves.slice(0, 5);
    if (moves.length)
      lines.push(
        `Largest forecast changes: ${moves.map((x) => `${x.item.ref ?? x.item.name} ${signed(x.forecastChange!)}`).join(", ")}`,
      );
  }
  const trendOf = new Map((trend?.items ?? []).map((x) => [x.item, x]));
  const all = exceptions(a.items);
  const listed = all.slice(0, EXCEPTION_LIMIT);
  if (listed.length) {
    lines.push(
      all.length > listed.length
        ? `Exceptions (Red and Amber, and overrides better than computed): the worst ${listed.length} of ${all.length}:`
        : "Exceptions (Red and Amber, and overrides better than computed):",
    );
    for (const i of listed) {
      const x = trendOf.get(i);
      const moved = x && x.before ? x.changes.map(changeText) : [];
      if (x?.worseBehindOverride) moved.push(behindOverrideText(x));
      const since = moved.length ? ` [since ${trend!.label}: ${moved.join(", ")}]` : "";
      lines.push(`  ${i.rag.overall.padEnd(11)} ${[i.ref, i.name].filter(Boolean).join(" ")}${since}`);
      const ov = overrideText(i, a.sheets);
      if (ov) lines.push(`            ${ov}`);
      else
        for (const r of i.reasons)
          if (!r.text.startsWith("Not assessed") || i.rag.computed === "Not assessed")
            lines.push(`            ${r.text}`);
    }
    if (all.length > listed.length)
      lines.push(
        `  … and ${all.length - listed.length} more: every item's rating is in the RAG column (--out), --json and the task pane`,
      );
  }
  // What falls due next quarter, as the report's "Coming up" lists it (the same items in the same order).
  const due = comingUp(a);
  const dueListed = due.items.slice(0, EXCEPTION_LIMIT);
  lines.push(
    `Coming up in ${due.quarter.label} (${formatDayUk(due.quarter.start)} to ${formatDayUk(due.quarter.end)}): ` +
      (due.items.length === 0
        ? "nothing falls due"
        : `${due.items.length} item${due.items.length === 1 ? "" : "s"} due by ${due.items.length === 1 ? "its" : "their"} target date${due.items.length === 1 ? "" : "s"}`),
  );
  for (const i of dueListed)
    lines.push(
      `  ${formatDayUk(i.end!)} ${[i.ref, i.name].filter(Boolean).join(" ")} (schedule ${i.rag.schedule}, overall ${i.rag.overall})`,
    );
  if (due.items.length > dueListed.length)
    lines.push(`  … and ${due.items.length - dueListed.length} more (--json lists every item's target date)`);
  if (a.skipped.length) {
    const counts = new Map<string, number>();
    for (const s of a.skipped) {
      const kind = s.reason.replace(/ ".*$/, "");
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
    }
    lines.push(`Skipped rows: ${[...counts].map(([k, n]) => skippedCount(k, n)).join(", ")}`);
  }
  return lines;
}

/**
 * One section for everything to look at, near the top: the run's and the report's warnings (all of them: they
 * are few and say what to do), then the cells that could not be read, then the cells' warnings, capped at
 * `maxIssues` lines with a count of the rest. Each line says its kind once.
 */
function warningLines(
  a: ProgrammeAnalysis,
  trend: Trend | null,
  runWarnings: readonly string[],
  maxIssues: number,
): string[] {
  const report = [...runWarnings, ...reportWarnings(a, trend)];
  const errors = a.issues.filter((i) => i.severity === "error");
  const cellWarnings = a.issues.filter((i) => i.severity !== "error");
  if (report.length + a.issues.length === 0) return [];
  const parts = [
    report.length ? `${report.length} about the report` : "",
    errors.length ? `${errors.length} cell${errors.length === 1 ? "" : "s"} could not be read` : "",
    cellWarnings.length ? `${cellWarnings.length} about cells or sheets` : "",
  ].filter(Boolean);
  const lines = [`Warnings and errors: ${parts.join(", ")}`];
  for (const w of report) lines.push(`  Warning: ${w}`);
  const shown = [...errors, ...cellWarnings].slice(0, maxIssues);
  for (const i of shown) lines.push(`  ${i.severity === "error" ? "Error" : "Warning"}: ${formatIssue(i)}`);
  if (a.issues.length > shown.length)
    lines.push(`  … and ${a.issues.length - shown.length} more (--json lists them all)`);
  return lines;
}

/**
 * One line for the risk register, as the report's heat map and top risks count it: open risks by rating, the
 * programme-level ones (linked to no item) and their Red count, closed ones, and the reviews passed (at most 10
 * named, as the other lists are capped).
 */
export function riskRegisterLine(a: ProgrammeAnalysis): string | null {
  const reg = a.riskRegister;
  if (!reg) return null;
  const open = reg.risks.filter((r) => !r.closed);
  const by = (rag: string) => open.filter((r) => r.rag === rag).length;
  const counts = ["Red", "Amber", "Green", "Not assessed"]
    .filter((rag) => rag !== "Not assessed" || by(rag) > 0)
    .map((rag) => `${by(rag)} ${rag}`)
    .join(", ");
  const programme = open.filter((r) => r.linkedTo.length === 0);
  const overdue = open.filter((r) => r.reviewOverdue);
  const named = overdue.slice(0, 10).map((r) => r.key);
  const sheets = reg.sheets.map((x) => `"${x.name}"`).join(", ");
  return (
    `Risk register: ${open.length} open risk${open.length === 1 ? "" : "s"} on ${sheets} (${counts}; ${reg.risks.length - open.length} closed); ` +
    `programme level: ${programme.length} open, ${programme.filter((r) => r.rag === "Red").length} Red (programme risk RAG ${reg.programme.rag}); ` +
    (overdue.length === 0
      ? "no review date passed"
      : `${overdue.length} review date${overdue.length === 1 ? "" : "s"} passed (${named.join(", ")}${overdue.length > named.length ? `, … and ${overdue.length - named.length} more` : ""})`)
  );
}

/** Money by financial year, one line a year (issue 13), where the sheets give years. */
function yearLines(a: ProgrammeAnalysis, money: (p: Pence) => string): string[] {
  const v = a.years;
  if (!v || v.rows.length === 0) return [];
  const lines = v.rows.map(
    (y) =>
      `  ${y.label} (${y.status}): ` +
      (y.allocation !== null ? `allocation ${money(y.allocation)}, ` : "") +
      `budget ${money(y.budget)}, spent ${money(y.spent)}, committed ${money(y.committed)}, forecast ${money(y.forecast)}, ` +
      `variance ${yearVarianceWords(y, v.rows, money)}` +
      (y.slippage > 0 ? `, slippage ${money(y.slippage)} into later years` : "") +
      (y.carriedIn > 0 && !varianceIsCarried(y) ? `, ${money(y.carriedIn)} carried forward in` : ""),
  );
  if (v.noYear.items > 0)
    lines.push(
      `  (no year): ${v.noYear.items} item${v.noYear.items === 1 ? "" : "s"}, budget ${money(v.noYear.budget)}`,
    );
  return [
    `By financial year (budget rated ${v.budgetBasis === "inYear" ? "in-year" : "over the whole programme"}):`,
    ...lines,
  ];
}

/** "3 blank rows", "1 section heading", "2 rows with no name or reference". */
export function skippedCount(kind: string, n: number): string {
  if (kind === "no name or reference") return `${n} row${n === 1 ? "" : "s"} with no name or reference`;
  return `${n} ${kind}${n === 1 ? "" : "s"}`;
}
