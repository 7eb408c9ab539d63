/**
 * The rule registry: every dimension-aware part of the engine and the pane is derived from the list of rated
 * dimensions (src/engine/assess/dimensions.ts). These tests pin what the three of today derive to, and show that
 * a dimension added to the list (here a test-only "Governance" dimension) flows into the item's RAGs, the overall
 * rating, rules.json, the pane's form, the --json output, the report's columns and the RAG History without an
 * edit anywhere else.
 */
import type { RatedDimension } from "../../src/engine/assess/dimension";
import type * as DimensionsModule from "../../src/engine/assess/dimensions";
import type * as JsonModule from "../../src/engine/json";
import type * as HistoryModule from "../../src/engine/report/history";
import type * as HistoryLayoutModule from "../../src/engine/report/history-layout";
import type * as RulesModule from "../../src/engine/rules";
import type * as WritePlanModule from "../../src/engine/write-plan";
import type * as ReadSheetModule from "../../src/engine/read/sheet";
import type * as FormModule from "../../src/taskpane/state/rules-form";
import type * as BuildersModule from "./builders";
import { defineDimension } from "../../src/engine/assess/dimension";
import { DIMENSIONS } from "../../src/engine/assess/dimensions";
import { overallRag } from "../../src/engine/assess/item";
import type { CellValue } from "../../src/engine/grid";
import { toJsonReport } from "../../src/engine/json";
import type { AssessedItem } from "../../src/engine/model";
import type { Pence } from "../../src/engine/money";
import { pence } from "../../src/engine/money";
import { HISTORY_HEADERS } from "../../src/engine/report/history";
import { DEFAULT_RULES, rulesFromJson, rulesToJson } from "../../src/engine/rules";
import { formToRules, rulesToForm } from "../../src/taskpane/state/rules-form";
import { run, runItem, programmeSheet } from "./builders";

const ENGINE = "../../src/engine";

describe("the registry of today", () => {
  test("three dimensions, in the order they are shown", () => {
    expect(DIMENSIONS.map((d) => [d.key, d.label])).toEqual([
      ["budget", "Budget"],
      ["schedule", "Schedule"],
      ["risk", "Risk"],
    ]);
    expect(DIMENSIONS.filter((d) => "completes" in d && d.completes).map((d) => d.key)).toEqual(["schedule"]);
  });

  test("an item's RAGs: one per dimension, then computed, override and overall, in that order", () => {
    const { item } = runItem({ budget: 100, forecast: 100 });
    expect(Object.keys(item.rag)).toEqual(["budget", "schedule", "risk", "computed", "override", "overall"]);
  });

  test("the default rules are each dimension's own defaults", () => {
    for (const d of DIMENSIONS) expect(DEFAULT_RULES[d.key]).toEqual(d.rules.defaults);
    // A copy, so changing the rules never changes a module's defaults.
    expect(DEFAULT_RULES.schedule.completeStatuses).not.toBe(DIMENSIONS[1].rules.defaults.completeStatuses);
  });

  test("rules.json: each dimension's settings, in their order, and nothing else", () => {
    const json = rulesToJson(DEFAULT_RULES);
    expect(Object.keys(json)).toEqual(["budget", "schedule", "risk", "useOverride", "programme"]);
    for (const d of DIMENSIONS) expect(Object.keys(json[d.key]!)).toEqual(d.rules.settings.map((s) => s.key));
    const bad = rulesFromJson({ risk: { greenMax: 3, redMax: 20 }, schedule: { constructor: 1 } });
    expect(bad).toEqual({
      ok: false,
      errors: ['unknown setting "schedule.constructor"', 'unknown setting "risk.redMax"'],
    });
  });

  test("the History's columns: the first version's, the later ones, in the order written", () => {
    expect(HISTORY_HEADERS).toEqual([
      "Quarter",
      "Reporting date",
      "Sheet",
      "Ref",
      "Name",
      "Budget",
      "Forecast",
      "Budget RAG",
      "Schedule RAG",
      "Risk RAG",
      "Overall RAG",
      "Spent",
      "Committed",
      "Variance",
      "% complete",
      "Computed RAG",
      "Override",
      "Delivery RAG",
      "Level",
      "Period",
    ]);
  });

  test("the --json item: the fixed keys around each dimension's own fields, in the documented order", () => {
    const a = run([programmeSheet([{ ref: "A1", name: "A", budget: 100, forecast: 120 }])]);
    expect(Object.keys(toJsonReport(a).items[0]!)).toEqual([
      "sheet",
      "row",
      "ref",
      "id",
      "name",
      "theme",
      "owner",
      "budget",
      "spent",
      "committed",
      "forecast",
      "variance",
      "variancePct",
      "statedVariance",
      "statedForecast",
      "years",
      "profiledToDate",
      "start",
      "end",
      "progress",
      "plannedProgress",
      "likelihood",
      "impact",
      "riskScore",
      "ratings",
      "overrideFrom",
      "parts",
      "rag",
      "reasons",
      "previous",
      "status",
      "cancelled",
      "onHold",
      "ratedRiskScore",
    ]);
  });

  test("the pane's form has every dimension's fields, and reads them back to the same rules", () => {
    const form = rulesToForm(DEFAULT_RULES);
    for (const d of DIMENSIONS) for (const f of d.form.fields) expect(form).toHaveProperty(f.id);
    expect(formToRules(form, DEFAULT_RULES)).toEqual({
      ok: true,
      rules: DEFAULT_RULES,
      programme: expect.anything(),
    });
  });

  test("one worst-of: the overall rating from any dimensions' ratings", () => {
    expect(overallRag({ budget: "Green", schedule: "Amber", risk: "Not assessed" })).toBe("Amber");
    expect(overallRag({ budget: "Amber", schedule: "Complete", risk: "Red" })).toBe("Complete");
  });
});

/** A test-only dimension: governance, Amber when an item has no owner, Red when it has none and a large budget. */
interface GovernanceRules {
  requireOwner: boolean;
  redBudget: Pence;
}
const GOVERNANCE = defineDimension({
  key: "governance",
  label: "Governance",
  fields: ["owner", "budget"],
  rules: {
    defaults: { requireOwner: true, redBudget: pence(50_000_00) } as GovernanceRules,
    settings: [
      { key: "requireOwner", kind: "boolean" },
      { key: "redBudget", kind: "money", min: 0, max: 1e12 },
    ],
  },
  form: {
    legend: "Governance",
    fields: [
      {
        id: "governanceRedBudget",
        setting: "redBudget",
        label: "Red without an owner from (£)",
        kind: "money",
        amountName: "Red budget",
      },
    ],
  },
  assess(item: AssessedItem, { rules }) {
    if (!rules.requireOwner || item.owner) return { rag: "Green", reason: null };
    const red = item.budget !== null && item.budget >= rules.redBudget;
    return {
      rag: red ? "Red" : "Amber",
      reason: `${red ? "Red" : "Amber"}: no owner`,
      notes: [{ field: "owner", message: "no owner: governance is rated on that" }],
    };
  },
  json: (i: AssessedItem) => ({ owned: i.owner !== null }),
});

describe("a dimension added to the registry, and nothing else", () => {
  type Engine = {
    json: typeof JsonModule;
    rules: typeof RulesModule;
    history: typeof HistoryModule;
    historyLayout: typeof HistoryLayoutModule;
    writePlan: typeof WritePlanModule;
    form: typeof FormModule;
    builders: typeof BuildersModule;
    read: typeof ReadSheetModule;
  };
  let e: Engine;
  beforeAll(() => {
    jest.isolateModules(() => {
      jest.doMock(`${ENGINE}/assess/dimensions`, () => {
        const real = jest.requireActual<typeof DimensionsModule>(`${ENGINE}/assess/dimensions`);
        return { DIMENSIONS: [...real.DIMENSIONS, GOVERNANCE as RatedDimension<"governance">] };
      });
      /* eslint-disable @typescript-eslint/no-require-imports */
      e = {
        json: require(`${ENGINE}/json`),
        rules: require(`${ENGINE}/rules`),
        history: require(`${ENGINE}/report/history`),
        historyLayout: require(`${ENGINE}/report/history-layout`),
        writePlan: require(`${ENGINE}/write-plan`),
        form: require("../../src/taskpane/state/rules-form"),
        builders: require("./builders"),
        read: require(`${ENGINE}/read/sheet`),
      };
      /* eslint-enable @typescript-eslint/no-require-imports */
    });
  });
  afterAll(() => jest.dontMock(`${ENGINE}/assess/dimensions`));

  const sheet = () =>
    e.builders.programmeSheet([
      { ref: "A1", name: "Owned", owner: "Sam", budget: 100_000, forecast: 100_000 },
      { ref: "B2", name: "Unowned, large", budget: 100_000, forecast: 100_000 },
      { ref: "C3", name: "Unowned, small", budget: 10_000, forecast: 10_000 },
    ]);

  test("the item's RAGs, its reasons, its warnings and the overall rating carry it", () => {
    const a = e.builders.run([sheet()]);
    const [owned, large, small] = a.items as (AssessedItem & { rag: { governance: string } })[];
    expect(Object.keys(owned!.rag)).toEqual([
      "budget",
      "schedule",
      "risk",
      "governance",
      "computed",
      "override",
      "overall",
    ]);
    expect([owned!.rag.governance, large!.rag.governance, small!.rag.governance]).toEqual([
      "Green",
      "Red",
      "Amber",
    ]);
    // Green on budget, schedule and risk not assessed: the new dimension makes the overall.
    expect([owned!.rag.overall, large!.rag.overall, small!.rag.overall]).toEqual(["Green", "Red", "Amber"]);
    expect(large!.reasons).toContainEqual({ dimension: "governance", rag: "Red", text: "Red: no owner" });
    expect(a.issues).toContainEqual(
      expect.objectContaining({ cell: "D5", message: "no owner: governance is rated on that" }),
    );
  });

  test("an item as read, before any rule is applied, is Not assessed in it too", () => {
    expect((e.read.readSheet(sheet())!.items[0] as AssessedItem).rag).toEqual({
      budget: "Not assessed",
      schedule: "Not assessed",
      risk: "Not assessed",
      governance: "Not assessed",
      computed: "Not assessed",
      override: null,
      overall: "Not assessed",
    });
  });

  test("rules.json reads, checks and writes its settings", () => {
    const read = e.rules.rulesFromJson({ governance: { requireOwner: false, redBudget: 1000 } });
    expect(read.ok && read.rules).toMatchObject({ governance: { requireOwner: false, redBudget: 1000_00 } });
    expect(e.rules.rulesFromJson({ governance: { requireOwner: "yes", owner: 1 } })).toEqual({
      ok: false,
      errors: ['unknown setting "governance.owner"', "governance.requireOwner must be true or false"],
    });
    expect(e.rules.rulesToJson(e.rules.DEFAULT_RULES)).toMatchObject({
      governance: { requireOwner: true, redBudget: 50_000 },
    });
    const relaxed = e.rules.rulesFromJson({ governance: { requireOwner: false } });
    if (!relaxed.ok) throw new Error(relaxed.errors.join("; "));
    const a = e.builders.run([sheet()], "2020-12-31", { rules: relaxed.rules });
    expect(a.items.map((i) => i.rag.overall)).toEqual(["Green", "Green", "Green"]);
  });

  test("the pane's form shows its field and reads it back", () => {
    const form = e.form.rulesToForm(e.rules.DEFAULT_RULES) as unknown as Record<string, string>;
    expect(form.governanceRedBudget).toBe("£50,000");
    const back = e.form.formToRules(
      { ...form, governanceRedBudget: "£20,000" } as never,
      e.rules.DEFAULT_RULES,
    );
    expect(back.ok && back.rules).toMatchObject({ governance: { redBudget: 20_000_00 } });
    expect(
      e.form.formToRules({ ...form, governanceRedBudget: "lots" } as never, e.rules.DEFAULT_RULES),
    ).toEqual({
      ok: false,
      errors: { governanceRedBudget: expect.stringContaining("is not an amount") },
    });
  });

  test("--json: its rating in rag, its fields after the others', its reason", () => {
    const j = e.json.toJsonReport(e.builders.run([sheet()]));
    const item = j.items[1]! as unknown as Record<string, unknown> & { rag: Record<string, string> };
    expect(item.rag.governance).toBe("Red");
    const keys = Object.keys(item);
    expect(keys.slice(keys.indexOf("riskScore"), keys.indexOf("ratings") + 1)).toEqual([
      "riskScore",
      "owned",
      "ratings",
    ]);
    expect(item.owned).toBe(false);
    expect(item.reasons).toContain("Red: no owner");
  });

  test("the History gains its column after the older ones, reads an older sheet and tracks its trend", () => {
    const { HISTORY_HEADERS: headers, HISTORY_HEADERS_V1, readHistory } = e.history;
    const { historyLayout, mergeHistory } = e.historyLayout;
    expect(headers.slice(-2)).toEqual(["Period", "Governance RAG"]);
    const q2 = e.builders.run([sheet()], "2020-09-30", {
      rules: { ...e.rules.DEFAULT_RULES, governance: { requireOwner: false, redBudget: pence(0) } } as never,
    });
    const layout = historyLayout(mergeHistory([], q2));
    const back = readHistory({
      name: "RAG History",
      visible: true,
      rowOffset: 0,
      colOffset: 0,
      values: layout.values as CellValue[][],
    });
    expect(back.map((r) => (r as unknown as Record<string, string>).governanceRag)).toEqual([
      "Green",
      "Green",
      "Green",
      "",
    ]);
    // A sheet written before the dimension existed reads with the rating blank.
    const old = readHistory({
      name: "RAG History",
      visible: true,
      rowOffset: 0,
      colOffset: 0,
      values: [
        [...HISTORY_HEADERS_V1],
        ...(layout.values.slice(1, 2) as CellValue[][]).map((r) => r.slice(0, 11)),
      ],
    });
    expect(old).toHaveLength(1);
    expect((old[0] as unknown as Record<string, string>).governanceRag).toBe("");
    // The trend since Q2 names the dimension that changed.
    const q3 = e.builders.run([sheet()]);
    const trend = e.writePlan.trendFromHistory(q3, {
      name: "RAG History",
      visible: true,
      rowOffset: 0,
      colOffset: 0,
      values: layout.values as CellValue[][],
    });
    expect(trend!.items[1]!.changes.map((c) => `${c.dimension} ${c.from} → ${c.to}`)).toEqual([
      "Governance Green → Red",
      "Overall Green → Red",
    ]);
  });

  test("the report's exceptions table has its column after Risk", () => {
    const plan = e.writePlan.buildWritePlan(e.builders.run([sheet()]), {
      mode: "report",
      generatedAt: 44196.5,
    });
    const report = plan.sheets.find((s) => s.role === "highlight")!;
    const header = report.values.find((r) => r[0] === "Ref" && r[1] === "Project" && r[3] === "Budget")!;
    expect(header.slice(3, 9)).toEqual(["Budget", "Schedule", "Risk", "Governance", "Computed", "Reported"]);
    const b2 = report.values.find((r) => r[0] === "B2" && r[1] === "Unowned, large")!;
    expect(b2.slice(3, 9)).toEqual(["Green", "Not assessed", "Not assessed", "Red", "Red", "Red"]);
    expect(report.columnWidths).toHaveLength(12);
  });
});

describe("a dimension's words come from its module alone", () => {
  // The three of today relabelled in their modules only: the History's and the report's headers follow.
  const LABELS: Record<string, string> = { budget: "Cost", schedule: "Timescale", risk: "Exposure" };
  let e: {
    history: typeof HistoryModule;
    historyLayout: typeof HistoryLayoutModule;
    writePlan: typeof WritePlanModule;
    builders: typeof BuildersModule;
  };
  beforeAll(() => {
    jest.isolateModules(() => {
      jest.doMock(`${ENGINE}/assess/dimensions`, () => {
        const real = jest.requireActual<typeof DimensionsModule>(`${ENGINE}/assess/dimensions`);
        return { DIMENSIONS: real.DIMENSIONS.map((d) => ({ ...d, label: LABELS[d.key]! })) };
      });
      /* eslint-disable @typescript-eslint/no-require-imports */
      e = {
        history: require(`${ENGINE}/report/history`),
        historyLayout: require(`${ENGINE}/report/history-layout`),
        writePlan: require(`${ENGINE}/write-plan`),
        builders: require("./builders"),
      };
      /* eslint-enable @typescript-eslint/no-require-imports */
    });
  });
  afterAll(() => jest.dontMock(`${ENGINE}/assess/dimensions`));

  test("the History's rating columns, the first version's included, are '<Label> RAG'", () => {
    expect(e.history.HISTORY_HEADERS.slice(7, 11)).toEqual([
      "Cost RAG",
      "Timescale RAG",
      "Exposure RAG",
      "Overall RAG",
    ]);
    expect(e.history.HISTORY_HEADERS_V1.slice(7)).toEqual([
      "Cost RAG",
      "Timescale RAG",
      "Exposure RAG",
      "Overall RAG",
    ]);
  });

  test("the report names the budget and schedule ratings by their labels", () => {
    const sheet = e.builders.programmeSheet([
      { ref: "A1", name: "Laptops", budget: 100_000, forecast: 120_000, end: 44300 },
    ]);
    const q2 = e.builders.run([sheet], "2020-09-30");
    const history = e.historyLayout.historyLayout(e.historyLayout.mergeHistory([], q2));
    const plan = e.writePlan.buildWritePlan(e.builders.run([sheet]), {
      mode: "report",
      generatedAt: 44196.5,
      history: {
        name: "RAG History",
        visible: true,
        rowOffset: 0,
        colOffset: 0,
        values: history.values as CellValue[][],
      },
    });
    const cells = plan.sheets.find((s) => s.role === "highlight")!.values.flat();
    expect(cells).toContain("Cost RAG");
    expect(cells).toContain("Cost RAG then");
    expect(cells).toContain("Cost RAG now");
    expect(cells).toContain("Cost reason now");
    const comingUp = plan.sheets
      .find((s) => s.role === "highlight")!
      .values.find((r) => r[4] === "Target date" && r[5] === "% complete")!;
    expect(comingUp[6]).toBe("Timescale");
    expect(cells.filter((v) => typeof v === "string" && /^(Budget|Schedule) RAG/.test(v))).toEqual([]);
  });
});
