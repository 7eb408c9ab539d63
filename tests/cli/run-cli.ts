/** Runs the command line in-process with captured output and a fixed clock. */
import { run } from "../../src/cli/main";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export const FIXED_NOW = new Date("2021-01-04T09:30:00Z");

export async function runCli(args: string[], now: Date = FIXED_NOW): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await run(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    now: () => now,
  });
  return { code, stdout, stderr };
}
