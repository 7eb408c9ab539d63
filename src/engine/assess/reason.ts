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

export interface FigureReason extends Reason {
  /** The dimension that gave it: set by assessInPlace when the item's reasons are gathered. */
  dimension: Dimension;
  rag: OverallRag;
  /** The reason in words, built now from the figures. */
  readonly text: string;
  /** As JSON, a reason is its dimension, rating and words, as a reason held as text. */
  toJSON(): Reason;
}

/*
 * Each kind is a class of its own, with no base class: its fields are declared and assigned in its constructor
 * (no class-field definitions, the same code from tsc, esbuild and tsx). A derived class's `super()` call is
 * several times slower to construct once a tool redefines the classes' names, as esbuild's keep-names does in
 * tsx (measured: the whole engine took 2.2 times as long), and 160,000 reasons are made a run.
 */

/** A reason's JSON: its dimension, rating and words (a kind's toJSON). */
export function reasonJson(r: Reason): Reason {
  return { dimension: r.dimension, rag: r.rag, text: r.text };
}

/** A dimension's reason: its words, or its figures with the words built when read; null for none. */
export type ReasonWords = string | FigureReason;

/** A reason's words, however it is held. */
export function reasonText(r: ReasonWords): string {
  return typeof r === "string" ? r : r.text;
}
