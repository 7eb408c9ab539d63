/**
 * The highlight report's data notes (cells that could not be read, estimates used, amounts or dates typed as text)
 * and its reconciliation with the sheet's own grand total. Data, in words, shown on the paper; apart from
 * notes.ts (the warnings, which the pane shows too) so the add-in's first bundle does not carry it.
 */
import { columnIndex } from "../grid";
import type { Pence } from "../money";
import { formatMoney } from "../money";
import type { CurrencyCode } from "../read/cells";
import { CURRENCY_SYMBOL } from "../read/cells";
import type { AssessedItem, FieldKey, Issue, ProgrammeAnalysis, SheetTotalRow } from "../model";
import { budgetNotRead } from "../assess/programme";
import type { AssessedMilestone } from "../assess/milestones";
import { cancelledItemMilestones, milestoneProject } from "./key-milestones";

const MONEY_FIELDS = new Set<FieldKey>(["budget", "spent", "committed", "forecast"]);

export interface DataNotes {
  /** Cells that could not be read (their amounts are left out of the totals, counted as zero). */
  unreadable: Issue[];
  /** Estimates used in place of what the sheet says (a missing or too-low forecast). */
  estimates: Issue[];
  /** Amounts or dates typed as text (read, but Excel's own totals leave them out). */
  asText: Issue[];
  /** Other cells that could not be read (a score, a date, a % complete): the item is rated without them. */
  unreadableOther: Issue[];
  /** Other warnings. */
  other: Issue[];
  /** Items not assessed because money could not be read. */
  notAssessed: AssessedItem[];
  /** Items not rated because their status says cancelled (their money is in the totals). */
  cancelled: AssessedItem[];
  /** The milestones of cancelled items, left out of Key milestones (key-milestones.ts). */
  cancelledMilestones: AssessedMilestone[];
}

export function dataNotes(a: ProgrammeAnalysis): DataNotes {
  const n: DataNotes = {
    unreadable: [],
    estimates: [],
    asText: [],
    unreadableOther: [],
    other: [],
    notAssessed: [],
    cancelled: [],
    cancelledMilestones: [],
  };
  // The money columns of each sheet (a transposed sheet's fields are rows), so only a money cell is said to be
  // left out of the totals.
  const money = new Map<string, { transposed: boolean; at: Set<number> }>();
  for (const s of a.sheets)
    money.set(s.name, {
      transposed: s.transposed,
      at: new Set(s.columns.filter((c) => MONEY_FIELDS.has(c.field)).map((c) => c.col)),
    });
  const isMoney = (i: Issue): boolean => {
    const m = /^([A-Z]+)(\d+)$/.exec(i.cell);
    const sheet = money.get(i.sheet);
    // A cell the engine cannot place is counted with the money, as before: never understated.
    if (!m || !sheet) return true;
    return sheet.at.has(sheet.transposed ? Number(m[2]) - 1 : columnIndex(m[1]!));
  };
  for (const i of a.issues) {
    if (i.severity === "error") (isMoney(i) ? n.unreadable : n.unreadableOther).push(i);
    else if (/is used as the forecast|which is used instead/.test(i.message)) n.estimates.push(i);
    else if (/stored as text/.test(i.message)) n.asText.push(i);
    else n.other.push(i);
  }
  n.notAssessed = a.items.filter(
    (i) => !i.cancelled && (i.unreadable?.length ?? 0) > 0 && i.rag.computed === "Not assessed",
  );
  n.cancelled = a.items.filter((i) => i.cancelled);
  n.cancelledMilestones = cancelledItemMilestones(a);
  return n;
}

export function issueText(i: Issue): string {
  return `${i.sheet}${i.cell ? "!" + i.cell : ""}: ${i.message}`;
}

/** Where every warning and error is listed, for a note that lists only some of them. */
export const ALL_ISSUES_AT = "the task pane's warnings and the CLI's --json output list every one";
/** Where every item is listed with its rating. */
export const ALL_ITEMS_AT = "the task pane's list of items and the CLI's --json output list every one";
/** Where every milestone is listed, its item's and its own rating beside it. */
export const ALL_MILESTONES_AT = "the Milestone History sheet and the CLI's --json output list every one";

/**
 * The data notes as lines of words, each group with its count; at most `limit` cells listed per group, and
 * fewer while a line does not `fit` (the report's row holds at most 409 points). A line never stops short of
 * the truth: when cells are left out it says how many and where they all are.
 */
export function dataNoteLines(
  n: DataNotes,
  limit = 6,
  fits: (line: string) => boolean = () => true,
): string[] {
  const lines: string[] = [];
  const group = (title: string, list: Issue[]) => {
    if (list.length === 0) return;
    const text = (k: number) => {
      const shown = list.slice(0, k).map(issueText);
      const more = list.length > k ? `; and ${list.length - k} more: ${ALL_ISSUES_AT}` : "";
      return `${title} (${list.length}): ${shown.join("; ")}${more}`;
    };
    let k = Math.min(limit, list.length);
    while (k > 1 && !fits(text(k))) k--;
    lines.push(text(k));
  };
  group("Could not be read, left out of the totals (counted as zero)", n.unreadable);
  group("Estimates used", n.estimates);
  group("Typed as text (read here, but the sheet's own SUMs leave them out)", n.asText);
  group("Could not be read, the item rated without it", n.unreadableOther);
  group("Other warnings", n.other);
  const items = (title: string, list: AssessedItem[], name: (i: AssessedItem) => string) => {
    if (list.length === 0) return;
    const more = list.length > limit ? `; and ${list.length - limit} more: ${ALL_ITEMS_AT}` : "";
    lines.push(`${title} (${list.length}): ${list.slice(0, limit).map(name).join("; ")}${more}`);
  };
  const refName = (i: AssessedItem) => [i.ref, i.name].filter(Boolean).join(" ");
  items("Not assessed because money could not be read", n.notAssessed, refName);
  items(
    "Cancelled, not rated, their money still in the totals",
    n.cancelled,
    (i) => `${refName(i)} (${i.status?.trim() ?? ""})`,
  );
  const ms = n.cancelledMilestones;
  if (ms.length) {
    const more = ms.length > limit ? `; and ${ms.length - limit} more: ${ALL_MILESTONES_AT}` : "";
    lines.push(
      `Milestones of cancelled items, left out of Key milestones and its counts (${ms.length}; kept in the Milestone History and --json): ${ms
        .slice(0, limit)
        .map((m) => `${milestoneProject(m).ref ?? milestoneProject(m).name ?? ""} '${m.name}'`.trim())
        .join("; ")}${more}`,
    );
  }
  return lines;
}

type MoneyField = "budget" | "spent" | "committed" | "forecast";
const MONEY: [MoneyField, string][] = [
  ["budget", "Budget"],
  ["spent", "Spent"],
  ["committed", "Committed"],
  ["forecast", "Forecast"],
];

export interface ReconciliationLine {
  field: MoneyField;
  label: string;
  sheetFigure: Pence | null;
  reportFigure: Pence;
  difference: Pence | null;
  /** Why the figures differ, in words (empty when they agree). */
  explained: string[];
}

export interface Reconciliation {
  total: SheetTotalRow;
  lines: ReconciliationLine[];
}

/** The report's sums for one sheet beside the sheet's own grand total, with the difference explained. */
export function reconcile(a: ProgrammeAnalysis): Reconciliation[] {
  const symbol = CURRENCY_SYMBOL[a.currency as CurrencyCode] ?? "£";
  const formatPounds = (p: Pence): string => formatMoney(p, symbol);
  const out: Reconciliation[] = [];
  for (const total of a.sheetTotals) {
    const items = a.items.filter((i) => i.sheet === total.sheet);
    const sheet = a.sheets.find((s) => s.name === total.sheet);
    const fieldAt = new Map<number, FieldKey>();
    for (const c of sheet?.columns ?? []) fieldAt.set(c.col, c.field);
    const textCells = a.issues.filter(
      (i) => i.sheet === total.sheet && /amount stored as text/.test(i.message),
    );
    const lines: ReconciliationLine[] = MONEY.map(([field, label]) => {
      let report = 0;
      // As the report's totals: an item whose budget was not read is in none of them.
      for (const i of items)
        if (!budgetNotRead(i)) report += (field === "forecast" ? i.assessedForecast : i[field]) ?? 0;
      const sheetFigure = total[field];
      const difference = sheetFigure === null ? null : ((report - sheetFigure) as Pence);
      const explained: string[] = [];
      let accounted = 0;
      if (difference !== null && difference !== 0) {
        for (const t of textCells) {
          const m = /^([A-Z]+)(\d+)$/.exec(t.cell);
          if (!m || fieldAt.get(columnIndex(m[1]!)) !== field) continue;
          const item = items.find((i) => i.row === Number(m[2]));
          const v = item ? (field === "forecast" ? item.forecast : item[field]) : null;
          if (v === null || v === undefined) continue;
          accounted += v;
          explained.push(
            `${formatPounds(v as Pence)} typed as text in ${t.cell} (the sheet's total leaves it out)`,
          );
        }
        for (const i of items) {
          if (!budgetNotRead(i)) continue;
          const v = field === "forecast" ? i.forecast : i[field];
          if (v === null || v === 0) continue;
          accounted -= v;
          explained.push(
            `${formatPounds(v)} of ${[i.ref, i.name].filter(Boolean).join(" ")}, whose budget could not be read, left out of the report's totals`,
          );
        }
        if (field === "forecast") {
          for (const i of items) {
            if (budgetNotRead(i)) continue;
            if (i.assessedForecast === null || i.assessedForecast === i.forecast) continue;
            const d = i.assessedForecast - (i.forecast ?? 0);
            accounted += d;
            explained.push(
              `${[i.ref, i.name].filter(Boolean).join(" ")}: forecast estimated as spend plus commitments (${d > 0 ? "+" : ""}${formatPounds(d as Pence)})`,
            );
          }
        }
        const rest = difference - accounted;
        if (rest !== 0)
          explained.push(
            `${formatPounds(rest as Pence)} not explained by the cells read: the sheet's total may leave out or add rows, or be typed by hand`,
          );
      }
      return { field, label, sheetFigure, reportFigure: report as Pence, difference, explained };
    });
    out.push({ total, lines });
  }
  return out;
}

/** A money figure the report totals that may be missing from every programme sheet. */
export type NotReadField = "spent" | "committed" | "forecast";

/** The words the report prints in place of a figure no sheet gives ("£0" would read as zero spend). */
export const NOT_READ = "not read";

const NOT_READ_WORDS: Record<NotReadField, string> = {
  spent: "spend to date",
  committed: "commitments",
  forecast: "forecasts",
};

/**
 * The money fields no programme sheet gives: no sheet has a column for them and no item holds a figure (its
 * totals would be zero by absence, not by fact). Empty when every field is read somewhere.
 */
export function moneyNotRead(a: Pick<ProgrammeAnalysis, "sheets" | "items">): Set<NotReadField> {
  const out = new Set<NotReadField>();
  for (const f of ["spent", "committed", "forecast"] as const) {
    if (a.sheets.some((s) => s.columns.some((c) => c.field === f))) continue;
    if (a.items.some((i) => i[f] !== null)) continue;
    out.add(f);
  }
  return out;
}

/**
 * The note beside figures printed "not read": which are missing and what the totals took instead (a missing
 * forecast is estimated, not left out); null when every money field was read.
 */
export function moneyNotReadNote(notRead: ReadonlySet<NotReadField>, symbol = "£"): string | null {
  if (notRead.size === 0) return null;
  const shown = [...notRead].filter((f) => f !== "forecast").map((f) => NOT_READ_WORDS[f]);
  const parts: string[] = [];
  if (shown.length > 0)
    parts.push(
      `no column of the programme sheets gives ${shown.join(" or ")}, so ${shown.length === 1 ? "it is" : "they are"} shown as "${NOT_READ}", not ${symbol}0`,
    );
  if (notRead.has("forecast"))
    parts.push(
      "no column gives forecasts, so the forecast outturn is an estimate: each item's spend plus commitments, or else its budget (see the data notes)",
    );
  return `Not read: ${parts.join("; ")}.`;
}

const FIELD_TITLE: Record<NotReadField, string> = {
  spent: "Spent to date",
  committed: "Committed",
  forecast: "Forecast",
};

/**
 * Where some programme sheets give a money field and others have no column for it, which sheets lack it: their
 * items add nothing to that total (a forecast is estimated). Null when every sheet with items gives every field
 * some sheet gives.
 */
export function moneyPartlyReadNote(a: Pick<ProgrammeAnalysis, "sheets">): string | null {
  const withItems = a.sheets.filter((s) => s.itemCount > 0);
  const parts: string[] = [];
  for (const f of ["spent", "committed", "forecast"] as const) {
    const has = (s: (typeof withItems)[number]) => s.columns.some((c) => c.field === f);
    const lacking = withItems.filter((s) => !has(s));
    if (lacking.length === 0 || lacking.length === withItems.length) continue;
    const items = lacking.reduce((n, s) => n + s.itemCount, 0);
    parts.push(
      `${FIELD_TITLE[f]}: ${lacking.map((s) => `"${s.name}"`).join(", ")} ${lacking.length === 1 ? "has" : "have"} no column for it, so ${items === 1 ? "its item adds" : `${lacking.length === 1 ? "its" : "their"} ${items} items add`} ${f === "forecast" ? "an estimate (spend plus commitments, else the budget)" : "nothing"} to the total`,
    );
  }
  return parts.length ? `Partly read: ${parts.join("; ")}.` : null;
}
