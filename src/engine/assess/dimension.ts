/**
 * What a rated dimension (budget, schedule, risk ...) declares about itself. Everything else that knows about
 * dimensions — the item's RAGs and its overall rating, rules.json, the pane's Rules form, the --json output, the
 * highlight report's exception columns and the RAG History's columns — is derived from the list of these in
 * ./dimensions.ts. Adding a dimension is one module declaring one of these, its tests, its words in docs/RULES.md.
 */
import type { DayNumber } from "../dates";
import type { AssessedItem, FieldKey } from "../model";
import type { RagStatus } from "../rag";
import type { ReasonWords } from "./reason";

/** One threshold or switch of a dimension's rules, as rules.json holds it and as the engine keeps it. */
export type RuleSetting =
  /** A number from min to max, kept as written. */
  | { key: string; kind: "number"; min: number; max: number }
  /** An amount: pounds in rules.json (min to max), whole pence in the rules. */
  | { key: string; kind: "money"; min: number; max: number }
  | { key: string; kind: "boolean" }
  /** One of a few words, kept as written (the budget's basis: "programme" or "inYear"). */
  | { key: string; kind: "choice"; choices: readonly string[] }
  /** A list of words, kept trimmed and lower-cased (compared case-insensitively). */
  | { key: string; kind: "words" };

/** A field of the pane's Rules form, as the text typed; `setting` names the rule it sets. */
export interface RuleFormField<F extends string = string> {
  id: F;
  setting: string;
  label: string;
  unit?: string;
  hint?: string;
  /** "money": typed as pounds ("£100,000", "1.2m"); "number": a plain number ("5", "5%"). */
  kind: "number" | "money";
  /** The form shows the rule's value times this (a fraction as percentage points: 100); 1 when left out. */
  scale?: number;
  /** The range of the typed number, in the form's units, and what to call it ("a percentage", "a score"). */
  min?: number;
  max?: number;
  words?: string;
  /** The amount's name in messages ("Red limit"), for money fields. */
  amountName?: string;
}

/** A check across two or more of a dimension's form fields, run when each of them reads as a number. */
export interface RuleFormCheck<F extends string = string> {
  /** The field the message is shown against. */
  field: F;
  message: string;
  /** True when the values (in the form's units, by field id) break the rule. */
  fails(values: Readonly<Record<F, number>>): boolean;
}

/** Something to tell the user about one of the item's cells (a warning on that cell). */
export interface DimensionNote {
  field: FieldKey;
  message: string;
}

/**
 * What a dimension says about one item. Its warnings are `notes`, or one `note` (either may be left out): an
 * assessment's own result object can be returned as it is, so rating 100,000 items allocates nothing more.
 */
export interface DimensionAssessment {
  rag: RagStatus;
  /**
   * Why, in words ("Red: ..."), or as the figures whose words are built when read (./reason.ts); null when there
   * is nothing to say (Green, Complete).
   */
  reason: ReasonWords | null;
  notes?: readonly DimensionNote[];
  note?: DimensionNote | null;
}

export interface AssessContext<R> {
  rules: R;
  reporting: DayNumber;
  /** The currency symbol amounts are shown with ("£"). */
  symbol: string;
}

export interface RatedDimension<
  K extends string = string,
  R extends object = object,
  F extends string = string,
  J extends object = object,
> {
  /** The dimension's key: in rules.json, the item's RAGs (rag.budget), reasons and --json. */
  key: K;
  /** Its name in words ("Budget"): the report's column, the history's "Budget RAG", the trend's "Budget". */
  label: string;
  /** The programme-sheet fields it reads. */
  fields: readonly FieldKey[];
  rules: {
    defaults: R;
    /** Every setting of rules.json's section, in the order rules.json and the saved settings list them. */
    settings: readonly RuleSetting[];
    /** Checks across settings, run when rules.json gives the section; each returns its message or null. */
    checks?: readonly ((rules: R) => string | null)[];
  };
  /** The pane's Rules form: a group with its legend, its fields and checks across them. */
  form: { legend: string; fields: readonly RuleFormField<F>[]; checks?: readonly RuleFormCheck<F>[] };
  /**
   * Rates the item and puts the dimension's own figures on it (e.g. the budget's variance): `item` is the
   * item being assessed, whose other dimensions may not be assessed yet.
   */
  assess(item: AssessedItem, context: AssessContext<R>): DimensionAssessment;
  /** An item whose rating in this dimension is Complete is complete (the schedule). */
  completes?: boolean;
  /**
   * A Red in this dimension stays Red when the item is complete (the budget), with this reason for the
   * overall rating.
   */
  redWhenComplete?: string;
  /**
   * A last word on the computed overall rating, given this dimension's rating (the budget: an item whose money
   * could not be read is never Green). Returns the overall rating and its reason, or null to leave it.
   */
  overrule?(
    item: AssessedItem,
    rag: RagStatus,
    computed: RagStatus,
  ): { rag: RagStatus; reason: string } | null;
  /** The item's fields in the --json output, in their order there. */
  json(item: AssessedItem): J;
}

/** Declares a dimension, keeping its key and form field ids as literal types. */
export function defineDimension<
  const K extends string,
  R extends object,
  const F extends string,
  J extends object,
>(d: RatedDimension<K, R, F, J>): RatedDimension<K, R, F, J> {
  return d;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDimension = RatedDimension<string, any, string, object>;
