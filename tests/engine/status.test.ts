/**
 * An item's status beyond complete (R3-14): a cancelled (withdrawn, not required, stopped) item is not rated,
 * with its status and cell as the reason, its money still counted; an on-hold item is rated as any other, the
 * schedule's reason saying it is on hold.
 */
import { statusHasWord } from "../../src/engine/assess/status";
import { comingUp, exceptions, topRisks } from "../../src/engine/report/exceptions";
import { DEFAULT_RULES, rulesFromJson } from "../../src/engine/rules";
import { grid, programmeSheet, run, runItem, sheetGrid } from "./builders";

/** Overdue at 31/12/2020 (target 31/10/2020, 40% done), over budget by 20%, with a high risk. */
const overdue = {
  ref: "P7",
  name: "Library self-service kiosks",
  budget: 100000,
  spent: 60000,
  forecast: 120000,
  start: "2020-04-01",
  end: "2020-10-31",
  progress: "40%",
  likelihood: 5,
  impact: 5,
};

describe("cancelled items", () => {
  test.each(["Cancelled", "withdrawn", "Not required", "Stopped", "Closed - not required", "CANCELED "])(
    "status %j: every rating Not assessed, with the status and its cell as the reason",
    (status) => {
      const { item } = runItem({ ...overdue, status });
      expect(item.rag).toMatchObject({
        budget: "Not assessed",
        schedule: "Not assessed",
        risk: "Not assessed",
        computed: "Not assessed",
        overall: "Not assessed",
      });
      expect(item.reasons.map((r) => r.text)).toEqual([
        `Not assessed: cancelled (status "${status.trim()}" in 'Programme of Works'!L4), so not rated; its money still counts in the totals`,
      ]);
      expect(item.reasons.map((r) => r.text).join(" ")).not.toMatch(/overdue|over budget/);
    },
  );

  test("its money still counts in every total, and its variance is still worked out", () => {
    const live = { ...overdue, ref: "P8", status: "In progress", forecast: 100000 };
    const a = run([programmeSheet([{ ...overdue, status: "Cancelled" }, live])]);
    expect(a.items[0]!.variance).toBe(2000000);
    expect(a.totals.budget).toBe(20000000);
    expect(a.totals.spent).toBe(12000000);
    expect(a.totals.forecast).toBe(22000000);
    expect(a.ragCounts["Not assessed"]).toBe(1);
    expect(a.ragCounts.Red).toBe(1);
  });

  test("left out of the exceptions, Coming up and the top risks", () => {
    const dueSoon = { ...overdue, end: "2021-02-28", forecast: 100000, progress: "10%" };
    const a = run([
      programmeSheet([
        { ...overdue, status: "Cancelled" },
        { ...dueSoon, ref: "P9", status: "Withdrawn" },
        { ...overdue, ref: "P10", status: "In progress" },
      ]),
    ]);
    expect(exceptions(a.items).map((i) => i.ref)).toEqual(["P10"]);
    expect(comingUp(a).items).toEqual([]);
    expect(topRisks(a).map((i) => i.ref)).toEqual(["P10"]);
  });

  test("an override is not used for a cancelled item, and the reason says so", () => {
    const a = run([
      grid(
        sheetGrid(
          ["Ref", "Project", "Budget (£)", "Forecast outturn (£)", "Target date", "Status", "PM RAG", "RAG"],
          ["ICT-01", "Laptop refresh", 120000, 131000, "31/10/2020", "Cancelled", "Green", ""],
        ),
      ),
    ]);
    const item = a.items[0]!;
    expect(item.rag).toMatchObject({ override: null, overall: "Not assessed" });
    expect(item.reasons[0]!.text).toMatch(/'Programme of Works'!F2\), .*; the override "Green" is not used$/);
    expect(exceptions(a.items)).toEqual([]);
  });

  test("a closed (complete) item is still Complete, and an item merely closing is rated", () => {
    expect(runItem({ ...overdue, forecast: 100000, status: "Closed" }).item.rag.overall).toBe("Complete");
    expect(runItem({ ...overdue, status: "Closing down" }).item.rag.schedule).toBe("Red");
  });

  test("the words are rules: rules.json may change them", () => {
    const r = rulesFromJson({ schedule: { cancelledStatuses: ["Scrapped"] } });
    if (!r.ok) throw new Error(r.errors.join("; "));
    expect(runItem({ ...overdue, status: "Scrapped" }, undefined, { rules: r.rules }).item.rag.overall).toBe(
      "Not assessed",
    );
    expect(runItem({ ...overdue, status: "Cancelled" }, undefined, { rules: r.rules }).item.rag.overall).toBe(
      "Red",
    );
    expect(rulesFromJson({ schedule: { onHoldStatuses: "paused" } })).toMatchObject({ ok: false });
  });

  test("whole words only", () => {
    const words = DEFAULT_RULES.schedule.cancelledStatuses;
    expect(statusHasWord("Uncancelled", words)).toBe(false);
    expect(statusHasWord("Stopped (funding withdrawn)", words)).toBe(true);
    expect(statusHasWord("Non-stopped", words)).toBe(true);
    expect(statusHasWord("In progress", words)).toBe(false);
  });
});

describe("items on hold", () => {
  test("rated as now, the schedule's reason saying it is on hold", () => {
    const { item } = runItem({ ...overdue, status: "On hold" });
    expect(item.rag).toMatchObject({ schedule: "Red", budget: "Red", overall: "Red" });
    const schedule = item.reasons.filter((r) => r.dimension === "schedule").map((r) => r.text);
    expect(schedule).toEqual([
      `Red: overdue: the target date 31/10/2020 has passed (61 days before 31/12/2020) at 40% complete; on hold (status "On hold" in 'Programme of Works'!L4)`,
    ]);
  });

  test("a Green schedule on hold gets a reason saying so", () => {
    const { item } = runItem({
      ...overdue,
      forecast: 100000,
      end: "2021-06-30",
      progress: "70%",
      status: "Paused",
    });
    expect(item.rag.schedule).toBe("Green");
    expect(item.reasons.filter((r) => r.dimension === "schedule").map((r) => r.text)).toEqual([
      `Green: on hold (status "Paused" in 'Programme of Works'!L4)`,
    ]);
  });
});
