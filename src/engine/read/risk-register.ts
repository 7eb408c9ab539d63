/**
 * Reading a risk register sheet: one row per risk, linked to a project of the programme by its reference (or
 * its name). A register is recognised by its header words, as programme sheets are, in its first 30 rows (title
 * rows above it are passed over); it is never read as a programme sheet, and a programme sheet (one with money,
 * progress or start-date columns) is never taken for a register. Every cell that cannot be read is an issue
 * naming the sheet and cell; nothing here rates a risk (assess/risk-register.ts does).
 */
import type { DateSystem, DayNumber } from "../dates";
import type { CellValue, SheetGrid } from "../grid";
import { cellAddress, isBlank } from "../grid";
import type { Issue } from "../model";
import type { Rag } from "../rag";
import { quoteCell, readDate, readScale, readText, repairText } from "./cells";

/** The columns a register can have. Likelihood, impact and score come in two stages: inherent and residual. */
export type RegisterField =
  | "riskRef"
  | "link"
  | "title"
  | "description"
  | "owner"
  | "likelihood"
  | "impact"
  | "score"
  | "residualLikelihood"
  | "residualImpact"
  | "residualScore"
  | "mitigation"
  | "status"
  | "reviewDate"
  | "closedDate";

export interface RegisterColumn {
  field: RegisterField;
  /** 0-based sheet column. */
  col: number;
  header: string;
}

/** One stage's scores as the row gives them (inherent: before mitigation; residual: after it). */
export interface StageScores {
  likelihood: number | null;
  impact: number | null;
  /** The score column's number, where the register has one. */
  score: number | null;
  /** A level in words in the score column (High/Medium/Low), where it gives no number. */
  level: Rag | null;
}

/** One risk as read (before it is rated). */
export interface RiskEntry {
  sheet: string;
  /** Excel row number (1-based). */
  row: number;
  /** The risk's reference ("R07"); null when the row gives none. */
  ref: string | null;
  /** The linked project as written (its reference or name); null for a programme-level risk. */
  link: string | null;
  title: string | null;
  description: string | null;
  owner: string | null;
  inherent: StageScores;
  residual: StageScores;
  mitigation: string | null;
  /** The status as written, and whether it reads as closed. */
  status: string | null;
  closed: boolean;
  reviewDate: DayNumber | null;
  closedDate: DayNumber | null;
  /** Cells by field, for naming them in issues ("E12"). */
  cells: Partial<Record<RegisterField, string>>;
}

export interface RegisterRead {
  sheet: string;
  /** 0-based sheet row of the header. */
  headerRow: number;
  columns: RegisterColumn[];
  risks: RiskEntry[];
  issues: Issue[];
  /** Whether the link column names projects by name rather than reference (from its header). */
  linkBy: "ref" | "name" | "either";
}

const HEADER_ROWS = 30;

function norm(v: CellValue): string {
  const t = readText(v ?? null);
  if (!t) return "";
  return repairText(t)
    .toLowerCase()
    .replace(/\([^)]*\)|\[[^\]]*\]/g, " ")
    .replace(/[^a-z0-9#]+/g, " ")
    .trim();
}

const RESIDUAL = /\b(residual|current|post mitigation|after mitigation|mitigated|net|treated)\b/;
const TARGET_STAGE = /\btarget\b/;
const LIKELIHOOD = /\b(likelihood|probability|prob|chance)\b/;
const IMPACT = /\b(impact|severity|consequence)\b/;
const SCORE = /\b(score|rating|rpn|exposure|l x i|lxi|p x i|pxi)\b/;
/** Headers of a programme sheet that never head a register column: its money, % complete, start date. */
const PROGRAMME_ONLY =
  /\b(budget|spend|spent|forecast|outturn|committed|commitments|variance|start date|percent complete)\b|%\s*complete/i;

/** The register field a header names, or null. `raw` is the header as written (for the £ sign). */
export function registerField(raw: CellValue): RegisterField | null {
  const h = norm(raw);
  if (!h || h.split(" ").length > 8) return null;
  if (/^(date )?(closed|closure)( on| date)?$/.test(h)) return "closedDate";
  if (/\bdate\b|\breview by\b|\bdue\b/.test(h)) {
    if (/\bclos(ed|ure|ing)\b/.test(h)) return "closedDate";
    if (/\b(review|target|due|next)\b/.test(h)) return "reviewDate";
    return null;
  }
  if (/^(risk )?(owner|responsible|responsible officer|lead|lead officer|assigned to)$/.test(h))
    return "owner";
  if (/\bowner\b/.test(h)) return /\bactions?\b/.test(h) ? null : "owner";
  const residual = RESIDUAL.test(h);
  if (TARGET_STAGE.test(h) && (LIKELIHOOD.test(h) || IMPACT.test(h) || SCORE.test(h))) return null;
  if (LIKELIHOOD.test(h) && !IMPACT.test(h)) return residual ? "residualLikelihood" : "likelihood";
  if (IMPACT.test(h) && !LIKELIHOOD.test(h)) return residual ? "residualImpact" : "impact";
  if (SCORE.test(h) || (LIKELIHOOD.test(h) && IMPACT.test(h))) {
    if (/\b(rag|status)\b/.test(h)) return null;
    return residual ? "residualScore" : "score";
  }
  if (/^(l|p)$/.test(h)) return "likelihood";
  if (h === "i") return "impact";
  if (
    /^(risk )?(ref|id|no|number|reference|ref no|id no|#)$/.test(h) ||
    /^risk (ref|id|no|number|reference|#)\b/.test(h)
  )
    return "riskRef";
  if (/\b(project|workstream|scheme|programme item|item)\b/.test(h)) return "link";
  if (/^(status|risk status|state|open closed|open or closed)$/.test(h)) return "status";
  if (/\b(mitigations?|actions?|controls?|response|treatment|countermeasures?|mitigating)\b/.test(h))
    return "mitigation";
  if (/^(risk )?(title|name|summary|short name|risk)$/.test(h)) return "title";
  if (/\b(description|risk|event|cause)\b/.test(h)) return "description";
  return null;
}

interface HeaderGuess {
  row: number;
  columns: RegisterColumn[];
}

/** The register's header in a grid row (each field its first column), or null when the row is not one. */
function headerOf(
  row: readonly CellValue[],
  gridRow: number,
  grid: SheetGrid,
  riskWords: boolean,
): HeaderGuess | null {
  const columns: RegisterColumn[] = [];
  const seen = new Set<RegisterField>();
  let refSaysRisk = false;
  for (let c = 0; c < row.length; c++) {
    const v = row[c];
    if (isBlank(v)) continue;
    const text = readText(v ?? null) ?? "";
    if (PROGRAMME_ONLY.test(text)) return null;
    const f = registerField(v);
    if (!f || seen.has(f)) continue;
    seen.add(f);
    if (f === "riskRef" && /risk/i.test(text)) refSaysRisk = true;
    columns.push({ field: f, col: grid.colOffset + c, header: text.trim() });
  }
  const scored =
    seen.has("likelihood") ||
    seen.has("impact") ||
    seen.has("score") ||
    seen.has("residualScore") ||
    seen.has("residualLikelihood") ||
    seen.has("residualImpact");
  const named = seen.has("riskRef") || seen.has("title") || seen.has("description");
  const staged = seen.has("residualScore") || seen.has("residualLikelihood") || seen.has("residualImpact");
  if (!scored || !named || columns.length < 4) return null;
  // A programme sheet also has a reference, a risk, likelihood and impact: a register says it is one.
  if (!(refSaysRisk || riskWords || staged)) return null;
  return { row: grid.rowOffset + gridRow, columns };
}

/**
 * The register's header row and columns, or null when the sheet is not a risk register. The header is the row,
 * within the first 30, naming the most register fields (at least four: a reference or description, a score,
 * likelihood or impact); a register says it is one by a "Risk ref"-like column, residual scores, or "risk" in
 * its sheet name or title rows. Any money, progress or start-date header rules a row out.
 */
export function findRegisterHeader(grid: SheetGrid): HeaderGuess | null {
  if (!grid.visible) return null;
  let riskWords = /\brisk/i.test(grid.name);
  let best: HeaderGuess | null = null;
  const n = Math.min(grid.values.length, HEADER_ROWS);
  for (let r = 0; r < n; r++) {
    const row = grid.values[r] ?? [];
    const h = headerOf(row, r, grid, riskWords);
    if (h && (!best || h.columns.length > best.columns.length)) best = h;
    // A title row above the header ("Corporate risk register") says what the sheet is.
    if (!h) {
      const texts = row.filter((v) => typeof v === "string" && v.trim() !== "");
      if (texts.length === 1 && /\brisk (register|log)\b/i.test(String(texts[0]))) riskWords = true;
    }
  }
  return best;
}

/** Whether a sheet is a risk register (and so never a programme sheet). */
export function isRiskRegister(grid: SheetGrid): boolean {
  return findRegisterHeader(grid) !== null;
}

const CLOSED =
  /\b(closed?|resolved|retired|archived|completed?|expired|terminated|withdrawn|ended|no longer)\b/i;
const OPEN =
  /\b(open|live|active|current|new|escalated|monitor(ing)?|ongoing|raised|managed|increasing|decreasing|static|in progress|under review)\b/i;
const PROGRAMME_LINK =
  /^(programme|programme[- ]wide|programme level|whole programme|all|all projects|general|corporate|strategic|cross[- ]cutting|n\/?a|none|-+)$/i;

/** A score as the register gives it: a number 1-25, or a level word; errors outside 1-25. */
function readScore(v: CellValue): { score: number | null; level: Rag | null; error: string | null } {
  if (isBlank(v)) return { score: null, level: null, error: null };
  let n: number | null = null;
  if (typeof v === "number") n = v;
  else if (typeof v === "string") {
    const t = repairText(v).trim().toLowerCase();
    if (/^-?\d+(\.\d+)?$/.test(t)) n = Number(t);
    else if (/^(very high|high|red|severe|critical)$/.test(t))
      return { score: null, level: "Red", error: null };
    else if (/^(medium|med|moderate|amber)$/.test(t)) return { score: null, level: "Amber", error: null };
    else if (/^(low|very low|green|minor)$/.test(t)) return { score: null, level: "Green", error: null };
    else if (/^#/.test(t))
      return { score: null, level: null, error: `${v.trim()} is an Excel error, not a score` };
  }
  if (n === null || !Number.isFinite(n))
    return { score: null, level: null, error: `${quoteCell(v)} is not a risk score` };
  if (n < 1 || n > 25)
    return { score: null, level: null, error: `score ${n} is outside 1-25 (likelihood × impact, 1-5 each)` };
  return { score: n, level: null, error: null };
}

/** Reads a risk register sheet whose header `findRegisterHeader` found. */
export function readRiskRegister(
  grid: SheetGrid,
  header: HeaderGuess,
  dateSystem: DateSystem = 1900,
): RegisterRead {
  const issues: Issue[] = [];
  const risks: RiskEntry[] = [];
  const byField = new Map(header.columns.map((c) => [c.field, c]));
  const linkHeader = norm(byField.get("link")?.header ?? "");
  const linkBy: RegisterRead["linkBy"] = /\b(ref|reference|id|code|no|number)\b/.test(linkHeader)
    ? "ref"
    : /\b(name|title)\b/.test(linkHeader)
      ? "name"
      : "either";
  const issue = (cell: string, severity: Issue["severity"], message: string) =>
    issues.push({ sheet: grid.name, cell, severity, message });
  const firstRef = new Map<string, string>();
  for (let r = header.row - grid.rowOffset + 1; r < grid.values.length; r++) {
    const row = grid.values[r] ?? [];
    const sheetRow = grid.rowOffset + r;
    const cells: Partial<Record<RegisterField, string>> = {};
    const cell = (f: RegisterField): CellValue => {
      const m = byField.get(f);
      if (!m) return null;
      cells[f] = cellAddress(sheetRow, m.col);
      return row[m.col - grid.colOffset] ?? null;
    };
    const text = (f: RegisterField) => {
      const v = cell(f);
      return isBlank(v) ? null : (readText(v ?? null)?.trim() ?? null);
    };
    const ref = text("riskRef");
    const title = text("title");
    const description = text("description");
    const filled = row.filter((v) => !isBlank(v)).length;
    if (filled === 0) continue;
    // A section heading ("Open risks") or a note: one text cell and no reference or description of a risk.
    if (!ref && !title && !description) continue;
    if (filled === 1 && !ref) continue;
    const scale = (f: RegisterField): number | null => {
      const v = cell(f);
      const x = readScale(v);
      if (x.kind === "value") {
        if (!Number.isInteger(x.value))
          issue(cells[f]!, "warning", `${quoteCell(v)} is not a whole number; it is read as ${x.value}`);
        return x.value;
      }
      if (x.kind === "error") issue(cells[f]!, "error", `${x.message}; it is not used`);
      return null;
    };
    const stage = (l: RegisterField, i: RegisterField, s: RegisterField): StageScores => {
      const likelihood = scale(l);
      const impact = scale(i);
      const sv = cell(s);
      const sc = readScore(sv);
      if (sc.error) issue(cells[s]!, "error", `${sc.error}; it is not used`);
      return { likelihood, impact, score: sc.score, level: sc.level };
    };
    const inherent = stage("likelihood", "impact", "score");
    const residual = stage("residualLikelihood", "residualImpact", "residualScore");
    const status = text("status");
    const closed = status !== null && CLOSED.test(status) && !/\bnot closed\b/i.test(status);
    if (status !== null && !closed && !OPEN.test(status))
      issue(
        cells.status!,
        "warning",
        `status "${status}" is neither open nor closed; the risk is taken as open`,
      );
    const date = (f: RegisterField): DayNumber | null => {
      const v = cell(f);
      const d = readDate(v, "end", dateSystem);
      if (d.kind === "value") return d.value;
      if (d.kind === "error") issue(cells[f]!, "error", `${d.message}; it is not used`);
      return null;
    };
    const reviewDate = date("reviewDate");
    const closedDate = date("closedDate");
    let link = text("link");
    if (link !== null && PROGRAMME_LINK.test(link)) link = null;
    cell("link");
    const entry: RiskEntry = {
      sheet: grid.name,
      row: sheetRow + 1,
      ref,
      link,
      title,
      description,
      owner: text("owner"),
      inherent,
      residual,
      mitigation: text("mitigation"),
      status,
      closed,
      reviewDate,
      closedDate,
      cells,
    };
    const refCell = cells.riskRef ?? cellAddress(sheetRow, header.columns[0]!.col);
    if (ref === null)
      issue(
        refCell,
        "warning",
        "this risk has no reference; it is named by its row in the report and history",
      );
    else {
      const key = ref.toLowerCase();
      const first = firstRef.get(key);
      if (first !== undefined)
        issue(
          refCell,
          "warning",
          `risk reference "${ref}" is used again (first at ${first}); both risks are kept`,
        );
      else firstRef.set(key, refCell);
    }
    if (closed && closedDate === null)
      issue(
        cells.closedDate ?? cells.status!,
        "warning",
        `risk ${ref ?? `on row ${sheetRow + 1}`} is closed but has no closure date`,
      );
    risks.push(entry);
  }
  return { sheet: grid.name, headerRow: header.row, columns: header.columns, risks, issues, linkBy };
}

/** The visible sheets of a workbook that are risk registers (never the tool's own sheets), read. */
export function readRiskRegisters(
  sheets: readonly SheetGrid[],
  own: ReadonlySet<string>,
  dateSystem: DateSystem = 1900,
): RegisterRead[] {
  const out: RegisterRead[] = [];
  for (const grid of sheets) {
    if (own.has(grid.name.toLowerCase()) || !grid.visible) continue;
    const header = findRegisterHeader(grid);
    if (header) out.push(readRiskRegister(grid, header, dateSystem));
  }
  return out;
}
