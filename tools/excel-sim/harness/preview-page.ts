/**
 * The preview page's script (`npm run preview`): shows the simulated workbook beside the task pane as plain
 * HTML tables, redrawn whenever the host has answered another batch. Cell text goes in with textContent only
 * (it is whatever the workbook holds); colours are used only when they are "#RRGGBB".
 *
 * Served as JavaScript: the harness transpiles this file with TypeScript (no imports allowed here).
 */

interface PreviewSheetView {
  name: string;
  visibility: string;
  columns: string[];
  text: string[][];
  fill: (string | null)[][];
  fontColor: string[][];
  bold: boolean[][];
  widths: number[];
  merges: { row: number; col: number; rows: number; cols: number }[];
  truncated: boolean;
  charts: string[];
}

interface PreviewWorkbookView {
  batches: number;
  activeSheet: string;
  sheets: PreviewSheetView[];
}

(function startPreview() {
  const HEX = /^#[0-9A-Fa-f]{6}$/;
  const tabs = document.getElementById("tabs")!;
  const sheetBox = document.getElementById("sheet")!;
  const status = document.getElementById("status")!;
  let shown: string | null = null;
  let lastActive: string | null = null;
  let lastBatches = -1;
  let view: PreviewWorkbookView | null = null;

  function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string): HTMLElementTagNameMap[K] {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function renderSheet(sheet: PreviewSheetView): void {
    sheetBox.replaceChildren();
    const caption = `${sheet.name}${sheet.visibility !== "Visible" ? ` (${sheet.visibility.toLowerCase()})` : ""}`;
    if (sheet.text.length === 0) {
      sheetBox.append(el("p", `${caption}: empty.`));
    } else {
      const table = el("table");
      table.append(el("caption", caption));
      const cols = el("colgroup");
      cols.append(el("col"));
      for (const w of sheet.widths) {
        const col = el("col");
        col.style.width = `${Math.max(8, Math.min(600, w))}px`;
        cols.append(col);
      }
      table.append(cols);
      const head = el("tr");
      head.append(el("th", ""));
      for (const c of sheet.columns) head.append(el("th", c));
      table.append(el("thead"));
      table.tHead!.append(head);
      // Merged areas: the first cell spans the area, the others are not drawn.
      const covered = new Set<string>();
      const spans = new Map<string, { rows: number; cols: number }>();
      for (const m of sheet.merges) {
        spans.set(`${m.row},${m.col}`, { rows: m.rows, cols: m.cols });
        for (let r = m.row; r < m.row + m.rows; r++)
          for (let c = m.col; c < m.col + m.cols; c++)
            if (r !== m.row || c !== m.col) covered.add(`${r},${c}`);
      }
      const body = el("tbody");
      sheet.text.forEach((row, r) => {
        const tr = el("tr");
        tr.append(el("th", String(r + 1)));
        row.forEach((text, c) => {
          if (covered.has(`${r},${c}`)) return;
          const td = el("td", text);
          if (text) td.title = text;
          const span = spans.get(`${r},${c}`);
          if (span) {
            td.colSpan = span.cols;
            td.rowSpan = span.rows;
          }
          const fill = sheet.fill[r]?.[c];
          const color = sheet.fontColor[r]?.[c];
          if (fill && HEX.test(fill)) td.style.backgroundColor = fill;
          if (color && HEX.test(color)) td.style.color = color;
          if (sheet.bold[r]?.[c]) td.style.fontWeight = "600";
          tr.append(td);
        });
        body.append(tr);
      });
      table.append(body);
      sheetBox.append(table);
    }
    if (sheet.truncated) sheetBox.append(el("p", "(Only the first rows and columns are shown.)"));
    if (sheet.charts.length) sheetBox.append(el("p", `Charts: ${sheet.charts.join("; ")}`));
  }

  function render(v: PreviewWorkbookView): void {
    // Follow the workbook's active sheet when it changes (the report is activated when it is built).
    if (v.activeSheet !== lastActive) {
      lastActive = v.activeSheet;
      shown = v.activeSheet;
    }
    if (!shown || !v.sheets.some((s) => s.name === shown)) shown = v.sheets[0]?.name ?? null;
    tabs.replaceChildren();
    for (const s of v.sheets) {
      const b = el("button", s.visibility === "Visible" ? s.name : `${s.name} (hidden)`);
      b.type = "button";
      b.setAttribute("aria-pressed", String(s.name === shown));
      b.addEventListener("click", () => {
        shown = s.name;
        render(v);
      });
      tabs.append(b);
    }
    const sheet = v.sheets.find((s) => s.name === shown);
    if (sheet) renderSheet(sheet);
    status.textContent = `${v.sheets.length} sheets; ${v.batches} batches answered by the simulated Excel host.`;
  }

  async function poll(): Promise<void> {
    try {
      const response = await fetch("/__host/workbook.json", { cache: "no-store" });
      const next = (await response.json()) as PreviewWorkbookView;
      if (next.batches !== lastBatches || !view) {
        lastBatches = next.batches;
        view = next;
        render(next);
      }
    } catch (e) {
      status.textContent = `The preview server is not answering (${String(e)}).`;
    }
    setTimeout(() => void poll(), 800);
  }
  void poll();
})();
