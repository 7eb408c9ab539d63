/**
 * Deflate for the parts the tool writes, and inflate for the entries it reads, with Node's zlib (native, off the
 * main thread) instead of JSZip's JavaScript pako. Importing this module installs both.
 *
 * JSZip looks compressions up by name in its `compressions` module; this adds one more, "NODE_DEFLATE", with the
 * same zip method (8, deflate) as JSZip's own. Because the method is the same, JSZip still writes every entry it
 * loaded deflated back as its original compressed bytes (it re-compresses only entries whose method differs, and
 * the parts the tool adds or rewrites). JSZip's workers are synchronous; this one writes each chunk into a zlib
 * DeflateRaw (or InflateRaw) stream, pushes the compressed chunks on as zlib gives them, pauses the source while zlib's input is
 * full, and ends (so JSZip writes the entry's data descriptor and moves on) only once zlib has flushed.
 */
import * as zlib from "node:zlib";
import { createDeflateRaw, createInflateRaw } from "node:zlib";
import type { Transform } from "node:stream";

interface Chunk {
  data: Uint8Array;
  meta: unknown;
}

/** The part of JSZip's GenericWorker (lib/stream/GenericWorker.js) this worker uses. */
interface GenericWorkerInstance {
  previous: GenericWorkerInstance | null;
  isPaused: boolean;
  isFinished: boolean;
  push(chunk: Chunk): void;
  error(e: Error): boolean;
  end(): boolean;
  pause(): boolean;
  resume(): boolean;
  cleanUp(): void;
  processChunk(chunk: Chunk): void;
}
interface GenericWorkerClass {
  new (name: string): GenericWorkerInstance;
  prototype: GenericWorkerInstance;
}
interface Compression {
  magic: string;
  compressWorker(options: { level?: number }): GenericWorkerInstance;
  uncompressWorker(): GenericWorkerInstance;
}

/* eslint-disable @typescript-eslint/no-require-imports -- JSZip's internals are CommonJS modules without types */
const GenericWorker = require("jszip/lib/stream/GenericWorker") as GenericWorkerClass;
const compressions = require("jszip/lib/compressions") as Record<string, Compression>;
const Crc32Probe = require("jszip/lib/stream/Crc32Probe") as {
  prototype: { processChunk(this: Crc32ProbeInstance, chunk: Chunk | { data: string; meta: unknown }): void };
};
/* eslint-enable @typescript-eslint/no-require-imports */

interface Crc32ProbeInstance {
  streamInfo: { crc32?: number };
  push(chunk: unknown): void;
}

export const NODE_DEFLATE = "NODE_DEFLATE";

class NodeZlibWorker extends GenericWorker {
  private z: Transform | null = null;
  private meta: unknown = {};
  private ending = false;
  private waiting = false;

  constructor(private readonly make: () => Transform) {
    super("NodeZlibWorker");
  }

  private zlib(): Transform {
    if (this.z) return this.z;
    const z = this.make();
    z.on("data", (data: Buffer) => {
      if (!this.isFinished)
        this.push({ data: new Uint8Array(data.buffer, data.byteOffset, data.length), meta: this.meta });
    });
    z.on("error", (e: Error) => {
      this.error(e);
    });
    z.on("drain", () => {
      this.waiting = false;
      if (!this.isPaused && this.previous) this.previous.resume();
    });
    this.z = z;
    return z;
  }

  override processChunk(chunk: Chunk): void {
    this.meta = chunk.meta;
    if (!this.zlib().write(chunk.data) && !this.waiting) {
      this.waiting = true;
      this.previous?.pause();
    }
  }

  override resume(): boolean {
    // While zlib's input is full the source stays paused; "drain" resumes it.
    if (!this.isPaused || this.isFinished) return false;
    if (!this.waiting) return super.resume();
    this.isPaused = false;
    return true;
  }

  override end(): boolean {
    if (this.isFinished || this.ending) return false;
    this.ending = true;
    const z = this.zlib();
    z.on("end", () => {
      super.end();
    });
    z.end();
    return true;
  }

  override cleanUp(): void {
    super.cleanUp();
    this.z = null;
  }
}

if (!compressions[NODE_DEFLATE]) {
  const deflate = compressions.DEFLATE!;
  // Reading: every deflated entry JSZip inflates (the sheets the reader streams, the parts it reads whole) goes
  // through zlib's inflate too. JSZip finds a loaded entry's compression by its method, which is DEFLATE's.
  deflate.uncompressWorker = () => new NodeZlibWorker(() => createInflateRaw());
  compressions[NODE_DEFLATE] = {
    magic: deflate.magic,
    compressWorker: (options) => new NodeZlibWorker(() => createDeflateRaw({ level: options.level ?? 6 })),
    uncompressWorker: () => deflate.uncompressWorker(),
  };
}

/**
 * The CRC-32 of every part JSZip writes anew (the rewritten sheets, the tool's sheets) with zlib's native
 * `crc32` (Node 20.15 and later) instead of JSZip's JavaScript table loop: the same checksum, several times
 * faster on a 200,000-row sheet. JSZip keeps the CRC as a signed 32-bit number; so does this.
 */
export const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
const probe = Crc32Probe.prototype as { processChunk: (chunk: { data: unknown }) => void; nodeCrc?: boolean };
if (nativeCrc32 && !probe.nodeCrc) {
  const original = probe.processChunk;
  probe.nodeCrc = true;
  Crc32Probe.prototype.processChunk = function (this: Crc32ProbeInstance, chunk) {
    if (typeof chunk.data === "string" || !(chunk.data instanceof Uint8Array))
      return original.call(this, chunk);
    if (chunk.data.length > 0)
      this.streamInfo.crc32 = nativeCrc32(chunk.data, (this.streamInfo.crc32 ?? 0) >>> 0) | 0;
    this.push(chunk);
  };
}
