/**
 * The engine's speed-ups (BENCHMARKS.md, issue 14) each replace a slower form that is still the definition:
 * these tests hold every fast path to the form it replaced, on ordinary and awkward inputs, so that a
 * shortcut can never give a different answer.
 */
import { byYear, ragCounts } from "../../src/engine/assess/programme";
import { assessRisk } from "../../src/engine/assess/risk";
import { isCompleteStatus } from "../../src/engine/assess/schedule";
import { pct1 } from "../../src/engine/assess/format";
import { formatDayUk, ymdFromDay } from "../../src/engine/dates";
import type { DayNumber } from "../../src/engine/dates";
import { flat } from "../../src/engine/flat";
import { isPlainAscii, readFraction, readScale, readText, repairText } from "../../src/engine/read/cells";
import type { PercentScale } from "../../src/engine/read/cells";
import { readSheet } from "../../src/engine/read/sheet";
import { countKey, emptyCounts } from "../../src/engine/rag";
import type { AssessedItem } from "../../src/engine/model";
import { DEFAULT_RULES } from "../../src/engine/rules";
import { benchGrid } from "../../bench/generate";
import { exceptionOrder, exceptions, isException } from "../../src/engine/report/exceptions";
import { programmeSheet, run } from "./builders";

/** A deterministic pseudo-random sequence (mulberry32), so that failures repeat. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Strings of characters chosen to hit every branch: spaces, tabs, controls, repairs, non-ASCII. */
function awkwardStrings(n: number): string[] {
  const rnd = random(7);
  const alphabet = [
    " ",
    " ",
    "\t",
    "\n",
    "\u00a0",
    "a",
    "B",
    "1",
    "£",
    "Â",
    "Ł",
    "\u2013",
    "\u2212",
    "\u0085",
    "x",
    "\u3000",
    "\u007f",
    "\u0001",
    "é",
    "…",
  ];
  const out = [
    "",
    " ",
    "a",
    " a",
    "a ",
    "a  b",
    "a\tb",
    "P00001",
    "Â£1,234",
    "Ł5m",
    "\u00a0x\u00a0",
    "\u0001a",
  ];
  for (let i = 0; i < n; i++) {
    let s = "";
    const len = Math.floor(rnd() * 8);
    for (let k = 0; k < len; k++) s += alphabet[Math.floor(rnd() * alphabet.length)]!;
    out.push(s);
  }
  return out;
}

describe("fast paths give what the forms they replaced give", () => {
  test("readText's ASCII shortcut is repairText(s).trim(), blank as null", () => {
    const wrong = awkwardStrings(20_000).filter((s) => {
      const slow = repairText(s).trim();
      return readText(s) !== (slow === "" ? null : slow) || (isPlainAscii(s) && slow !== s);
    });
    expect(wrong).toEqual([]);
  });

  test("% complete and 1-5 scores read without a result object are what readFraction and readScale read", () => {
    const fractions = [-0.1, 0, 0.25, 0.5, 0.999, 1, 1 + 1e-12, 1.2, 1.5];
    const scores = [-1, 0, 0.5, 1, 2.5, 3, 5, 5 + 1e-12, 5.5, 45];
    const valueOf = <T>(r: { kind: string; value?: T }) => (r.kind === "value" ? r.value : null);
    // A column of fractions (read as fractions) and one of points (a value over 1.5 makes it points).
    for (const [progress, scale] of [
      [fractions, "fraction"],
      [[...fractions, 45, 100, 120], "points"],
    ] as [number[], PercentScale][]) {
      const n = Math.max(progress.length, scores.length);
      const rows = Array.from({ length: n }, (_, i) => [
        `R${i}`,
        `Project ${i}`,
        progress[i] ?? null,
        scores[i] ?? null,
        scores[n - 1 - i] ?? null,
      ]);
      const read = readSheet({
        name: "Programme",
        visible: true,
        rowOffset: 0,
        colOffset: 0,
        values: [["Ref", "Project name", "% complete", "Likelihood", "Impact"], ...rows],
      })!;
      expect(read.items).toHaveLength(n);
      for (const item of read.items) {
        const [, , p, l, i] = rows[item.row - 2]! as [string, string, number, number, number];
        expect([p, item.progress]).toEqual([p, valueOf(readFraction(p, scale))]);
        expect([l, item.likelihood]).toEqual([l, valueOf(readScale(l, false))]);
        expect([i, item.impact]).toEqual([i, valueOf(readScale(i, false))]);
      }
    }
  });

  test("pct1 writes what toFixed(1) of the rounded tenths writes", () => {
    const slow = (n: number) => `${(Math.round(n * 10) / 10).toFixed(1)}%`;
    const rnd = random(11);
    const values = [
      0, -0, 0.04, -0.04, 0.05, -0.05, -0.049, 0.15, -0.15, 1.25, -1.25, 99.95, -99.95, 1e14, -1e14,
    ];
    values.push(1e15, 1e20, 1e21, NaN, Infinity, -Infinity, Number.MIN_VALUE, -Number.MIN_VALUE);
    for (let i = 0; i < 20_000; i++) values.push((rnd() - 0.5) * 10 ** Math.floor(rnd() * 18));
    expect(values.filter((v) => pct1(v) !== slow(v))).toEqual([]);
  });

  test("isCompleteStatus's loop matches the regular-expression form", () => {
    const slow = (status: string | null, words: readonly string[]) => {
      if (status === null) return false;
      const s = status.trim().toLowerCase();
      return words.some((w) => s === w || (s.startsWith(w) && /^[^a-z]/.test(s.slice(w.length))));
    };
    const words = DEFAULT_RULES.schedule.completeStatuses;
    const statuses = [
      "Complete",
      "complete",
      " Completed ",
      "Complete - signed off",
      "Completeness check",
      "Complete\n",
      "Done",
      "done.",
      "Closed",
      "closedown",
      "complete1",
      "",
      "Complete€",
      null,
    ];
    for (const w of words) statuses.push(w, `${w} `, `${w}x`, `${w}-x`, `${w}é`, w.toUpperCase());
    for (const s of statuses) {
      expect(isCompleteStatus(s, words)).toBe(slow(s, words));
      expect(isCompleteStatus(s, [...words, ""])).toBe(slow(s, [...words, ""]));
    }
  });

  test("a risk's text in a reason is its words on one line, as the regular expression made them", () => {
    const risks = awkwardStrings(5_000).flatMap((s) => [s, `Risk${s}end`, `${s}${"x".repeat(80)}${s}`]);
    const wrong = risks.filter((risk) => {
      const r = assessRisk(
        { likelihood: 5, impact: 5, riskScore: null, riskLevel: null, risk },
        DEFAULT_RULES.risk,
      );
      const one = risk.replace(/\s+/g, " ").trim();
      const shown = !risk ? "" : `: ${one.length > 80 ? one.slice(0, 77).trimEnd() + "…" : one}`;
      return r.reason !== `Red: risk score 25 (likelihood 5 × impact 5)${shown}`;
    });
    expect(wrong).toEqual([]);
  });

  test("formatDayUk's remembered days are the days it computes, past the memory's bound too", () => {
    const slow = (d: DayNumber) => {
      const { year, month, day } = ymdFromDay(d);
      return `${String(day).padStart(2, "0")}/${String(month).padStart(2, "0")}/${year}`;
    };
    const wrong: number[] = [];
    for (let round = 0; round < 2; round++)
      for (let d = -1000; d < 24_000; d += 1)
        if (formatDayUk(d as DayNumber) !== slow(d as DayNumber)) wrong.push(d);
    expect(wrong).toEqual([]);
  });

  test("flat gives its text back unchanged", () => {
    const n = Number("12");
    const built = `${n > 5 ? "Red" : "Green"}: forecast ${String(n)}` + " is over";
    expect(flat(built)).toBe("Red: forecast 12 is over");
    expect(flat("")).toBe("");
  });

  test("ragCounts counts as the keyed increment did", () => {
    const a = run([benchGrid(2_000)]);
    const slow = emptyCounts();
    for (const i of a.items) slow[countKey(i.rag.overall)]++;
    expect(ragCounts(a.items)).toEqual(slow);
    expect(a.ragCounts).toEqual(slow);
  });

  test("byYear's item counts are the distinct sheet rows, in order or not, with a sheet name repeated", () => {
    const slowCount = (items: readonly AssessedItem[]) =>
      new Set(items.map((i) => `${i.sheet}!${i.row}`)).size;
    const a = run([
      benchGrid(300),
      programmeSheet([{ ref: "X-1", name: "Other", budget: 10, forecast: 12 }], { name: "Other" }),
    ]);
    const orders: AssessedItem[][] = [
      a.items,
      [...a.items].reverse(),
      [...a.items, ...a.items],
      [...a.items.slice(0, 5), a.items[2]!, ...a.items.slice(5)],
      [a.items[a.items.length - 1]!, ...a.items],
    ];
    for (const items of orders) {
      // No item here has a year: they all fall in one group, "(no year)".
      const rows = byYear(items).rows;
      expect(rows.map((r) => r.key)).toEqual(["(no year)"]);
      expect(rows[0]!.items).toBe(slowCount(items));
    }
  });

  test("exceptions, sorted on keys worked out once, come in exceptionOrder's order", () => {
    const a = run([benchGrid(3_000), benchGrid(500, "serial", 9)].map((g, k) => ({ ...g, name: `S${k}` })));
    const slow = a.items.filter(isException).sort(exceptionOrder);
    expect(slow.length).toBeGreaterThan(100);
    expect(exceptions(a.items)).toEqual(slow);
    const reversed = [...a.items].reverse();
    expect(exceptions(reversed)).toEqual(reversed.filter(isException).sort(exceptionOrder));
  });
});
