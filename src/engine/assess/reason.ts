/**
 * Reasons held as data: the figures a reason speaks of, with its words built when they are read.
 *
 * An analysis of 100,000 items keeps about 160,000 reasons for as long as it is shown. Built as text, each is a
 * string of about 75 characters made from a dozen pieces (amounts, percentages, dates), and the words are read
 * for only the items shown (the report's exceptions, the pane's list, the RAG cells' comments, --json). A
 * `FigureReason` keeps the figures instead; its `text` is built by its kind's one words function each time it is
 * read (the same function builds the text where a reason is given as text), and is not kept.
 */
import type { Dimension, Reason } from "../model";
import type { OverallRag } from "../rag";

export abstract class FigureReason implements Reason {
  /** The dimension that gave it: set by assessInPlace when the item's reasons are gathered. */
  dimension: Dimension = "overall";
  rag: OverallRag;
  protected constructor(rag: OverallRag) {
    this.rag = rag;
  }
  /** The reason in words, built now from the figures. */
  abstract get text(): string;
  /** As JSON, a reason is its dimension, rating and words, as a reason held as text. */
  toJSON(): Reason {
    return { dimension: this.dimension, rag: this.rag, text: this.text };
  }
}

/** A dimension's reason: its words, or its figures with the words built when read; null for none. */
export type ReasonWords = string | FigureReason;

/** A reason's words, however it is held. */
export function reasonText(r: ReasonWords): string {
  return typeof r === "string" ? r : r.text;
}
