/**
 * Each --out workbook of the corpus opens in LibreOffice (a second, independent reader of the package): it is
 * converted headless to OpenDocument and the converted file must hold the tool's sheets and every user sheet.
 * LibreOffice is installed on CI (docs: TESTING.md); the test fails, not skips, when it is missing.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, extname, join } from "node:path";
import { promisify } from "node:util";
import JSZip from "jszip";
import { makeCorpus } from "../../scripts/corpus/make-corpus";
import { runCli } from "./run-cli";

jest.setTimeout(180_000);

test("every corpus output opens in LibreOffice with the user's sheets and the tool's", async () => {
  const dir = mkdtempSync(join(tmpdir(), "programme-rag-lo-"));
  try {
    const corpus = await makeCorpus(join(dir, "in"));
    const outs: string[] = [];
    for (const f of corpus) {
      const out = join(dir, `out-${basename(f.path)}`);
      expect((await runCli([f.path, "--date", "2020-12-31", "--out", out])).code).toBe(0);
      outs.push(out);
    }
    await promisify(execFile)(
      "libreoffice",
      [
        `-env:UserInstallation=file://${join(dir, "profile")}`,
        "--headless",
        "--convert-to",
        "ods",
        "--outdir",
        join(dir, "lo"),
        ...outs,
      ],
      { timeout: 150_000 },
    );
    for (const [i, f] of corpus.entries()) {
      const ods = join(dir, "lo", `${basename(outs[i]!, extname(outs[i]!))}.ods`);
      const content = await (await JSZip.loadAsync(readFileSync(ods))).file("content.xml")!.async("string");
      const names = [...content.matchAll(/<table:table table:name="([^"]*)"/g)].map((m) =>
        m[1]!.replace(/&apos;/g, "'").replace(/&amp;/g, "&"),
      );
      expect(names).toEqual(expect.arrayContaining(["Highlight Report", "RAG History", "Change Log"]));
      // A chartsheet becomes a sheet with a chart in LibreOffice; every worksheet of the user's is there by name.
      for (const s of f.userSheets.filter((n) => n !== "Spend chart"))
        expect([f.path, names.includes(s)]).toEqual([f.path, true]);
      // The report's title and a RAG word on the programme sheet came through.
      expect(content).toMatch(/programme highlight report/);
      expect(content).toMatch(/>(Red|Amber|Green)</);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
