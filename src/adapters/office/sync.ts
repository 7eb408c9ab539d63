/**
 * Every round trip to Excel goes through one Syncer: it counts them (WriteSummary.syncs) and gives each a
 * time-out, so a sync that never answers (Excel busy, a cell being edited) becomes a message, not a hang.
 */
import { withTimeout } from "./errors";

export type RoundTrip = "read" | "write";

export class Syncer {
  count = 0;

  constructor(
    private readonly timeoutMs: number,
    private readonly onRoundTrip?: (kind: RoundTrip) => void,
  ) {}

  /** Counts a round trip and waits for it, for at most the time-out: `await syncer.wait(context.sync())`. */
  async wait(sync: Promise<unknown>, kind: RoundTrip = "read"): Promise<void> {
    this.count++;
    this.onRoundTrip?.(kind);
    await withTimeout(sync, this.timeoutMs);
  }
}
