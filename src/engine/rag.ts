/** The words the engine gives a dimension or an item. RAG is never shown as colour alone: always the word. */
export type Rag = "Red" | "Amber" | "Green";
export type RagStatus = Rag | "Complete" | "Not assessed";
/** A manual rating: the three-point scale or the IPA's five-point Delivery Confidence Assessment. */
export type OverrideRag = "Red" | "Amber/Red" | "Amber" | "Amber/Green" | "Green";
/** What an item's overall RAG can be: computed, or an override carried through as written. */
export type OverallRag = RagStatus | OverrideRag;

export const RAG_COUNT_KEYS = ["Red", "Amber", "Green", "Complete", "Not assessed"] as const;
export type RagCountKey = (typeof RAG_COUNT_KEYS)[number];
export type RagCounts = Record<RagCountKey, number>;

/**
 * The worst of some ratings, by severityRank (Red, Amber/Red, Amber, Amber/Green, Green, Not assessed,
 * Complete), or null when there are none: the one "worst of" for ratings (an item's overall, a programme's,
 * a group's).
 */
export function worstOf<T extends OverallRag>(values: Iterable<T | null | undefined>): T | null {
  let worst: T | null = null;
  let rank = Infinity;
  for (const v of values) {
    if (v == null) continue;
    const r = severityRank(v);
    if (r < rank) {
      rank = r;
      worst = v;
    }
  }
  return worst;
}

/** The worst of the assessed RAGs (Red > Amber > Green), or null when none is assessed. */
export function worstRag(values: readonly (RagStatus | null | undefined)[]): Rag | null {
  const w = worstOf(values);
  return w === "Red" || w === "Amber" || w === "Green" ? w : null;
}

/**
 * Five-point ratings count under the worse of their two colours (Amber/Green as Amber, Amber/Red as Red), so
 * the counts never look better than the ratings behind them.
 */
export function countKey(rag: OverallRag): RagCountKey {
  switch (rag) {
    case "Amber/Green":
      return "Amber";
    case "Amber/Red":
      return "Red";
    default:
      return rag;
  }
}

/** Severity for sorting: Red first, then Amber/Red, Amber, Amber/Green, Green, Not assessed, Complete. */
export function severityRank(rag: OverallRag): number {
  switch (rag) {
    case "Red":
      return 0;
    case "Amber/Red":
      return 1;
    case "Amber":
      return 2;
    case "Amber/Green":
      return 3;
    case "Green":
      return 4;
    case "Not assessed":
      return 5;
    case "Complete":
      return 6;
  }
}

export function emptyCounts(): RagCounts {
  return { Red: 0, Amber: 0, Green: 0, Complete: 0, "Not assessed": 0 };
}

/**
 * Fills chosen from ColorBrewer's colour-blind-safe diverging schemes. Red, Green and Amber differ in lightness
 * (relative luminance about 0.10, 0.33 and 0.56) as well as hue, so they stay apart for the common colour-vision
 * deficiencies and in greyscale print; the text colour on each fill has a contrast ratio of at least 4.5:1
 * (tests/engine/rag.test.ts computes it). Colours are "#RRGGBB".
 */
export const RAG_STYLE: Record<OverallRag, { fill: string; font: string }> = {
  Red: { fill: "#B2182B", font: "#FFFFFF" },
  "Amber/Red": { fill: "#E66101", font: "#000000" },
  Amber: { fill: "#FDB863", font: "#000000" },
  "Amber/Green": { fill: "#B8E186", font: "#000000" },
  Green: { fill: "#5AAE61", font: "#000000" },
  Complete: { fill: "#92C5DE", font: "#000000" },
  "Not assessed": { fill: "#D9D9D9", font: "#000000" },
};
