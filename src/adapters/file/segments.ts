/**
 * The tool's growing sheets (RAG History, Change Log) as a zip entry of separately compressed segments, so a run
 * reads and rewrites only the part of the history it needs (issue 14, "cost stays flat over time").
 *
 * The entry is one ordinary deflate stream (method 8): any zip reader inflates it as it always did. It is made of
 * segments, each deflated on its own and ended with a full flush (byte-aligned, nothing referring back into an
 * earlier segment): the part before the rows with the header row, then one segment per run of rows the tool added
 * (one run's snapshot, one run's log lines), then the part after the rows. So a segment's compressed bytes can be
 * copied as they are in front of new ones, and inflation can start at any segment's first byte.
 *
 * Where the segments start is kept in the entry's zip comment (`SegmentIndex`), with the entry's own CRC-32 and
 * sizes. The index is used only when those agree with the entry as it is (a file saved by Excel or another zip
 * writer has no comment, or the entry changed under a stale one), and what it says is checked against the bytes
 * before anything read through it is used: the CRC-32 of each inflated prefix and suffix continues into the
 * entry's CRC, the first row of a segment is the one the index names. Anything that does not hold: the part is
 * read or written whole, as before, and written with a new index.
 */
import * as zlib from "node:zlib";
import { nativeCrc32 } from "./node-deflate";
import type JSZip from "jszip";

/* eslint-disable @typescript-eslint/no-require-imports -- JSZip's internals are CommonJS modules without types */
const CompressedObject = require("jszip/lib/compressedObject") as new (
  compressedSize: number,
  uncompressedSize: number,
  crc32: number,
  compression: unknown,
  data: Uint8Array,
) => object;
const compressions = require("jszip/lib/compressions") as Record<string, { magic: string }>;
const GenericWorker = require("jszip/lib/stream/GenericWorker") as GenericWorkerClass;
const jsCrc32 = require("jszip/lib/crc32") as (input: Uint8Array, crc?: number) => number;
/* eslint-enable @typescript-eslint/no-require-imports */

/** The part of JSZip's GenericWorker (lib/stream/GenericWorker.js) the lazy worker uses. */
interface GenericWorkerInstance {
  streamInfo: Record<string, unknown> & { file?: { comment?: string } };
  isPaused: boolean;
  isFinished: boolean;
  push(chunk: { data: Uint8Array; meta: unknown }): void;
  error(e: Error): boolean;
  end(): boolean;
  resume(): boolean;
  withStreamInfo(key: string, value: unknown): GenericWorkerInstance;
}
interface GenericWorkerClass {
  new (name: string): GenericWorkerInstance;
  prototype: GenericWorkerInstance;
}

/** CRC-32 of `data` continuing from `previous` (unsigned): zlib's native one on Node 20.15+, else JSZip's. */
export function crc32(data: Uint8Array, previous = 0): number {
  if (data.length === 0) return previous >>> 0;
  return (nativeCrc32 ? nativeCrc32(data, previous >>> 0) : jsCrc32(data, previous | 0)) >>> 0;
}

/** One segment: where it starts in the part's text (`u`) and in its compressed bytes (`c`). */
export interface Segment {
  /** The sheet row (0-based) its rows start at: every row before it is in an earlier segment. */
  r: number;
  /** Uncompressed and compressed offset of its first byte. */
  u: number;
  c: number;
  /** CRC-32 of the text before it (unsigned). */
  crc: number;
  /** Lowest and highest key (the reporting date's serial) of its rows, when every row has a number there. */
  lo?: number;
  hi?: number;
  /** Its first row has no key (a Change Log run's summary line: where a run's lines start). */
  b?: 1;
  /** Some row has a key that is not a number. */
  x?: 1;
}

/** The segments of an entry (the head first, the part after the rows last) and the entry they belong to. */
export interface SegmentIndex {
  size: number;
  csize: number;
  crc: number;
  segs: Segment[];
}

const TAG = "programme-rag segments 1 ";
/** A zip comment holds at most 65,535 bytes; older run segments are joined when the index would not fit. */
const MAX_COMMENT = 60_000;

export function indexComment(index: SegmentIndex): string {
  let segs = index.segs;
  let text = "";
  for (;;) {
    text =
      TAG +
      JSON.stringify({
        size: index.size,
        csize: index.csize,
        crc: index.crc,
        segs: segs.map((s) => [s.r, s.u, s.c, s.crc, s.lo ?? null, s.hi ?? null, s.b ?? 0, s.x ?? 0]),
      });
    if (text.length <= MAX_COMMENT || segs.length <= 4) return text;
    segs = joinOldest(segs);
  }
}

/** The index with its oldest run segments joined two by two (the head, the newest and the tail kept). */
function joinOldest(segs: Segment[]): Segment[] {
  const out: Segment[] = [segs[0]!];
  const runs = segs.slice(1, -1);
  const half = Math.floor(runs.length / 2);
  for (let i = 0; i < half; i += 2) out.push(i + 1 < half ? joined(runs[i]!, runs[i + 1]!) : runs[i]!);
  out.push(...runs.slice(half), segs[segs.length - 1]!);
  return out;
}

function joined(a: Segment, b: Segment): Segment {
  const s: Segment = { r: a.r, u: a.u, c: a.c, crc: a.crc };
  if (a.b) s.b = 1;
  if (a.x || b.x) s.x = 1;
  else if (a.lo !== undefined && b.lo !== undefined && a.hi !== undefined && b.hi !== undefined) {
    s.lo = Math.min(a.lo, b.lo);
    s.hi = Math.max(a.hi, b.hi);
  }
  return s;
}

/**
 * Whether a zip directory entry's comment is the tool's segment index for that very entry (its sizes and CRC-32
 * as the directory declares them): the tool's own growing sheet, read by its segments and never inflated whole
 * unless its index fails (package.ts lets such an entry declare more than a part read whole may).
 */
export function commentIndexesEntry(comment: string, size: number, csize: number, crc: number): boolean {
  if (!comment.startsWith(TAG)) return false;
  try {
    const o = JSON.parse(comment.slice(TAG.length)) as { size?: unknown; csize?: unknown; crc?: unknown };
    return o.size === size && o.csize === csize && o.crc === crc >>> 0;
  } catch {
    return false;
  }
}

interface LoadedEntry {
  comment?: string | null;
  _data?: {
    compressedSize?: number;
    uncompressedSize?: number;
    crc32?: number;
    compression?: { magic?: string };
    compressedContent?: unknown;
  };
}

/** A segmented entry as loaded: its index (checked against the entry) and its compressed bytes. */
export interface SegmentedEntry {
  index: SegmentIndex;
  bytes: Uint8Array;
}

const isCount = (n: unknown): n is number => typeof n === "number" && Number.isSafeInteger(n) && n >= 0;

/**
 * The index in a loaded entry's comment, if there is one and it agrees with the entry (its sizes and CRC-32, a
 * deflated entry, segments in order inside it); else null, and the entry is read and written whole.
 */
export function segmentsOf(file: JSZip.JSZipObject | null | undefined): SegmentedEntry | null {
  const entry = file as unknown as LoadedEntry | null | undefined;
  const comment = entry?.comment;
  if (!entry || typeof comment !== "string" || !comment.startsWith(TAG)) return null;
  const data = entry._data;
  const bytes = data?.compressedContent;
  if (!data || !(bytes instanceof Uint8Array) || data.compression?.magic !== compressions.DEFLATE!.magic)
    return null;
  let raw: unknown;
  try {
    raw = JSON.parse(comment.slice(TAG.length));
  } catch {
    return null;
  }
  const o = raw as { size?: unknown; csize?: unknown; crc?: unknown; segs?: unknown };
  if (!isCount(o.size) || !isCount(o.csize) || !isCount(o.crc) || !Array.isArray(o.segs)) return null;
  if (
    o.size !== data.uncompressedSize ||
    o.csize !== data.compressedSize ||
    o.csize !== bytes.length ||
    o.crc !== (data.crc32 ?? 0) >>> 0
  )
    return null;
  const segs: Segment[] = [];
  for (const item of o.segs as unknown[]) {
    if (!Array.isArray(item) || item.length !== 8) return null;
    const [r, u, c, crc, lo, hi, b, x] = item as unknown[];
    if (!isCount(r) || !isCount(u) || !isCount(c) || !isCount(crc) || crc > 0xffffffff) return null;
    const s: Segment = { r, u, c, crc };
    if (typeof lo === "number" && typeof hi === "number" && Number.isFinite(lo) && Number.isFinite(hi)) {
      s.lo = lo;
      s.hi = hi;
    } else if (lo !== null || hi !== null) return null;
    if (b === 1) s.b = 1;
    if (x === 1) s.x = 1;
    segs.push(s);
  }
  if (segs.length < 2 || segs[0]!.u !== 0 || segs[0]!.c !== 0 || segs[0]!.crc !== 0) return null;
  for (let i = 1; i < segs.length; i++) {
    const a = segs[i - 1]!;
    const s = segs[i]!;
    if (s.u <= a.u || s.c <= a.c || s.u >= o.size || s.c >= o.csize) return null;
    if (i > 1 && s.r <= a.r) return null;
  }
  return { index: { size: o.size, csize: o.csize, crc: o.crc, segs }, bytes };
}

/** Inflates a run of whole segments that does not end the stream (the head, or a run of segments). */
export function inflateSegments(bytes: Uint8Array): Buffer {
  return zlib.inflateRawSync(bytes, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
}

export interface SegmentedBytes {
  chunks: Uint8Array[];
  index: SegmentIndex;
  comment: string;
}

/**
 * An entry JSZip writes as the compressed bytes `make` gives, made when JSZip comes to write it (so the parts
 * are made in the package's order, as streamed parts are): a CompressedObject (JSZip copies such an entry's
 * bytes when its method is the one the package is written with, deflate) whose worker waits for `make`, then
 * gives JSZip the sizes, the CRC-32 and the entry's comment (the index) and pushes the bytes. `done` settles
 * when `make` has (it never rejects; a failure reaches JSZip as the worker's error).
 */
export function lazyEntry(make: () => Promise<SegmentedBytes>): { object: object; done: Promise<void> } {
  let settle: () => void = () => undefined;
  const done = new Promise<void>((r) => {
    settle = r;
  });
  // Sizes that are not zero (JSZip writes an entry of 0 bytes as an empty stored one); the real ones are set
  // on the worker's stream information before it ends.
  const object = new CompressedObject(1, 1, 0, compressions.DEFLATE, new Uint8Array(0)) as {
    getCompressedWorker?: () => GenericWorkerInstance;
    getContentWorker?: () => GenericWorkerInstance;
  };
  object.getCompressedWorker = () => {
    const w = new GenericWorker("SegmentedEntry");
    let started = false;
    let chunks: Uint8Array[] | null = null;
    let i = 0;
    let scheduled = false;
    const tick = () => {
      scheduled = false;
      if (w.isPaused || w.isFinished || !chunks) return;
      if (i >= chunks.length) {
        w.end();
        return;
      }
      w.push({ data: chunks[i++]!, meta: {} });
      schedule();
    };
    const schedule = () => {
      if (scheduled) return;
      scheduled = true;
      setImmediate(tick);
    };
    const resume = w.resume.bind(w);
    w.resume = () => {
      if (!resume()) return false;
      if (!started) {
        started = true;
        make().then(
          (m) => {
            chunks = m.chunks;
            w.streamInfo["crc32"] = m.index.crc | 0;
            w.streamInfo["compressedSize"] = m.index.csize;
            w.streamInfo["uncompressedSize"] = m.index.size;
            // The entry's comment is read from the stream information when JSZip writes its directory record.
            if (w.streamInfo.file) w.streamInfo.file.comment = m.comment;
            settle();
            schedule();
          },
          (e: Error) => {
            settle();
            w.error(e);
          },
        );
      } else schedule();
      return true;
    };
    return w.withStreamInfo("compression", compressions.DEFLATE);
  };
  object.getContentWorker = () => {
    throw new Error("a segmented entry cannot be read before it is written");
  };
  return { object, done };
}

/**
 * Builds a segmented entry: text in, deflated in blocks (each its own deflate with a full flush, so any block
 * start is a place to begin inflating), segments started where the caller says. Optionally continues an entry's
 * kept compressed prefix (its first segments as they are).
 */
export class SegmentWriter {
  private readonly chunks: Uint8Array[] = [];
  private pending: string[] = [];
  private pendingLength = 0;
  private u: number;
  private c: number;
  private crc: number;
  private readonly segs: Segment[];
  /** The segment rows go to now (null: the head). */
  private current: Segment | null = null;
  private first = true;

  constructor(
    private readonly level: number,
    keep?: { bytes: Uint8Array; segs: Segment[]; u: number; crc: number },
  ) {
    if (keep) {
      this.chunks.push(keep.bytes);
      this.c = keep.bytes.length;
      this.u = keep.u;
      this.crc = keep.crc;
      this.segs = keep.segs.map((s) => ({ ...s }));
      this.current = this.segs[this.segs.length - 1] ?? null;
      this.first = false;
    } else {
      this.c = 0;
      this.u = 0;
      this.crc = 0;
      this.segs = [{ r: 0, u: 0, c: 0, crc: 0 }];
    }
  }

  text(s: string): void {
    if (s.length === 0) return;
    this.pending.push(s);
    this.pendingLength += s.length;
    if (this.pendingLength >= 256 * 1024) this.deflate(false);
  }

  /** A new segment starts here: rows from sheet row `row` on. */
  start(row: number): void {
    this.deflate(false);
    const last = this.segs[this.segs.length - 1]!;
    const s: Segment = { r: row, u: this.u, c: this.c, crc: this.crc };
    // An empty segment (nothing since it started) is replaced, not kept.
    if (this.segs.length > 1 && last.u === this.u) this.segs[this.segs.length - 1] = s;
    else if (this.segs.length === 1 && this.u === 0) return;
    else this.segs.push(s);
    this.current = s;
    this.first = true;
  }

  /** A row's key, for the segment it is in. */
  key(k: number | string | null): void {
    const s = this.current;
    if (!s || this.segs.length === 1) return;
    if (this.first) {
      this.first = false;
      if (k === null) s.b = 1;
    }
    if (typeof k === "number" && Number.isFinite(k) && !s.x) {
      const v = Math.floor(k);
      s.lo = s.lo === undefined ? v : Math.min(s.lo, v);
      s.hi = s.hi === undefined ? v : Math.max(s.hi, v);
    } else {
      s.x = 1;
      delete s.lo;
      delete s.hi;
    }
  }

  private deflate(final: boolean): void {
    if (this.pendingLength === 0 && !final) return;
    const text = Buffer.from(this.pending.join(""), "utf8");
    this.pending = [];
    this.pendingLength = 0;
    const out = zlib.deflateRawSync(text, {
      level: this.level,
      finishFlush: final ? zlib.constants.Z_FINISH : zlib.constants.Z_FULL_FLUSH,
    });
    this.crc = crc32(text, this.crc);
    this.u += text.length;
    this.c += out.length;
    this.chunks.push(out);
  }

  /** The entry's compressed bytes (in pieces) and its index, and the index as the zip comment. */
  finish(): SegmentedBytes {
    this.deflate(true);
    const csize = this.chunks.reduce((n, c) => n + c.length, 0);
    const index: SegmentIndex = { size: this.u, csize, crc: this.crc, segs: this.segs };
    return { chunks: this.chunks, index, comment: indexComment(index) };
  }
}

/** Where a read of a window of recent rows starts: the segment `k`, and the highest key of the rows before it. */
export interface SegmentWindow {
  entry: SegmentedEntry;
  k: number;
  droppedUpTo: number;
}

/**
 * The first segment a window of recent rows needs, when the index lets the segments before it be left unread:
 * by value (the History: the last snapshot before `start` and every row from it on), the last segment whose
 * lowest reporting date is before `start` with every earlier segment's dates below it; by the last block (the
 * Change Log's last run), the last segment that starts with a run's summary line. Null: read the part whole.
 */
export function windowStart(
  entry: SegmentedEntry,
  want: { start: number } | { lastBlock: true },
): SegmentWindow | null {
  const segs = entry.index.segs;
  const n = segs.length;
  if (n < 4) return null; // the head, two runs of rows at least, the part after the rows
  if ("lastBlock" in want) {
    for (let k = n - 2; k >= 2; k--) if (segs[k]!.b) return { entry, k, droppedUpTo: -Infinity };
    return null;
  }
  let best: SegmentWindow | null = null;
  let maxHi = -Infinity;
  for (let k = 2; k <= n - 2; k++) {
    const prev = segs[k - 1]!;
    if (prev.x || prev.hi === undefined) break;
    maxHi = Math.max(maxHi, prev.hi);
    const s = segs[k]!;
    if (!s.x && s.lo !== undefined && s.lo < want.start && maxHi < s.lo)
      best = { entry, k, droppedUpTo: maxHi };
  }
  return best;
}

/**
 * Inflates the head segment and the segments from `window.k` to the end, text to `onText`, checking them
 * against the index and the entry: the head's length and CRC-32, the first row of segment k, the suffix's length
 * and its CRC-32 continued from the index's prefix CRC into the entry's own. False when anything disagrees
 * (the caller then reads the part whole).
 */
export async function streamSegments(
  window: SegmentWindow,
  onText: (text: string) => void,
): Promise<boolean> {
  const { index, bytes } = window.entry;
  const segs = index.segs;
  const s = segs[window.k]!;
  const head = inflateSegments(bytes.subarray(0, segs[1]!.c));
  if (head.length !== segs[1]!.u || crc32(head) !== segs[1]!.crc) return false;
  const decoder = new TextDecoder("utf-8");
  onText(decoder.decode(head, { stream: true }));
  const expect = index.size - s.u;
  let seen = 0;
  let crc = s.crc;
  const inflate = zlib.createInflateRaw();
  const source = bytes.subarray(s.c);
  let firstChecked = false;
  const rowStart = Buffer.from(`<row r="${s.r + 1}"`, "latin1");
  let start = Buffer.alloc(0);
  const done = (async () => {
    for await (const chunk of inflate as AsyncIterable<Buffer>) {
      seen += chunk.length;
      if (seen > expect) return false;
      crc = crc32(chunk, crc);
      if (!firstChecked) {
        start = Buffer.concat([start, chunk.subarray(0, rowStart.length)]);
        if (start.length >= rowStart.length) {
          if (!start.subarray(0, rowStart.length).equals(rowStart)) return false;
          firstChecked = true;
        }
      }
      onText(decoder.decode(chunk, { stream: true }));
    }
    onText(decoder.decode());
    return firstChecked && seen === expect && crc === index.crc;
  })();
  inflate.end(source);
  try {
    return await done;
  } finally {
    inflate.destroy();
  }
}
