/**
 * Small XML helpers for package surgery. Parsing goes through saxes (the streaming XML parser exceljs itself
 * uses), with namespaces resolved so packages written with other prefixes (`x:sheet`, as some tools write) read
 * the same. Editing is done on the part's text, so every byte the tool does not change stays as it was.
 */
import { SaxesParser } from "saxes";
import type { SaxesTagNS } from "saxes";

export const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
export const NS_STRICT_MAIN = "http://purl.oclc.org/ooxml/spreadsheetml/main";
export const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";

export interface XmlHandlers {
  open?: (tag: SaxesTagNS) => void;
  close?: (tag: SaxesTagNS) => void;
  text?: (text: string) => void;
}

/**
 * A part whose XML is not well formed (saxes's own words in `message`), so a damaged part can be named in plain
 * words (package.ts `damagedPart`) rather than with the parser's alone.
 */
export class XmlSyntaxError extends Error {}

/** Makes a saxes parser's failures XmlSyntaxErrors (it throws a plain Error when it has no error handler). */
export function failAsXmlSyntax(p: { on(event: "error", h: (e: Error) => void): void }): void {
  p.on("error", (e) => {
    throw new XmlSyntaxError(e.message.replace(/\.$/, ""));
  });
}

/** A namespace-aware streaming parser; feed it with `write` and finish with `close`. */
export function xmlParser(h: XmlHandlers): SaxesParser<{ xmlns: true; position: false }> {
  const p = new SaxesParser({ xmlns: true, position: false });
  failAsXmlSyntax(p);
  if (h.open) p.on("opentag", h.open);
  if (h.close) p.on("closetag", h.close as (tag: unknown) => void);
  if (h.text) {
    p.on("text", h.text);
    p.on("cdata", h.text);
  }
  return p;
}

export function parseXml(text: string, h: XmlHandlers): void {
  const p = xmlParser(h);
  p.write(text.replace(/^\uFEFF/, "")).close();
}

/** An attribute by local name (and namespace URI when given; "" for an unprefixed attribute). */
export function attr(tag: SaxesTagNS, local: string, uri = ""): string | undefined {
  for (const a of Object.values(tag.attributes)) {
    if (a.local === local && a.uri === uri) return a.value;
  }
  return undefined;
}

// Anything escapeXml changes; most texts hold none of it and are returned as they are.
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

export function escapeXml(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return (
    text
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      // Characters XML 1.0 cannot hold at all.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
  );
}

/** A package part name from a relationship target, relative to the part that holds the relationship. */
export function resolvePartName(fromPart: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const base = fromPart.includes("/") ? fromPart.slice(0, fromPart.lastIndexOf("/")).split("/") : [];
  for (const seg of target.split("/")) {
    if (seg === "..") base.pop();
    else if (seg !== "." && seg !== "") base.push(seg);
  }
  return base.join("/");
}

/** The relationships part of a part: xl/workbook.xml → xl/_rels/workbook.xml.rels. */
export function relsPartOf(part: string): string {
  const i = part.lastIndexOf("/");
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

/** The prefix (with its colon, or "") a part uses for an element, from its first occurrence. */
export function prefixOf(xml: string, local: string): string {
  const m = new RegExp(`<([A-Za-z_][\\w.-]*:)?${local}[\\s>/]`).exec(xml);
  return m?.[1] ?? "";
}
