/** --json gives each risk its score in the Risk History snapshot compared with, and its direction. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "./run-cli";

const sample = join(__dirname, "..", "..", "samples", "ict-strategy-programme.xlsx");

test("a second report reads the first one's Risk History: previousScore and direction for each risk", async () => {
  const dir = mkdtempSync(join(tmpdir(), "programme-rag-risks-"));
  const first = join(dir, "q2.xlsx");
  expect((await runCli([sample, "--date", "2020-09-30", "--out", first])).code).toBe(0);
  // Without a snapshot: no previous score.
  const none = JSON.parse((await runCli([sample, "--date", "2020-12-31", "--json"])).stdout);
  expect(none.riskRegister.risks[0]).toMatchObject({ previousScore: null, direction: "unknown" });
  const r = await runCli([first, "--date", "2020-12-31", "--json"]);
  expect(r.code).toBe(0);
  const risks: {
    ref: string;
    score: number | null;
    closed: boolean;
    previousScore: number | null;
    direction: string;
  }[] = JSON.parse(r.stdout).riskRegister.risks;
  const open = risks.filter((x) => !x.closed && x.score !== null);
  expect(open.length).toBeGreaterThan(10);
  // The same register at both dates: every open risk scored the same then.
  for (const x of open)
    expect({ ref: x.ref, previousScore: x.previousScore, direction: x.direction }).toEqual({
      ref: x.ref,
      previousScore: x.score,
      direction: "same",
    });
  // A closed risk is "closed", never "new" (the Risk History keeps open risks only).
  const closed = risks.filter((x) => x.closed);
  expect(closed.length).toBeGreaterThan(0);
  for (const x of closed)
    expect({ ref: x.ref, direction: x.direction }).toEqual({ ref: x.ref, direction: "closed" });
});
