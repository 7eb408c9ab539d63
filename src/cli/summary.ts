/** The short summary the command line prints. */
import { formatDayUk } from "../engine/dates";
import { columnLetters as letters } from "../engine/grid";
import type { Pence } from "../engine/money";
import { formatMoney, groupThousands } from "../engine/money";
import type { Issue, ProgrammeAnalysis, SheetReport } from "../engine/model";
import type { CurrencyCode } from "../engine/read/cells";
import { CURRENCY_SYMBOL } from "../engine/read/cells";
import { fieldLabel } from "../engine/read/headers";
import { exceptionOrder, isException } from "../engine/report/highlight";

export function formatIssue(i: Issue): string {
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

export function summaryLines(a: ProgrammeAnalysis, maxIssues = 10): string[] {
  const t = a.totals;
  const symbol = CURRENCY_SYMBOL[a.currency as CurrencyCode] ?? "£";
  const formatPounds = (p: Pence): string => formatMoney(p, symbol);
  const lines: string[] = [];
  lines.push(`Reporting date ${formatDayUk(a.reportingDate)} (${a.period})`);
  const sheets = a.sheets.map(
    (s) => `"${s.name}" (${s.itemCount} item${s.itemCount === 1 ? "" : "s"}, header row ${s.headerRow + 1})`,
  );
  lines.push(`Programme sheets: ${sheets.join(", ")}`);
  for (const s of a.sheets) lines.push(...mappingLines(s));
  if (a.ignoredSheets.length)
    lines.push(`Ignored: ${a.ignoredSheets.map((s) => `"${s.name}" (${s.reason})`).join(", ")}`);
  lines.push(
    `Budget against the ${formatPounds(a.allocation)} allocation: allocated ${formatPounds(t.budget)}, unallocated ${formatPounds(t.unallocated)}, ` +
      `spent ${formatPounds(t.spent)}, committed ${formatPounds(t.committed)}, forecast ${formatPounds(t.forecast)}, ` +
      `variance to allocation ${formatPounds(t.varianceToAllocation)} (budget ${t.rag})`,
  );
  const c = a.ragCounts;
  lines.push(
    `Items: ${c.Red} Red, ${c.Amber} Amber, ${c.Green} Green, ${c.Complete} Complete, ${c["Not assessed"]} Not assessed`,
  );
  lines.push(`Programme RAG: ${a.programmeRag.reason}`);
  const exceptions = a.items.filter(isException).sort(exceptionOrder);
  if (exceptions.length) {
    lines.push("Red and Amber items:");
    for (const i of exceptions) {
      lines.push(`  ${i.rag.overall.padEnd(11)} ${[i.id, i.name].filter(Boolean).join(" ")}`);
      for (const r of i.reasons) if (!r.text.startsWith("Not assessed")) lines.push(`            ${r.text}`);
    }
  }
  if (a.skipped.length) {
    const counts = new Map<string, number>();
    for (const s of a.skipped) {
      const kind = s.reason.replace(/ ".*$/, "");
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
    }
    lines.push(`Skipped rows: ${[...counts].map(([k, n]) => `${n} ${k}${n === 1 ? "" : "s"}`).join(", ")}`);
  }
  const errors = a.issues.filter((i) => i.severity === "error").length;
  const warnings = a.issues.length - errors;
  if (a.issues.length) {
    lines.push(
      `Problems: ${errors} cell${errors === 1 ? "" : "s"} could not be read, ${warnings} warning${warnings === 1 ? "" : "s"}`,
    );
    const shown = [...a.issues]
      .sort((x, y) => (x.severity === y.severity ? 0 : x.severity === "error" ? -1 : 1))
      .slice(0, maxIssues);
    for (const i of shown) lines.push(`  ${formatIssue(i)}`);
    if (a.issues.length > shown.length)
      lines.push(`  … and ${a.issues.length - shown.length} more (--json lists them all)`);
  }
  return lines;
}
