/**
 * RAG fills: the text on every fill meets WCAG 2.x AA contrast (4.5:1), and Red, Amber and Green differ in
 * relative luminance by at least 0.1 from each other, so they stay apart for colour-blind readers and in
 * greyscale print. Luminance is computed here from the WCAG definition, independently of the engine.
 */
import type { OverallRag } from "../../src/engine/rag";
import { RAG_STYLE, countKey, severityRank, worstRag } from "../../src/engine/rag";

/** WCAG 2.x relative luminance of "#RRGGBB". */
function luminance(hex: string): number {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #RRGGBB colour: ${hex}`);
  const [r, g, b] = [m[1]!, m[2]!, m[3]!].map((h) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe("the WCAG helpers themselves", () => {
  test("black on white is 21:1, white on white 1:1", () => {
    expect(contrast("#000000", "#FFFFFF")).toBeCloseTo(21, 10);
    expect(contrast("#FFFFFF", "#ffffff")).toBeCloseTo(1, 10);
  });
  test("a known pair: #777777 on white is about 4.48:1 (fails AA)", () => {
    expect(contrast("#777777", "#FFFFFF")).toBeCloseTo(4.48, 2);
  });
});

const ALL: OverallRag[] = ["Red", "Amber/Red", "Amber", "Amber/Green", "Green", "Complete", "Not assessed"];

describe("RAG_STYLE", () => {
  test("has a style for every RAG word", () => {
    expect(Object.keys(RAG_STYLE).sort()).toEqual([...ALL].sort());
  });

  test.each(ALL)("%s: text on fill has contrast ≥ 4.5:1", (rag) => {
    const { fill, font } = RAG_STYLE[rag];
    expect(contrast(fill, font)).toBeGreaterThanOrEqual(4.5);
  });

  test.each<[OverallRag, OverallRag]>([
    ["Red", "Amber"],
    ["Red", "Green"],
    ["Amber", "Green"],
  ])("%s and %s fills differ in relative luminance by at least 0.1", (a, b) => {
    expect(Math.abs(luminance(RAG_STYLE[a].fill) - luminance(RAG_STYLE[b].fill))).toBeGreaterThanOrEqual(0.1);
  });

  test("the fills are distinct colours", () => {
    const fills = ALL.map((r) => RAG_STYLE[r].fill.toUpperCase());
    expect(new Set(fills).size).toBe(fills.length);
  });
});

describe("rag helpers", () => {
  test("worstRag: Red > Amber > Green; unassessed ignored", () => {
    expect(worstRag(["Green", "Amber", "Not assessed"])).toBe("Amber");
    expect(worstRag(["Green", "Red", "Amber"])).toBe("Red");
    expect(worstRag(["Not assessed", "Complete", null])).toBeNull();
  });

  test("five-point ratings count under the worse colour", () => {
    expect(countKey("Amber/Green")).toBe("Amber");
    expect(countKey("Amber/Red")).toBe("Red");
  });

  test("severity order: Red first", () => {
    const sorted = [...ALL].sort((a, b) => severityRank(a) - severityRank(b));
    expect(sorted.slice(0, 5)).toEqual(["Red", "Amber/Red", "Amber", "Amber/Green", "Green"]);
  });
});
