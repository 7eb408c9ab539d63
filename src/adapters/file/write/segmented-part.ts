/**
 * The tool's growing sheets (RAG History, Change Log) written as segmented entries (segments.ts): when the sheet
 * the tool wrote last time carries an index that agrees with it and this run's rows start where one of its
 * segments starts, the compressed bytes before that segment are copied as they are and only the new rows and
 * the part after the rows are deflated; otherwise the sheet is written as `ownSheetStream` writes it (whole, or
 * appended to its inflated rows) and segmented as it goes. Either way the text is the same, byte for byte.
 */
import { PassThrough } from "node:stream";
import type { Readable } from "node:stream";
import type JSZip from "jszip";
import type { LayoutValue, SheetLayout } from "../../../engine/plan";
import { HISTORY_HEADERS } from "../../../engine/report/history";
import { CHANGELOG_HEADERS } from "../../../engine/report/changelog";
import { MILESTONE_HISTORY_HEADERS } from "../../../engine/report/milestone-history";
import { RISK_HISTORY_HEADERS } from "../../../engine/report/risk-history-columns";
import type { Styles } from "../styles";
import type { SegmentedBytes, SegmentedEntry } from "../segments";
import { crc32, SegmentWriter, segmentsOf } from "../segments";
import type { SheetPiece } from "./own-sheet-xml";
import { ownSheetPieces, ownSheetWriter } from "./own-sheet-xml";
import * as zlib from "node:zlib";

/** The roles written as segmented entries, and the column whose value the index keeps per segment. */
export function segmentKeyColumn(role: string): number | null {
  if (role === "history") return HISTORY_HEADERS.indexOf("Reporting date");
  if (role === "changelog") return CHANGELOG_HEADERS.indexOf("Sheet");
  if (role === "milestoneHistory") return MILESTONE_HISTORY_HEADERS.indexOf("Reporting date");
  if (role === "riskHistory") return RISK_HISTORY_HEADERS.indexOf("Reporting date");
  return null;
}

export interface SegmentedPart extends SegmentedBytes {
  /** How the part was made: "copied" (the old segments' bytes kept), "written" (deflated whole). */
  how: "copied" | "written";
}

/**
 * The sheet's entry. `old` is the tool's earlier part, `keep` where its rows are kept (write-package.ts's
 * `keptRows`; null: written whole).
 */
export async function segmentedOwnSheet(input: {
  layout: SheetLayout;
  styles: Styles;
  value: (v: LayoutValue, format: string | null) => LayoutValue;
  old: JSZip.JSZipObject | null;
  keep: { from: number; shift: number } | null;
  keyColumn: number;
  level: number;
}): Promise<SegmentedPart> {
  const { layout, styles, value, old, keep, keyColumn, level } = input;
  const seg = old && keep ? segmentsOf(old) : null;
  const copied = seg && keep ? copyPlan(seg, keep.from + keep.shift) : null;
  if (copied && keep) {
    const { j, tailText, tailRow } = copied;
    const segs = seg!.index.segs;
    const writer = new SegmentWriter(level, {
      bytes: seg!.bytes.subarray(0, segs[j]!.c),
      segs: segs.slice(0, j),
      u: segs[j]!.u,
      crc: segs[j]!.crc,
    });
    const w = ownSheetWriter(layout, styles, value, keep.from, keep.shift, keyColumn);
    const hasNew = layout.values.length > keep.from;
    feed(writer, { start: keep.from + keep.shift });
    for (const p of w.rowBlocks(keep.from)) feed(writer, p);
    feed(writer, { tail: hasNew ? layout.values.length + keep.shift : tailRow });
    writer.text(tailText);
    return { ...writer.finish(), how: "copied" };
  }
  const writer = new SegmentWriter(level);
  const pieces = ownSheetPieces(
    layout,
    styles,
    value,
    old && keep
      ? {
          old: (old.nodeStream("nodebuffer") as Readable).pipe(new PassThrough()),
          from: keep.from,
          shift: keep.shift,
        }
      : undefined,
    keyColumn,
  );
  for await (const p of pieces) feed(writer, p);
  return { ...writer.finish(), how: "written" };
}

function feed(writer: SegmentWriter, p: SheetPiece): void {
  if (typeof p === "string") writer.text(p);
  else if ("key" in p) writer.key(p.key);
  else writer.start("start" in p ? p.start : p.tail);
}

/**
 * Whether a run keeping the sheet's rows below `keepBelow` can copy the old entry's first segments: a segment
 * of rows starts at exactly that row, or every row is kept (the part after the rows starts at or before it).
 * The segments from there to the end are inflated and checked against the index and the entry (length, CRC-32
 * continued from the index's prefix CRC, the first row); the part after the rows is what the new entry ends
 * with. Null: the part is written whole.
 */
function copyPlan(
  seg: SegmentedEntry,
  keepBelow: number,
): { j: number; tailText: string; tailRow: number } | null {
  const segs = seg.index.segs;
  const n = segs.length;
  const tail = segs[n - 1]!;
  let j = -1;
  for (let i = 1; i < n - 1; i++) if (segs[i]!.r === keepBelow) j = i;
  if (j < 0 && keepBelow >= tail.r) j = n - 1;
  if (j < 0) return null;
  let suffix: Buffer;
  try {
    suffix = zlib.inflateRawSync(seg.bytes.subarray(segs[j]!.c));
  } catch {
    return null;
  }
  if (suffix.length !== seg.index.size - segs[j]!.u || crc32(suffix, segs[j]!.crc) !== seg.index.crc)
    return null;
  const tailBytes = suffix.subarray(tail.u - segs[j]!.u);
  const tailText = tailBytes.toString("utf8");
  if (!tailText.startsWith("</sheetData>")) return null;
  if (
    j < n - 1 &&
    !suffix
      .subarray(0, 20)
      .toString("latin1")
      .startsWith(`<row r="${keepBelow + 1}"`)
  )
    return null;
  return { j, tailText, tailRow: j === n - 1 ? tail.r : keepBelow };
}
