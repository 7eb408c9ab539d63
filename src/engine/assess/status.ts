/**
 * What an item's status says beyond complete (R3-14): cancelled (withdrawn, not required, stopped ...), so the
 * item is not rated at all; or on hold, so it is rated as any other but the schedule's reason says so. The
 * words are the schedule's rules (cancelledStatuses, onHoldStatuses; docs/RULES.md).
 */
import type { ScheduleRules } from "./schedule";

export type StatusKind = "cancelled" | "onHold" | null;

/**
 * True when one of the words (lower case) is in the status as whole words: "Closed - not required" holds "not
 * required", "Uncancelled" does not hold "cancelled".
 */
export function statusHasWord(status: string | null, words: readonly string[] | undefined): boolean {
  if (status === null || words === undefined || words.length === 0) return false;
  const s = status.trim().toLowerCase();
  if (s === "") return false;
  // A loop, not words.some(closure): this runs for every item with a status.
  for (const w of words) {
    if (w === "") continue;
    let at = s.indexOf(w);
    while (at >= 0) {
      const before = at === 0 ? 32 : s.charCodeAt(at - 1);
      const after = at + w.length >= s.length ? 32 : s.charCodeAt(at + w.length);
      if (!isWordChar(before) && !isWordChar(after)) return true;
      at = s.indexOf(w, at + 1);
    }
  }
  return false;
}

function isWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
}

/** Cancelled before on hold: "On hold - now cancelled" is cancelled. */
export function statusKind(status: string | null, rules: ScheduleRules): StatusKind {
  if (status === null) return null;
  // A programme's statuses are a few words repeated over every row: each is matched once per set of words
  // (matching all the words for each of 100,000 items cost about 30 CPU ms).
  let c = cache;
  if (c === null || c.cancelled !== rules.cancelledStatuses || c.onHold !== rules.onHoldStatuses) {
    c = cache = { cancelled: rules.cancelledStatuses, onHold: rules.onHoldStatuses, kinds: new Map() };
  }
  const known = c.kinds.get(status);
  if (known !== undefined) return known;
  const kind: StatusKind = statusHasWord(status, rules.cancelledStatuses)
    ? "cancelled"
    : statusHasWord(status, rules.onHoldStatuses)
      ? "onHold"
      : null;
  if (c.kinds.size >= 1000) c.kinds.clear();
  c.kinds.set(status, kind);
  return kind;
}

let cache: {
  cancelled: readonly string[] | undefined;
  onHold: readonly string[] | undefined;
  kinds: Map<string, StatusKind>;
} | null = null;

/** "Not assessed: cancelled (status "Cancelled" in 'Programme'!L7), so not rated; its money still counts". */
export function cancelledWords(status: string, at: string): string {
  return `Not assessed: cancelled (status "${status.trim()}" in ${at}), so not rated; its money still counts in the totals`;
}

/** The on-hold words added to the schedule's reason: "on hold (status "On hold" in 'Programme'!L7)". */
export function onHoldWords(status: string, at: string): string {
  return `on hold (status "${status.trim()}" in ${at})`;
}
