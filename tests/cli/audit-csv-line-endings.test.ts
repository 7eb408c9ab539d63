/**
 * A CSV whose lines end in different ways (a "sep=," line or a header written on Windows, rows added on a Mac or
 * by a script) is read line by line: every item is read, none runs into the next (issue 14: CSV as it is written).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "./run-cli";

test("CRLF, LF and CR line endings in one CSV each end a row", async () => {
  const dir = mkdtempSync(join(tmpdir(), "programme-rag-eol-"));
  const path = join(dir, "mixed.csv");
  writeFileSync(
    path,
    "sep=,\r\n" +
      "Ref,Project,Budget (£),Forecast outturn (£),Target date\r\n" +
      "P1,Project 1,10000,10000,31/03/2021\n" +
      'P2,"Project 2, phase 2",20000,25000,30/06/2021\r' +
      "P3,Project 3,30000,30000,30/09/2021\r\n",
  );
  const r = await runCli([path, "--date", "2020-12-31", "--json"]);
  expect(r.code).toBe(0);
  const items = (JSON.parse(r.stdout) as { items: { ref: string; name: string }[] }).items;
  expect(items.map((i) => [i.ref, i.name])).toEqual([
    ["P1", "Project 1"],
    ["P2", "Project 2, phase 2"],
    ["P3", "Project 3"],
  ]);
}, 60_000);
