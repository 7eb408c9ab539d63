/**
 * Request batching for the Office adapter's writes: each write is a command with an estimate of the bytes it
 * adds to the request Excel receives; commands are packed in order into requests sized toward Excel on the web's
 * 5 MB request limit with a margin, and each request is sent in one round trip. Cells of one format on one sheet
 * are formatted together, with one command per RangeAreas (`Worksheet.getRanges("A2,A5:A9")`, ExcelApi 1.9)
 * whose address stays under the length Excel takes.
 */
import type { ColIndex, RowIndex } from "../../engine/coords";
import { cellAddress } from "../../engine/grid";
import type { Syncer } from "./sync";

/** What a command is given when a request is built: the context and the request's worksheet proxies. */
export interface WriteBatch {
  readonly context: Excel.RequestContext;
  /** The worksheet of this name (one proxy per request). */
  sheet(name: string): Excel.Worksheet;
  /** Records the proxy of a sheet just added, for the commands after it in the same request. */
  added(name: string, sheet: Excel.Worksheet): void;
}

/** What a command writes, for the benchmark's bytes per kind of command. */
export type CommandKind =
  | "add sheet"
  | "clear"
  | "RAG values"
  | "RAG formats"
  | "header"
  | "values"
  | "styles"
  | "merges"
  | "widths and heights"
  | "page setup"
  | "charts"
  | "marker"
  | "activate";

export interface WriteCommand {
  /** Estimated bytes this command adds to a request (object paths, actions and argument JSON). */
  bytes: number;
  kind: CommandKind;
  /** The sheet it writes, for "may be incomplete" messages. */
  sheet: string;
  /** For progress: RAG columns, or the add-in's own sheets. */
  phase: "rag" | "sheet";
  apply(batch: WriteBatch): void;
}

// Request size of one proxy object (its ObjectPath entry plus the action that instantiates it) and of one
// property set or method call, without its arguments. Measured against Microsoft's request shape in the fake
// Excel (tests/office), rounded up.
export const OBJECT = 160;
export const ACTION = 90;

/** UTF-8 bytes of a value's JSON, as the request carries it ("£" is 2 bytes, "€" 3, an emoji 4). */
export function json(x: unknown): number {
  const s = JSON.stringify(x) ?? "";
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // A surrogate half adds 1 (a pair is 4 bytes); other characters past U+07FF are 3 bytes, past U+007F 2.
    if (c > 0x7f) n += c > 0x7ff && (c < 0xd800 || c > 0xdfff) ? 2 : 1;
  }
  return n;
}

/**
 * Excel on the web refuses a request over 5 MB (Microsoft's "Resource limits and performance optimization"
 * page); requests are packed to about 3.5 MB of estimated bytes, so an estimate that runs short by up to 40%
 * still stays under the limit. The largest single command is kept under REQUEST_LIMIT_BYTES.
 */
export const REQUEST_TARGET_BYTES = 3_500_000;
export const REQUEST_LIMIT_BYTES = 4_500_000;

/**
 * The longest address one `Worksheet.getRanges` command is given, and the most areas. Microsoft documents no
 * limit; office-js#5198 (2024) reports "The argument is invalid or missing or has an incorrect format" for an
 * address of 8,207 characters with 513 areas, while another address of 513 areas in fewer characters worked, on
 * desktop and on the web, so the length is what counts (unverified beyond that report; the fake refuses past
 * 8,192 characters). Both caps stay below what was seen to work.
 */
export const MAX_AREAS_ADDRESS = 8_000;
export const MAX_AREAS = 500;

/** A1 address of a rectangle (top left cell and size) without the sheet: "T5", "T5:T9", "A12:K12". */
export function rectAddress(r: { row: RowIndex; col: ColIndex; rows: number; cols: number }): string {
  const first = cellAddress(r.row, r.col);
  if (r.rows === 1 && r.cols === 1) return first;
  return `${first}:${cellAddress(r.row + r.rows - 1, r.col + r.cols - 1)}`;
}

/** Rectangles as comma-separated addresses for getRanges, each under MAX_AREAS_ADDRESS and MAX_AREAS. */
export function areaAddresses(
  rects: readonly { row: RowIndex; col: ColIndex; rows: number; cols: number }[],
): string[] {
  const out: string[] = [];
  let current = "";
  let count = 0;
  for (const r of rects) {
    const a = rectAddress(r);
    if (current !== "" && (current.length + 1 + a.length > MAX_AREAS_ADDRESS || count >= MAX_AREAS)) {
      out.push(current);
      current = "";
      count = 0;
    }
    current = current === "" ? a : `${current},${a}`;
    count++;
  }
  if (current !== "") out.push(current);
  return out;
}

/** Commands packed in order into requests of at most about `targetBytes` each (a larger command goes alone). */
export function packChunks(commands: readonly WriteCommand[], targetBytes: number): WriteCommand[][] {
  const chunks: WriteCommand[][] = [];
  let chunk: WriteCommand[] = [];
  let size = 0;
  for (const c of commands) {
    if (chunk.length > 0 && size + c.bytes > targetBytes) {
      chunks.push(chunk);
      chunk = [];
      size = 0;
    }
    chunk.push(c);
    size += c.bytes;
  }
  if (chunk.length) chunks.push(chunk);
  return chunks;
}

/** Estimated bytes and commands by kind, for the benchmark. */
export function bytesByKind(
  commands: readonly WriteCommand[],
): Map<CommandKind, { commands: number; bytes: number }> {
  const out = new Map<CommandKind, { commands: number; bytes: number }>();
  for (const c of commands) {
    const k = out.get(c.kind) ?? { commands: 0, bytes: 0 };
    k.commands++;
    k.bytes += c.bytes;
    out.set(c.kind, k);
  }
  return out;
}

/** One request: queues a chunk's commands (one worksheet proxy per sheet) and sends them in one round trip. */
export async function sendChunk(
  context: Excel.RequestContext,
  syncer: Syncer,
  chunk: readonly WriteCommand[],
): Promise<void> {
  const proxies = new Map<string, Excel.Worksheet>();
  const batch: WriteBatch = {
    context,
    sheet(name) {
      let ws = proxies.get(name);
      if (!ws) {
        ws = context.workbook.worksheets.getItem(name);
        proxies.set(name, ws);
      }
      return ws;
    },
    added(name, ws) {
      proxies.set(name, ws);
    },
  };
  for (const command of chunk) command.apply(batch);
  await syncer.wait(context.sync(), "write");
}
