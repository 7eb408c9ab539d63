/** Comparing an input package with its --out copy, part by part and cell by cell (for the producers' tests). */
import { readFile } from "node:fs/promises";
import JSZip from "jszip";

export async function zipOf(path: string): Promise<JSZip> {
  return JSZip.loadAsync(await readFile(path));
}

export async function partsOf(path: string): Promise<Map<string, Buffer>> {
  const zip = await zipOf(path);
  const out = new Map<string, Buffer>();
  for (const [name, f] of Object.entries(zip.files)) if (!f.dir) out.set(name, await f.async("nodebuffer"));
  return out;
}

/** The raw XML of every cell of a sheet part by reference, and the part before and after its sheetData. */
export function cellsOf(xml: string): { cells: Map<string, string>; head: string; tail: string } {
  const start = xml.search(/<(\w+:)?sheetData\b/);
  const endTag = /<\/(\w+:)?sheetData>/.exec(xml)!;
  const cells = new Map<string, string>();
  for (const m of xml
    .slice(start, endTag.index)
    .matchAll(/<(?:\w+:)?c\b[^>]*?(?:\/>|>[\s\S]*?<\/(?:\w+:)?c>)/g)) {
    const ref = /\sr=(?:"([A-Z]+\d+)"|'([A-Z]+\d+)')/.exec(m[0])!;
    cells.set((ref[1] ?? ref[2])!, m[0]);
  }
  return { cells, head: xml.slice(0, start), tail: xml.slice(endTag.index + endTag[0].length) };
}

/**
 * Parts of the input that differ in the output (or are missing from it), leaving out the parts the tool edits:
 * those named in `edited`, matched without regard to case.
 */
export async function changedParts(input: string, output: string, edited: string[]): Promise<string[]> {
  const before = await partsOf(input);
  const after = await partsOf(output);
  const skip = new Set(edited.map((e) => e.toLowerCase()));
  const out: string[] = [];
  for (const [name, bytes] of before) {
    const now = after.get(name);
    if (!now) out.push(`${name}: missing`);
    else if (!skip.has(name.toLowerCase()) && !now.equals(bytes)) out.push(`${name}: changed`);
  }
  return out;
}

/**
 * The cells of a sheet part that changed between input and output, outside `ragColumns` (the columns the tool
 * writes: the RAG column, a Computed RAG column), plus whether the part outside sheetData is kept (the selection aside: the report takes it).
 */
export async function cellChanges(
  input: string,
  output: string,
  part: string,
  ragColumns: string[],
): Promise<{ changed: string[]; headKept: boolean; tailKept: boolean }> {
  const a = cellsOf(await (await zipOf(input)).file(part)!.async("string"));
  const b = cellsOf(await (await zipOf(output)).file(part)!.async("string"));
  const changed: string[] = [];
  for (const [ref, xml] of a.cells)
    if (!ragColumns.includes(ref.replace(/\d+$/, "")) && b.cells.get(ref) !== xml) changed.push(ref);
  for (const ref of b.cells.keys())
    if (!a.cells.has(ref) && !ragColumns.includes(ref.replace(/\d+$/, ""))) changed.push(`${ref} (added)`);
  return {
    changed,
    headKept: b.head === a.head.replace(/ tabSelected=(["'])(1|true)\1/, ""),
    tailKept: b.tail === a.tail,
  };
}

export const EDITED = [
  "xl/workbook.xml",
  "xl/_rels/workbook.xml.rels",
  "[Content_Types].xml",
  "xl/styles.xml",
];
