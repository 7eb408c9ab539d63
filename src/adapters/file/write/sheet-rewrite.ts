/**
 * Rewrites a worksheet part as a stream, changing only the cells the tool writes. Everything outside the
 * rows that hold a written cell passes through byte for byte (sheet views, columns, merges, validations,
 * conditional formats, protection, print setup, extensions); inside such a row only the written cells are
 * replaced or inserted, the row's optional `spans` hint is dropped and cells without a reference get one.
 */
import { Transform } from "node:stream";
import type { TransformCallback } from "node:stream";
import { escapeXml } from "../xml";
import { attrDigits, eachCell, RowScanner } from "../sheet-rows";
import type { ColIndex, RowIndex } from "../../../engine/coords";
import { excelRowOf } from "../../../engine/coords";
import { columnLetters as letters } from "../../../engine/grid";

export interface CellWrite {
  text: string;
  /** The cell format for the new cell, from the cell's own format index and its left neighbour's (as written). */
  style: (own: number, left: number) => number;
}

interface RewriteOptions {
  /** Sheet row → sheet column → what to write. */
  writes: Map<RowIndex, Map<ColIndex, CellWrite>>;
  /** Drops tabSelected from the sheet's views (when the tool makes its report the active sheet). */
  unselect?: boolean;
}

export function sheetRewriter(options: RewriteOptions): Transform {
  const pendingRows = [...options.writes.keys()].sort((a, b) => a - b);
  let nextPending = 0;
  let p = "";
  let lastRow = -1;
  let out = "";
  const decoder = new TextDecoder("utf-8");

  const newRow = (r: RowIndex): string => {
    const cells = options.writes.get(r)!;
    let out = `<${p}row r="${excelRowOf(r)}">`;
    styleAt = new Map<number, number>();
    for (const c of [...cells.keys()].sort((a, b) => a - b))
      out += cellXml(r, c, cells.get(c)!, 0, styleAt.get(c - 1) ?? 0);
    return out + `</${p}row>`;
  };
  // A written cell's format is recorded as its column's, so a header written right of another copies it as written.
  let styleAt = new Map<number, number>();
  const cellXml = (r: RowIndex, c: ColIndex, w: CellWrite, own: number, left: number): string => {
    const s = w.style(own, left);
    styleAt.set(c, s);
    return `<${p}c r="${letters(c)}${excelRowOf(r)}" s="${s}" t="inlineStr"><${p}is><${p}t xml:space="preserve">${escapeXml(w.text)}</${p}t></${p}is></${p}c>`;
  };
  const rowsBefore = (r: number): string => {
    let out = "";
    while (nextPending < pendingRows.length && pendingRows[nextPending]! < r) {
      const pr = pendingRows[nextPending++]!;
      if (pr > lastRow) out += newRow(pr);
    }
    return out;
  };

  const rewriteRow = (xml: string, r: RowIndex): string => {
    const cells = options.writes.get(r)!;
    const open = /^<[^>]*?(\/?)>/.exec(xml)!;
    let head = open[0].replace(/\sspans\s*=\s*(?:"[^"]*"|'[^']*')/, "");
    const selfClosing = open[1] === "/";
    if (selfClosing) head = head.replace(/\s*\/>$/, ">");
    const bodyEnd = selfClosing ? xml.length : xml.length - `</${p}row>`.length;
    const targets = [...cells.keys()].sort((a, b) => a - b);
    let ti = 0;
    let out = head;
    let last = open[0].length;
    styleAt = new Map<number, number>();
    const left = (c: number) => styleAt.get(c - 1) ?? 0;
    if (!selfClosing)
      eachCell(xml.slice(0, bodyEnd), (cell) => {
        const col = cell.col;
        out += xml.slice(last, cell.start);
        last = cell.end;
        let cellText = xml.slice(cell.start, cell.end);
        if (!cell.hasRef)
          cellText = cellText.replace(/^<(\S+?)(\s|\/?>)/, `<$1 r="${letters(col)}${excelRowOf(r)}"$2`);
        const own = Math.max(0, attrDigits(cell.attrs, "s"));
        while (ti < targets.length && targets[ti]! < col) {
          const tc = targets[ti++]!;
          out += cellXml(r, tc, cells.get(tc)!, 0, left(tc));
        }
        if (ti < targets.length && targets[ti] === col) {
          out += cellXml(r, col, cells.get(col)!, own, left(col));
          ti++;
        } else {
          out += cellText;
          styleAt.set(col, own);
        }
      });
    if (!selfClosing) out += xml.slice(last, bodyEnd);
    while (ti < targets.length) {
      const tc = targets[ti++]!;
      out += cellXml(r, tc, cells.get(tc)!, 0, left(tc));
    }
    return out + `</${p}row>`;
  };

  const scanner = new RowScanner({
    head: (text) => {
      out += options.unselect
        ? text.replace(/(<(?:[\w.-]+:)?sheetView\b[^>]*?)\stabSelected\s*=\s*(["'])(1|true)\2/g, "$1")
        : text;
    },
    open: (tag, prefix, empty) => {
      p = prefix;
      if (!empty) {
        out += tag;
        return;
      }
      let rows = "";
      while (nextPending < pendingRows.length) rows += newRow(pendingRows[nextPending++]!);
      out += `<${p}sheetData>${rows}</${p}sheetData>`;
    },
    gap: (text) => {
      out += text;
    },
    row: (xml, r) => {
      out += rowsBefore(r);
      lastRow = r;
      out += options.writes.has(r) ? rewriteRow(xml, r) : xml;
    },
    end: (tag) => {
      out += rowsBefore(Number.MAX_SAFE_INTEGER) + tag;
    },
    tail: (text) => {
      out += text;
    },
  });
  const take = (): Buffer | undefined => {
    const b = out.length > 0 ? Buffer.from(out, "utf8") : undefined;
    out = "";
    return b;
  };

  return new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback) {
      try {
        scanner.push(decoder.decode(chunk, { stream: true }));
        cb(null, take());
      } catch (e) {
        cb(e as Error);
      }
    },
    flush(cb: TransformCallback) {
      try {
        scanner.push(decoder.decode());
        scanner.finish();
        cb(null, take());
      } catch (e) {
        cb(e as Error);
      }
    },
  });
}
