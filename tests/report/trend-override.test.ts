/**
 * An override must not hide a computed worsening in the trend (truth3, item 4). The RAG History records each
 * item's computed rating beside the reported one ("Computed RAG"); when the owner's rating (the override) holds
 * the reported rating while the computed rating behind it worsens, the trend says "computed worsened behind an
 * override" in the report, the CLI summary and --json. A history written before the Computed RAG column compares
 * as today: nothing is said.
 */
import { summaryLines } from "../../src/cli/summary";
import { toJsonReport } from "../../src/engine/json";
import { highlightLayout } from "../../src/engine/report/highlight";
import type { HistoryRow } from "../../src/engine/report/history";
import { previousFromHistory, previousSnapshot } from "../../src/engine/report/history";
import { historyLayout, mergeHistory } from "../../src/engine/report/history-layout";
import { computeTrend } from "../../src/engine/report/trend";
import type { ItemRow } from "../engine/builders";
import { STANDARD_HEADER, grid, itemRow, run } from "../engine/builders";

/** The standard sheet with the owner's rating in a "PM RAG" column (an override) after the RAG column. */
function programmeSheet(items: (ItemRow & { pm?: string })[]) {
  return grid([[...STANDARD_HEADER, "PM RAG"], ...items.map((i) => [...itemRow(i), i.pm ?? ""])], {
    name: "Programme of Works",
  });
}

/** Within budget, due 2022, on plan: Green by the rules. */
const fine = {
  budget: 100000,
  spent: 10000,
  forecast: 100000,
  start: "2020-04-01",
  end: "2022-03-31",
  progress: "40%",
};

function quarters(history: (rows: HistoryRow[]) => HistoryRow[] = (r) => r) {
  const q2 = run(
    [
      programmeSheet([
        { ...fine, ref: "GS03", name: "Telephony", pm: "Green" },
        { ...fine, ref: "GS04", name: "Intranet" },
      ]),
    ],
    "2020-09-30",
  );
  // GS03 now over budget by 30%: Red by the rules, the owner's RAG still Green.
  const q3 = run(
    [
      programmeSheet([
        { ...fine, ref: "GS03", name: "Telephony", forecast: 130000, pm: "Green" },
        { ...fine, ref: "GS04", name: "Intranet" },
      ]),
    ],
    "2020-12-31",
  );
  const previous = previousSnapshot(history(mergeHistory([], q2)), q3);
  return { q2, q3, previous, trend: computeTrend(q3, previous)! };
}

test("the case: reported Green both quarters, computed Green → Red", () => {
  const { q2, q3 } = quarters();
  const gs03 = (a: typeof q2) => a.items.find((i) => i.ref === "GS03")!.rag;
  expect([gs03(q2).computed, gs03(q2).overall]).toEqual(["Green", "Green"]);
  expect([gs03(q3).computed, gs03(q3).override, gs03(q3).overall]).toEqual(["Red", "Green", "Green"]);
});

test("the trend says the computed rating worsened behind the override", () => {
  const { trend } = quarters();
  expect(trend.worsened).toEqual([]);
  expect(trend.worseBehindOverride.map((x) => x.item.ref)).toEqual(["GS03"]);
  const x = trend.worseBehindOverride[0]!;
  expect(x.computedChange).toEqual({ dimension: "Computed", from: "Green", to: "Red", direction: "worse" });
});

test("the report: the exception's since-last-quarter cell and a section of their own", () => {
  const { q3, previous } = quarters();
  const values = highlightLayout(q3, { previous })
    .values.flat()
    .filter((v): v is string => typeof v === "string");
  const words = "Computed worsened behind an override: Green → Red (reported Green)";
  expect(values.some((v) => v.split("\n").includes(words))).toBe(true);
  expect(values).toContain("Computed rating worse behind an override since Q2 2020/21 (1)");
});

test("the CLI summary and --json say so", () => {
  const { q3, trend } = quarters();
  const lines = summaryLines(q3, 10, trend);
  expect(lines.some((l) => l.endsWith("0 newly rated, 1 computed worse behind an override"))).toBe(true);
  expect(lines).toContain("Computed rating worse behind an override since Q2 2020/21:");
  expect(lines).toContain(
    "  Green       GS03 Telephony [since Q2 2020/21: Budget Green → Red, Computed worsened behind an override: Green → Red (reported Green)]",
  );
  expect(lines).toContain(
    "  GS03 Telephony: Computed worsened behind an override: Green → Red (reported Green)",
  );
  const json = toJsonReport(q3, trend);
  expect(json.previous!.worseBehindOverride).toBe(1);
  const gs03 = json.items.find((i) => i.ref === "GS03")!.previous!;
  expect([gs03.computed, gs03.worseBehindOverride, gs03.direction]).toEqual(["Green", true, "unchanged"]);
  expect(json.items.find((i) => i.ref === "GS04")!.previous!.worseBehindOverride).toBe(false);
});

test("a history written before the Computed RAG column compares as today: nothing said", () => {
  const { trend } = quarters((rows) => rows.map((r) => ({ ...r, computed: "" })));
  expect(trend.worseBehindOverride).toEqual([]);
  expect(trend.items.every((x) => x.computedChange === null)).toBe(true);
});

describe("through the RAG History sheet, read by its header names", () => {
  const sheetOf = (values: unknown[][]) =>
    grid(
      values.map((r) => r.map((v) => (v === null || v === undefined ? "" : (v as string | number)))),
      { name: "RAG History" },
    );

  test("the sheet the tool writes holds the computed rating, and the trend reads it back", () => {
    const { q2, q3 } = quarters();
    const layout = historyLayout(mergeHistory([], q2));
    expect(layout.values[0]).toContain("Computed RAG");
    const trend = computeTrend(q3, previousFromHistory(sheetOf(layout.values), q3))!;
    expect(trend.worseBehindOverride.map((x) => x.item.ref)).toEqual(["GS03"]);
  });

  test("an old sheet without the Computed RAG column still reads, and compares as today", () => {
    const { q2, q3 } = quarters();
    const values = historyLayout(mergeHistory([], q2)).values;
    const at = values[0]!.indexOf("Computed RAG");
    const old = values.map((r) => r.filter((_, c) => c !== at));
    const previous = previousFromHistory(sheetOf(old), q3)!;
    expect(previous.rows.size).toBe(2);
    const trend = computeTrend(q3, previous)!;
    expect(trend.worseBehindOverride).toEqual([]);
    expect(trend.items.map((x) => x.before?.overall)).toEqual(["Green", "Green"]);
  });
});
