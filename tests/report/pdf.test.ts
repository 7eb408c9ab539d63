/**
 * The CLI's --out workbook opens in a real spreadsheet application: LibreOffice headless converts it to PDF,
 * and pdftotext finds the highlight report's key figures on page 1, one page wide.
 *
 * The workbook is converted exactly as the CLI wrote it (all sheets), because that file is the claim; the
 * highlight sheet's pages are found by its footer. Skips, saying why, when LibreOffice or poppler is absent
 * (.ci/run installs both).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { JsonReport } from "../../src/engine/json";
import { formatPounds, penceFromPounds } from "../../src/engine/money";
import { RAG_COUNT_KEYS } from "../../src/engine/rag";
import { DEFAULT_PROGRAMME_NAME } from "../../src/engine/report/highlight";
import type { PdfWord } from "../../scripts/render-report";
import {
  missingPdfTools,
  pdfPageCount,
  pdfPageSizes,
  pdfPageText,
  pdfPageWords,
  xlsxToPdf,
} from "../../scripts/render-report";
import { runCli } from "../cli/run-cli";

const SAMPLE = path.resolve(__dirname, "../../samples/ict-strategy-programme.xlsx");
const DATE = ["--date", "2020-12-31"];

const missing = missingPdfTools();
if (missing.length > 0) {
  console.warn(`tests/report/pdf.test.ts skipped: not installed: ${missing.join(", ")}`);
}
const describeWithOffice = missing.length > 0 ? describe.skip : describe;

const money = (pounds: number) => formatPounds(penceFromPounds(pounds));
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const squash = (s: string) => s.replace(/\s+/g, " ");

describeWithOffice("the CLI's --out workbook in LibreOffice", () => {
  let work = "";
  let json: JsonReport;
  let programmeRag = { rag: "", reason: "" };
  let pages = 0;
  /** The highlight sheet's pages (1-based), found by its footer. */
  let highlightPages: number[] = [];
  const text = new Map<number, string>();
  let footer = "";
  let sizes: { page: number; width: number; height: number }[] = [];
  /** The words of the page where the exceptions table starts, with their positions. */
  let words: PdfWord[] = [];
  let exceptionsPage = 1;
  let pdf = "";

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), "programme-rag-pdf-"));
    const xlsx = path.join(work, "report.xlsx");
    const built = await runCli([SAMPLE, ...DATE, "--json", "--out", xlsx]);
    expect(built).toMatchObject({ code: 0 });
    json = JSON.parse(built.stdout) as JsonReport;
    // The programme RAG and its reason are in the summary, not the JSON.
    const summary = await runCli([SAMPLE, ...DATE]);
    const m = /^Programme RAG: (([A-Za-z/ ]+?): .*)$/m.exec(summary.stdout);
    if (!m) throw new Error(`no programme RAG in the summary:\n${summary.stdout}`);
    programmeRag = { rag: m[2]!, reason: m[1]! };

    pdf = await xlsxToPdf(xlsx, work);
    pages = await pdfPageCount(pdf);
    footer = `${DEFAULT_PROGRAMME_NAME} highlight report, ${json.period}`;
    for (let p = 1; p <= pages; p++) text.set(p, await pdfPageText(pdf, p));
    highlightPages = [...text].filter(([, t]) => t.includes(footer)).map(([p]) => p);
    sizes = await pdfPageSizes(pdf);
    exceptionsPage =
      highlightPages.find((p) => text.get(p)!.includes("Exceptions: Red and Amber items")) ?? 1;
    words = await pdfPageWords(pdf, exceptionsPage);
  }, 180_000);

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  const page1 = () => text.get(1)!;
  /** The line of page 1 (as laid out) that starts with a label, e.g. "Allocation   £1,200,000 ...". */
  const page1Line = (label: string) =>
    page1()
      .split("\n")
      .find((l) => l.trimStart().startsWith(label));

  test("the highlight sheet comes first, on consecutive pages, and the workbook's other sheets follow", () => {
    expect(highlightPages.length).toBeGreaterThan(0);
    expect(highlightPages).toEqual(highlightPages.map((_, i) => i + 1));
    expect(pages).toBeGreaterThan(highlightPages.length);
    for (const p of highlightPages) {
      expect(text.get(p)).toContain(`Highlight report page ${p}`);
      expect(text.get(p)).not.toMatch(/Page \d+ of \d+/);
    }
  });

  test("printed as a whole workbook, each of the tool's other sheets numbers its pages from 1 (LibreOffice honours firstPageNumber)", () => {
    // Before, numbering ran on across the workbook: the RAG History's first page said "RAG History page 21".
    for (const sheet of ["RAG History", "Milestone History", "Risk History", "Change Log"]) {
      const numbers = [...text.values()]
        .map((t) => new RegExp(`${sheet} page (\\d+)`).exec(t)?.[1])
        .filter((n): n is string => n !== undefined)
        .map(Number);
      expect({ sheet, numbers }).toEqual({ sheet, numbers: numbers.map((_, i) => i + 1) });
      expect(numbers.length).toBeGreaterThan(0);
    }
  });

  test("page 1 carries the title, quarter and programme RAG", () => {
    expect(json.period).toBe("Q3 2020/21");
    expect(page1()).toContain(`${DEFAULT_PROGRAMME_NAME}: programme highlight report`);
    const ukDate = json.reportingDate.split("-").reverse().join("/");
    expect(page1()).toContain(`Reporting date ${ukDate} · ${json.period}`);
    expect(squash(page1())).toMatch(
      new RegExp(
        `Programme RAG ${escape(programmeRag.rag)} no history ${escape(squash(programmeRag.reason))}`,
      ),
    );
  });

  test("page 1 carries the budget panel's figures as the JSON gives them", () => {
    expect(money(json.allocation)).toBe("£1,200,000");
    const rows: [string, number][] = [
      ["Allocation", json.allocation],
      ["Allocated to items", json.totals.budget],
      ["Unallocated", json.totals.unallocated],
      ["Spent to date", json.totals.spent],
      ["Committed", json.totals.committed],
      ["Forecast outturn", json.totals.forecast],
      ["Variance to budget (% of budget)", json.totals.variance],
      ["Variance to allocation", json.totals.varianceToAllocation],
    ];
    // A variance is printed in words as well as figures ("£7,100 under"), never as a bare "-£7,100".
    const shown = (label: string, pounds: number) =>
      label.startsWith("Variance")
        ? `${money(Math.abs(pounds))}${pounds > 0 ? " over" : pounds < 0 ? " under" : ""}`
        : money(pounds);
    for (const [label, pounds] of rows) {
      expect({ label, line: squash(page1Line(label) ?? "") }).toEqual({
        label,
        line: expect.stringMatching(new RegExp(`^ ?${escape(label)} ${escape(shown(label, pounds))}( |$)`)),
      });
    }
    expect(squash(page1Line("Variance to allocation") ?? "")).not.toMatch(/-£/);
    expect(squash(page1Line("Budget RAG") ?? "")).toMatch(
      new RegExp(`^ ?Budget RAG ${escape(json.totals.rag)}( |$)`),
    );
  });

  test("page 1 carries the RAG counts", () => {
    const t = page1();
    const counts = squash(t.slice(t.indexOf("RAG status of items"), t.indexOf("Data notes")));
    expect(counts.length).toBeGreaterThan(0);
    for (const key of RAG_COUNT_KEYS) {
      expect(counts).toMatch(new RegExp(`(^| )${escape(key)} ${json.ragCounts[key]} `));
    }
    expect(counts).toMatch(new RegExp(` Total ${json.items.length}( |$)`));
    // GS03 and FB05 are rated better by their PM RAG than by the rules: they are exceptions too.
    const exceptions = json.items.filter(
      (i) => ["Red", "Amber", "Amber/Red", "Amber/Green"].includes(i.rag.overall) || i.rag.computed === "Red",
    ).length;
    expect(squash(text.get(exceptionsPage)!)).toContain(
      `Exceptions: Red and Amber items, and items an override rates better than the rules (${exceptions})`,
    );
  });

  test("no number cell on the highlight pages shows ### (a column too narrow for its figure)", () => {
    for (const p of highlightPages)
      expect({ page: p, hashes: /##/.test(text.get(p)!) }).toEqual({ page: p, hashes: false });
  });

  test("one page wide: the exceptions table's first and last column headers share a row", () => {
    const at = (i: number) => words[i]!;
    const keyRisk = words.findIndex(
      (w, i) =>
        w.text === "Commentary," && words[i + 1]?.text === "risk," && words[i + 2]?.text === "mitigation",
    );
    expect(keyRisk).toBeGreaterThanOrEqual(0);
    const header = at(keyRisk);
    const mid = (w: PdfWord) => (w.yMin + w.yMax) / 2;
    const ref = words.find((w) => w.text === "Ref" && Math.abs(mid(w) - mid(header)) < 2);
    expect(ref).toBeDefined();
    // "Ref" is at the left margin, "mitigation" ends inside the page.
    const width = sizes.find((s) => s.page === exceptionsPage)!.width;
    expect(ref!.xMin).toBeLessThan(width * 0.1);
    expect(at(keyRisk + 2).xMax).toBeLessThan(width);
    expect(at(keyRisk + 2).xMax).toBeGreaterThan(width * 0.8);
  });

  test("one page wide: every highlight page is A4 landscape and starts at column A (no page of right-hand columns only)", () => {
    for (const p of highlightPages) {
      const size = sizes.find((s) => s.page === p)!;
      expect({ page: p, width: Math.round(size.width), height: Math.round(size.height) }).toEqual({
        page: p,
        width: 842,
        height: 595,
      });
      // The print titles (rows 1-2) hold the title in column A: a page of right-hand columns would lack it.
      expect({
        page: p,
        title: text.get(p)!.includes(`${DEFAULT_PROGRAMME_NAME}: programme highlight report`),
      }).toEqual({ page: p, title: true });
    }
  });

  /** A page's lines as laid out, blank lines dropped, without the print titles and the footer. */
  const bodyLines = (p: number) => {
    const lines = text
      .get(p)!
      .split("\n")
      .map((l) => squash(l).trim())
      .filter((l) => l !== "");
    const start = lines.findIndex((l) => l.startsWith("Reporting date")) + 1;
    const end = lines.findIndex((l) => l.includes(footer));
    return lines.slice(start, end < 0 ? undefined : end);
  };
  const HEADINGS = [
    "Data notes",
    "Reconciliation with",
    "Exceptions",
    "Improved since",
    "New and closed items",
    "Money movement",
    "By theme",
    "By financial year",
    "Coming up",
    "Top risks",
    "Chart:",
  ];

  test("a table that runs across pages repeats its header on every page it runs onto", () => {
    const continued = highlightPages.filter((p) => bodyLines(p)[0]?.endsWith("(continued)"));
    // The sample's 19 exceptions take more than one page.
    expect(continued.length).toBeGreaterThan(0);
    for (const p of continued) {
      const [heading, header] = bodyLines(p);
      if (heading === "Exceptions (continued)")
        expect({ page: p, header }).toEqual({
          page: p,
          header: expect.stringMatching(
            /^Ref Project Owner Budget Schedule Risk Computed Reported Since last quarter/,
          ),
        });
      else
        expect({ page: p, header }).toEqual({
          page: p,
          header: expect.stringMatching(/^(Ref|Theme|Status|Figure|Risk) /),
        });
    }
  });

  test("RAG words print whole: FB05's Amber/Green and the Not assessed count are not cut", () => {
    const all = highlightPages.map((p) => text.get(p)!).join("\n");
    expect(all).toMatch(/Amber\/Green/);
    expect(page1()).toMatch(/Not assessed +0/);
  });

  test("no section heading is left alone at the foot of a page", () => {
    for (const p of highlightPages.slice(0, -1)) {
      const lines = bodyLines(p);
      const last = lines[lines.length - 1] ?? "";
      expect({ page: p, last, heading: HEADINGS.some((h) => last.startsWith(h)) }).toEqual({
        page: p,
        last,
        heading: false,
      });
    }
  });

  test("every item row prints its text whole: no name, owner, theme or reason is cut off by its row's height (R3-3)", async () => {
    const byRef = new Map(json.items.filter((i) => i.ref).map((i) => [i.ref!, i]));
    /** Multiset of words, so a word needed twice is found twice. */
    const count = (ws: string[]) => {
      const m = new Map<string, number>();
      for (const w of ws) m.set(w, (m.get(w) ?? 0) + 1);
      return m;
    };
    // A line may break after a hyphen ("self-" / "service"): words are compared in hyphen-split pieces.
    const wordsOf = (t: string | null) => (t ?? "").split(/\s+|(?<=\w-)(?=\w)/).filter((w) => w !== "");
    let section = "";
    let checked = 0;
    let reasonsChecked = 0;
    const cut: { page: number; section: string; ref: string; missing: string[] }[] = [];
    for (const p of highlightPages) {
      const ws = (await pdfPageWords(pdf, p)).sort((a, b) => a.yMin - b.yMin || a.xMin - b.xMin);
      // Words that start at column A's edge: section headings, the tables' "Ref" headers, the items' refs.
      const edge = Math.min(...ws.map((w) => w.xMin));
      const left = ws.filter((w) => w.xMin < edge + 6);
      for (let k = 0; k < left.length; k++) {
        const w = left[k]!;
        const item = byRef.get(w.text);
        if (!item) {
          const line = ws.filter((x) => Math.abs(x.yMin - w.yMin) < 1).map((x) => x.text);
          if ([...HEADINGS, "Key milestones"].some((h) => line.join(" ").startsWith(h))) section = line[0]!;
          continue;
        }
        // The row's band runs down to the next thing in column A (the next row, a heading, the footer). A word
        // counts only if it ends inside the band: a line the row's height clips off is still in the PDF, drawn
        // over the row below (LibreOffice clips it when painting).
        const top = w.yMin - 1;
        const bottom = left.slice(k + 1).find((x) => x.yMin > w.yMax)?.yMin ?? Infinity;
        const band = count(
          ws.filter((x) => x.yMin >= top && x.yMax <= bottom).flatMap((x) => wordsOf(x.text)),
        );
        const needed = [...wordsOf(item.name)];
        if (["Exceptions", "Exceptions:", "Coming", "Top"].includes(section))
          needed.push(...wordsOf(item.owner));
        if (["Coming", "Top"].includes(section)) needed.push(...wordsOf(item.theme));
        if (section.startsWith("Exceptions") && item.rag.override === null) {
          for (const reason of item.reasons) needed.push(...wordsOf(reason));
          reasonsChecked++;
        }
        const missing: string[] = [];
        for (const [word, n] of count(needed)) if ((band.get(word) ?? 0) < n) missing.push(word);
        if (missing.length > 0) cut.push({ page: p, section, ref: item.ref!, missing });
        checked++;
      }
    }
    // The sample's exceptions, coming-up items, key milestones and top risks: dozens of rows, reasons among them.
    expect(checked).toBeGreaterThan(40);
    expect(reasonsChecked).toBeGreaterThan(10);
    expect(cut).toEqual([]);
  });

  test("the report's charts are drawn in the cells (bars of block characters), under headings that say so", () => {
    const charts = highlightPages.filter((p) => text.get(p)!.includes("Chart: RAG status of items"));
    expect(charts).toHaveLength(1);
    expect(text.get(charts[0]!)).toMatch(/█/);
  });
});
