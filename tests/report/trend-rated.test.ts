/**
 * A move to or from Not assessed is neither better nor worse (truth3, item 2): an item Red last quarter and
 * cancelled now is "no longer rated", not "improved"; an item not rated last quarter and rated now is "newly
 * rated", not "improved" or "worse". Counted apart and named in the report, the CLI summary and --json.
 */
import { summaryLines } from "../../src/cli/summary";
import { toJsonReport } from "../../src/engine/json";
import { highlightLayout } from "../../src/engine/report/highlight";
import { previousSnapshot } from "../../src/engine/report/history";
import { mergeHistory } from "../../src/engine/report/history-layout";
import { computeTrend } from "../../src/engine/report/trend";
import { programmeSheet, run } from "../engine/builders";

/** Overdue at 30/09/2020 and at 31/12/2020 (target 31/08/2020, 40% done): Red. */
const late = {
  budget: 100000,
  spent: 60000,
  forecast: 100000,
  start: "2020-04-01",
  end: "2020-08-31",
  progress: "40%",
};
/** Within budget, due 2022, on plan: Green. */
const fine = {
  budget: 100000,
  spent: 10000,
  forecast: 100000,
  start: "2020-04-01",
  end: "2022-03-31",
  progress: "40%",
};

function quarters() {
  const q2 = run(
    [
      programmeSheet([
        { ...late, ref: "LIB-07", name: "Library kiosks", status: "In progress" },
        { ...fine, ref: "LIB-08", name: "Library wifi", budget: "tbc" },
        { ...fine, ref: "LIB-09", name: "Library app", forecast: 130000 },
      ]),
    ],
    "2020-09-30",
  );
  const q3 = run(
    [
      programmeSheet([
        { ...late, ref: "LIB-07", name: "Library kiosks", status: "Withdrawn" },
        { ...fine, ref: "LIB-08", name: "Library wifi" },
        { ...fine, ref: "LIB-09", name: "Library app" },
      ]),
    ],
    "2020-12-31",
  );
  const previous = previousSnapshot(mergeHistory([], q2), q3);
  return { q2, q3, previous, trend: computeTrend(q3, previous)! };
}

test("the ratings the case rests on: Red → Not assessed, Not assessed → Green, Red → Green", () => {
  const { q2, q3 } = quarters();
  expect(q2.items.map((i) => i.rag.overall)).toEqual(["Red", "Not assessed", "Red"]);
  expect(q3.items.map((i) => i.rag.overall)).toEqual(["Not assessed", "Green", "Green"]);
});

test("only a move between ratings is improved; to or from Not assessed is counted apart", () => {
  const { trend } = quarters();
  expect(trend.improved.map((x) => x.item.ref)).toEqual(["LIB-09"]);
  expect(trend.worsened).toEqual([]);
  expect(trend.noLongerRated.map((x) => x.item.ref)).toEqual(["LIB-07"]);
  expect(trend.newlyRated.map((x) => x.item.ref)).toEqual(["LIB-08"]);
});

test("the report names them apart from the improved items", () => {
  const { q3, previous } = quarters();
  const lines = highlightLayout(q3, { previous }).values.map((r) =>
    r.filter((v) => v !== null && v !== "").join(" | "),
  );
  expect(lines).toContain("Improved since Q2 2020/21 (1)");
  expect(lines).toContain(
    "No longer rated or newly rated since Q2 2020/21 (1 no longer rated, 1 newly rated)",
  );
  const kiosks = lines.find((l) => l.startsWith("LIB-07 | Library kiosks"))!;
  expect(kiosks).toMatch(
    /^LIB-07 \| Library kiosks \| Red \| Not assessed \| No longer rated \| Not assessed: cancelled \(status "Withdrawn"/,
  );
  const wifi = lines.find((l) => l.startsWith("LIB-08 | Library wifi"))!;
  expect(wifi).toMatch(
    /^LIB-08 \| Library wifi \| Not assessed \| Green \| Newly rated \| Every dimension assessed is within the rules.$/,
  );
});

test("the CLI summary and --json count them apart, and each item's previous says which", () => {
  const { q3, trend } = quarters();
  const lines = summaryLines(q3, 10, trend);
  expect(
    lines.some((l) =>
      l.endsWith(
        "1 improved, 0 worse, 0 new, 0 closed, 1 no longer rated, 1 newly rated, 0 computed worse behind an override",
      ),
    ),
  ).toBe(true);
  expect(lines).toContain("No longer rated since Q2 2020/21 (neither improved nor worse):");
  expect(lines).toContain(
    `  LIB-07 Library kiosks: Red → Not assessed: cancelled (status "Withdrawn" in 'Programme of Works'!L4), so not rated; its money still counts in the totals`,
  );
  expect(lines).toContain("Newly rated since Q2 2020/21 (neither improved nor worse):");
  const json = toJsonReport(q3, trend);
  expect(json.previous).toMatchObject({ improved: 1, worsened: 0, noLongerRated: 1, newlyRated: 1 });
  expect(json.items.map((i) => i.previous?.direction)).toEqual(["noLongerRated", "newlyRated", "improved"]);
});

test("a list of movers cut at the limit says how many more and where every item's move is", () => {
  const { q3, previous } = quarters();
  const lines = highlightLayout(q3, { previous, exceptionLimit: 1 }).values.map((r) =>
    r.filter((v) => v !== null && v !== "").join(" | "),
  );
  // Two items moved to or from Not assessed; one is listed, the note names the other's place.
  expect(lines).toContain(
    "… and 1 more: the CLI's --json output gives every item's move since then (its previous.direction).",
  );
  expect(lines).not.toContain("… and 1 more.");
});
