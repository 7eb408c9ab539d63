/**
 * Rewrites a worksheet part as a stream, changing only the cells the tool writes. Everything outside the
 * rows that hold a written cell passes through byte for byte (sheet views, columns, merges, validations,
 * conditional formats, protection, print setup, extensions); inside such a row only the written cells are
 * replaced or inserted, the row's optional `spans` hint is dropped and cells without a reference get one.
 */
import { Transform } from "node:stream";
import type { TransformCallback } from "node:stream";
import { escapeXml } from "./xml";
import { parseRef } from "./read-sheet";
import { columnLetters as letters } from "../../engine/grid";

export interface CellWrite {
  text: string;
  /** The cell format for the new cell, from the cell's own format index and its left neighbour's (as written). */
  style: (own: number, left: number) => number;
}

interface RewriteOptions {
  /** 0-based row → 0-based column → what to write. */
  writes: Map<number, Map<number, CellWrite>>;
  /** Drops tabSelected from the sheet's views (when the tool makes its report the active sheet). */
  unselect?: boolean;
}

export function sheetRewriter(options: RewriteOptions): Transform {
  const pendingRows = [...options.writes.keys()].sort((a, b) => a - b);
  let nextPending = 0;
  let state: "head" | "data" | "tail" = "head";
  let p = "";
  let buf = "";
  let lastRow = -1;
  const decoder = new TextDecoder("utf-8");

  const newRow = (r: number): string => {
    const cells = options.writes.get(r)!;
    let out = `<${p}row r="${r + 1}">`;
    styleAt = new Map<number, number>();
    for (const c of [...cells.keys()].sort((a, b) => a - b))
      out += cellXml(r, c, cells.get(c)!, 0, styleAt.get(c - 1) ?? 0);
    return out + `</${p}row>`;
  };
  // A written cell's format is recorded as its column's, so a header written right of another copies it as written.
  let styleAt = new Map<number, number>();
  const cellXml = (r: number, c: number, w: CellWrite, own: number, left: number): string => {
    const s = w.style(own, left);
    styleAt.set(c, s);
    return `<${p}c r="${letters(c)}${r + 1}" s="${s}" t="inlineStr"><${p}is><${p}t xml:space="preserve">${escapeXml(w.text)}</${p}t></${p}is></${p}c>`;
  };
  const rowsBefore = (r: number): string => {
    let out = "";
    while (nextPending < pendingRows.length && pendingRows[nextPending]! < r) {
      const pr = pendingRows[nextPending++]!;
      if (pr > lastRow) out += newRow(pr);
    }
    return out;
  };

  const rewriteRow = (xml: string, r: number): string => {
    const cells = options.writes.get(r)!;
    const open = /^<[^>]*?(\/?)>/.exec(xml)!;
    let head = open[0].replace(/\sspans="[^"]*"/, "");
    const selfClosing = open[1] === "/";
    if (selfClosing) head = head.replace(/\s*\/>$/, ">");
    const body = selfClosing ? "" : xml.slice(open[0].length, xml.length - `</${p}row>`.length);
    const cellRe = new RegExp(`<${p}c\\b[^>]*?(?:/>|>[\\s\\S]*?</${p}c>)`, "g");
    const targets = [...cells.keys()].sort((a, b) => a - b);
    let ti = 0;
    let out = head;
    let col = -1;
    let last = 0;
    styleAt = new Map<number, number>();
    const left = (c: number) => styleAt.get(c - 1) ?? 0;
    let m: RegExpExecArray | null;
    while ((m = cellRe.exec(body)) !== null) {
      out += body.slice(last, m.index);
      last = m.index + m[0].length;
      let cellText = m[0];
      const tag = /^<[^>]*>/.exec(cellText)![0];
      const ref = /\sr="([^"]*)"/.exec(tag);
      col = ref ? parseRef(ref[1]!)[1] : col + 1;
      if (!ref) cellText = cellText.replace(/^<(\S+?)(\s|\/?>)/, `<$1 r="${letters(col)}${r + 1}"$2`);
      const own = Number(/\ss="(\d+)"/.exec(tag)?.[1] ?? 0);
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
    }
    out += body.slice(last);
    while (ti < targets.length) {
      const tc = targets[ti++]!;
      out += cellXml(r, tc, cells.get(tc)!, 0, left(tc));
    }
    return out + `</${p}row>`;
  };

  const process = (final: boolean): string => {
    let out = "";
    if (state === "head") {
      const m = /<([A-Za-z_][\w.-]*:)?sheetData\b[^>]*?(\/?)>/.exec(buf);
      if (!m) {
        if (final) {
          out = buf;
          buf = "";
        }
        return out;
      }
      p = m[1] ?? "";
      let head = buf.slice(0, m.index);
      if (options.unselect)
        head = head.replace(/(<(?:[\w.-]+:)?sheetView\b[^>]*?)\stabSelected="(1|true)"/g, "$1");
      if (m[2] === "/") {
        let rows = "";
        while (nextPending < pendingRows.length) rows += newRow(pendingRows[nextPending++]!);
        out = `${head}<${p}sheetData>${rows}</${p}sheetData>`;
        buf = buf.slice(m.index + m[0].length);
        state = "tail";
      } else {
        out = head + m[0];
        buf = buf.slice(m.index + m[0].length);
        state = "data";
      }
    }
    if (state === "data") {
      const rowOpen = new RegExp(`<${p}row\\b`, "g");
      const end = `</${p}sheetData>`;
      const rowClose = `</${p}row>`;
      let i = 0;
      // Where the rows end, if this much of the part holds it (searched once, not once per row).
      const se = buf.indexOf(end);
      for (;;) {
        rowOpen.lastIndex = i;
        const ro = rowOpen.exec(buf);
        if (se >= 0 && (!ro || se < ro.index)) {
          out += buf.slice(i, se) + rowsBefore(Number.MAX_SAFE_INTEGER) + end;
          i = se + end.length;
          state = "tail";
          break;
        }
        if (!ro) break;
        const gt = buf.indexOf(">", ro.index);
        if (gt < 0) break;
        const selfClosing = buf[gt - 1] === "/";
        let stop: number;
        if (selfClosing) stop = gt + 1;
        else {
          const c = buf.indexOf(rowClose, gt);
          if (c < 0) break;
          stop = c + rowClose.length;
        }
        out += buf.slice(i, ro.index);
        const rowXml = buf.slice(ro.index, stop);
        const rAttr = /^<[^>]*?\sr="(\d+)"/.exec(rowXml);
        const r = rAttr ? Number(rAttr[1]) - 1 : lastRow + 1;
        out += rowsBefore(r);
        lastRow = r;
        out += options.writes.has(r) ? rewriteRow(rowXml, r) : rowXml;
        i = stop;
      }
      buf = buf.slice(i);
    }
    if (state === "tail") {
      out += buf;
      buf = "";
    }
    return out;
  };

  return new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback) {
      try {
        buf += decoder.decode(chunk, { stream: true });
        const out = process(false);
        cb(null, out.length > 0 ? Buffer.from(out, "utf8") : undefined);
      } catch (e) {
        cb(e as Error);
      }
    },
    flush(cb: TransformCallback) {
      try {
        buf += decoder.decode();
        const out = process(true);
        cb(null, out.length > 0 ? Buffer.from(out, "utf8") : undefined);
      } catch (e) {
        cb(e as Error);
      }
    },
  });
}
