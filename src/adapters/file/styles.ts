/**
 * The package's styles part (xl/styles.xml), read for number formats and extended for the tool's cells. New
 * fonts, fills, borders, number formats and cell formats are appended at the end of their lists, so every index
 * the user's cells, conditional formats and tables use keeps its meaning; nothing already there is changed.
 */
import { escapeXml } from "./xml";

const SECTIONS = ["numFmts", "fonts", "fills", "borders", "cellXfs"] as const;
type Section = (typeof SECTIONS)[number];
const CHILD: Record<Section, string> = {
  numFmts: "numFmt",
  fonts: "font",
  fills: "fill",
  borders: "border",
  cellXfs: "xf",
};

export const MINIMAL_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  "</styleSheet>";

/** Excel's built-in number formats that the engine may need to tell dates from numbers. */
const BUILTIN_FORMATS: Record<number, string> = {
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  12: "# ?/?",
  13: "# ??/??",
  14: "mm-dd-yy",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: "m/d/yy h:mm",
  37: "#,##0 ;(#,##0)",
  38: "#,##0 ;[Red](#,##0)",
  39: "#,##0.00;(#,##0.00)",
  40: "#,##0.00;[Red](#,##0.00)",
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mmss.0",
  48: "##0.0E+0",
  49: "@",
};

/** Whether a number format shows a date or time (letters d m y h s outside quotes, escapes and brackets). */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/_.|\*./g, "");
  return /[dmyhs]/i.test(bare.split(";")[0] ?? "");
}

interface Located {
  /** Where the section's children end (the index of its closing tag), or -1 when it is absent or empty. */
  items: string[];
}

function sectionRe(p: string, name: string): RegExp {
  return new RegExp(`<${p}${name}\\b([^>]*?)(/>|>([\\s\\S]*?)</${p}${name}>)`);
}

function childrenOf(p: string, child: string, body: string): string[] {
  const re = new RegExp(`<${p}${child}\\b[^>]*?(?:/>|>[\\s\\S]*?</${p}${child}>)`, "g");
  return body.match(re) ?? [];
}

export function attrOf(element: string, name: string): string | undefined {
  const head = /^<[^>]*>/.exec(element)?.[0] ?? element;
  // Either quote, spaces allowed around "=" (legal XML other tools write).
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(head);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** Sets (or adds) attributes on an element's opening tag. */
export function withAttrs(element: string, attrs: Record<string, string>): string {
  const m = /^<([^\s/>]+)([^>]*?)(\/?)>/.exec(element)!;
  let rest = m[2]!;
  for (const [k, v] of Object.entries(attrs)) {
    const re = new RegExp(`\\s${k}\\s*=\\s*(?:"[^"]*"|'[^']*')`);
    rest = re.test(rest) ? rest.replace(re, ` ${k}="${v}"`) : `${rest} ${k}="${v}"`;
  }
  return `<${m[1]}${rest}${m[3]}>` + element.slice(m[0].length);
}

/** A `count` attribute in either quote. */
const COUNT = /\scount\s*=\s*(?:"[^"]*"|'[^']*')/;

export class Styles {
  readonly prefix: string;
  private readonly lists = new Map<Section, Located>();
  private readonly added = new Map<Section, string[]>();
  private readonly addedCache = new Map<string, number>();
  private readonly indexed = new Set<Section>();
  readonly numFmts = new Map<number, string>();
  private nextNumFmt = 164;

  constructor(readonly xml: string) {
    this.prefix = /<([A-Za-z_][\w.-]*:)?styleSheet\b/.exec(xml)?.[1] ?? "";
    for (const s of SECTIONS) {
      const m = sectionRe(this.prefix, s).exec(xml);
      this.lists.set(s, { items: m?.[3] ? childrenOf(this.prefix, CHILD[s], m[3]) : [] });
      this.added.set(s, []);
    }
    for (const nf of this.lists.get("numFmts")!.items) {
      const id = Number(attrOf(nf, "numFmtId"));
      const code = attrOf(nf, "formatCode");
      if (Number.isFinite(id) && code !== undefined) {
        this.numFmts.set(id, unescape(code));
        if (id >= this.nextNumFmt) this.nextNumFmt = id + 1;
      }
    }
  }

  items(s: Section): readonly string[] {
    return this.lists.get(s)!.items;
  }

  /** The number format code of a cell format (by its index in cellXfs), or null for General. */
  formatOfXf(xf: number): string | null {
    const el = this.items("cellXfs")[xf];
    if (!el) return null;
    const id = Number(attrOf(el, "numFmtId") ?? 0);
    if (id === 0) return null;
    return this.numFmts.get(id) ?? BUILTIN_FORMATS[id] ?? null;
  }

  /** Whether a cell format's number format is a date; built-in date ids count even without a code. */
  isDateXf(xf: number): boolean {
    const el = this.items("cellXfs")[xf];
    if (!el) return false;
    const id = Number(attrOf(el, "numFmtId") ?? 0);
    if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58))
      return true;
    const code = this.numFmts.get(id);
    return code !== undefined && isDateFormat(code);
  }

  private add(s: Section, xml: string): number {
    const key = `${s}\u0000${xml}`;
    if (!this.indexed.has(s)) {
      // An entry the part already has (from the tool's last run, say) is used again rather than repeated.
      this.indexed.add(s);
      this.items(s).forEach((item, i) => {
        const k = `${s}\u0000${item}`;
        if (!this.addedCache.has(k)) this.addedCache.set(k, i);
      });
    }
    const known = this.addedCache.get(key);
    if (known !== undefined) return known;
    const list = this.added.get(s)!;
    list.push(xml);
    const index = this.items(s).length + list.length - 1;
    this.addedCache.set(key, index);
    return index;
  }

  /** An element of a section by index, whether it was there or was added. */
  element(s: Section, index: number): string | undefined {
    const items = this.items(s);
    return index < items.length ? items[index] : this.added.get(s)![index - items.length];
  }

  addFont(xml: string): number {
    return this.add("fonts", xml);
  }
  addFill(xml: string): number {
    return this.add("fills", xml);
  }
  addBorder(xml: string): number {
    return this.add("borders", xml);
  }
  addXf(xml: string): number {
    return this.add("cellXfs", xml);
  }

  /** The id of a number format code, reusing the workbook's own when it has the same code. */
  numFmtId(code: string): number {
    for (const [id, c] of this.numFmts) if (c === code) return id;
    for (const [id, c] of Object.entries(BUILTIN_FORMATS)) if (c === code) return Number(id);
    const id = this.nextNumFmt++;
    this.numFmts.set(id, code);
    this.added
      .get("numFmts")!
      .push(`<${this.prefix}numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`);
    return id;
  }

  get changed(): boolean {
    return [...this.added.values()].some((l) => l.length > 0);
  }

  /** The styles part with the added entries appended to their lists (counts updated). */
  serialize(): string {
    let xml = this.xml;
    const p = this.prefix;
    for (const s of SECTIONS) {
      const extra = this.added.get(s)!;
      if (extra.length === 0) continue;
      const count = this.items(s).length + extra.length;
      const m = sectionRe(p, s).exec(xml);
      if (!m) {
        if (s !== "numFmts") throw new Error(`the styles part has no ${s}`);
        const open = /<([A-Za-z_][\w.-]*:)?styleSheet\b[^>]*>/.exec(xml)!;
        const at = open.index + open[0].length;
        xml = `${xml.slice(0, at)}<${p}numFmts count="${count}">${extra.join("")}</${p}numFmts>${xml.slice(at)}`;
        continue;
      }
      const attrs = COUNT.test(m[1]!)
        ? m[1]!.replace(COUNT, ` count="${count}"`)
        : `${m[1]} count="${count}"`;
      const body = m[3] ?? "";
      const replacement = `<${p}${s}${attrs}>${body}${extra.join("")}</${p}${s}>`;
      xml = xml.slice(0, m.index) + replacement + xml.slice(m.index + m[0].length);
    }
    return xml;
  }
}

function unescape(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, "&");
}
