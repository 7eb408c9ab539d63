/**
 * The rule registry: every rated dimension, in the order they are shown (the report's columns, the item's RAGs,
 * rules.json, the --json output, the RAG History). Adding a dimension is one module declaring it (see
 * ./dimension.ts and docs/RULES.md, "How to add a dimension"), listed here.
 */
import { BUDGET } from "./budget";
import { RISK } from "./risk";
import { SCHEDULE } from "./schedule";

export const DIMENSIONS = [BUDGET, SCHEDULE, RISK] as const;
