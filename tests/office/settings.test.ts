/**
 * Rules, allocation and reporting date saved in the workbook: the round trip through Excel's settings, what scan
 * returns, and the ribbon's refresh using them (or the defaults: the last day of the previous month).
 */
import type { SavedSettings } from "../../src/app/operations";
import { SETTINGS_KEY, settingsFromJson, settingsToJson } from "../../src/adapters/office/settings";
import { DEFAULT_ALLOCATION } from "../../src/engine/analyse";
import { dayFromYmd } from "../../src/engine/dates";
import { columnLetters } from "../../src/engine/grid";
import { pence } from "../../src/engine/money";
import { DEFAULT_RULES } from "../../src/engine/rules";
import type { Rules } from "../../src/engine/rules";
import { snapshotCells } from "../../tools/excel-sim/excel-model";
import type { WorkbookModel } from "../../tools/excel-sim/excel-model";
import { SAMPLE, fakeOf, input, modelOf, opsOf } from "./support";

const STRICT: Rules = {
  ...DEFAULT_RULES,
  budget: { ...DEFAULT_RULES.budget, redPercent: 1 },
  risk: { greenMax: 2, redMin: 6 },
  schedule: { ...DEFAULT_RULES.schedule, completeStatuses: ["complete", "signed off"] },
};
const SAVED: SavedSettings = {
  rules: STRICT,
  allocation: pence(950_000_00),
  reportingDate: dayFromYmd(2020, 9, 30),
};

function ragColumn(model: WorkbookModel, sheet: string, col: number): unknown[] {
  return Object.values(snapshotCells(model))
    .filter((c) => c.sheet === sheet && c.address.replace(/\d+$/, "") === columnLetters(col))
    .map((c) => [c.address, c.value, c.fill]);
}

test("saved settings are stored as JSON in pounds with a version, and read back the same", async () => {
  const model = await modelOf(SAMPLE);
  const ops = opsOf(fakeOf(model));
  await ops.saveSettings(SAVED);
  const stored = model.getSetting(SETTINGS_KEY) as Record<string, unknown>;
  expect(stored).toMatchObject({ version: 1, allocation: 950_000, reportingDate: "2020-09-30" });
  expect(stored.rules).toMatchObject({ risk: { greenMax: 2, redMin: 6 }, budget: { redPercent: 1 } });
  const { settings, analysis } = await ops.scan();
  expect(settings).toEqual(SAVED);
  // scan analyses with the saved settings unless told otherwise.
  expect(analysis.allocation).toBe(SAVED.allocation);
  expect(analysis.reportingDate).toBe(SAVED.reportingDate);
  const other = await ops.scan({ allocation: pence(1_000_00) });
  expect(other.analysis.allocation).toBe(1_000_00);
});

test("unreadable or newer settings are not half-used", () => {
  expect(settingsFromJson(null)).toEqual({ kind: "none" });
  expect(settingsFromJson("{not json")).toMatchObject({ kind: "unreadable" });
  expect(settingsFromJson({ version: 2, rules: {}, allocation: 1 })).toMatchObject({
    kind: "unreadable",
    problem: expect.stringMatching(/version 2/),
  });
  expect(settingsFromJson({ version: 1, rules: { risk: { greenMax: 30 } }, allocation: 1 })).toMatchObject({
    kind: "unreadable",
    problem: expect.stringMatching(/risk.greenMax/),
  });
  expect(
    settingsFromJson({ version: 1, rules: {}, allocation: 1, reportingDate: "31/12/2020" }),
  ).toMatchObject({ kind: "unreadable", problem: expect.stringMatching(/reporting date "31\/12\/2020"/) });
  // Settings saved before the reporting date was kept still read (the default date then applies).
  const old = settingsFromJson({ version: 1, rules: {}, allocation: 1 });
  expect(old).toMatchObject({ kind: "ok" });
  expect(old.kind === "ok" && "reportingDate" in old.settings).toBe(false);
  // JSON text (as another client may store it) is read too.
  expect(settingsFromJson(JSON.stringify(settingsToJson(SAVED)))).toEqual({ kind: "ok", settings: SAVED });
});

test("the ribbon's refresh uses the saved rules and reporting date, as the pane would with the same inputs", async () => {
  const viaRibbon = await modelOf(SAMPLE);
  const ribbonOps = opsOf(fakeOf(viaRibbon));
  await ribbonOps.saveSettings(SAVED);
  const r = await ribbonOps.refreshWithSavedSettings();
  expect(r.analysis.reportingDate).toBe(SAVED.reportingDate); // not NOW (4 January 2021)
  expect(r.analysis.allocation).toBe(SAVED.allocation);

  const viaPane = await modelOf(SAMPLE);
  await opsOf(fakeOf(viaPane)).refreshRag({ ...input(), ...SAVED, reportingDate: SAVED.reportingDate! });
  const viaDefaults = await modelOf(SAMPLE);
  await opsOf(fakeOf(viaDefaults)).refreshRag(input("2020-09-30"));

  const col = r.analysis.sheets[0]!.ragColumn.col;
  const sheet = r.analysis.sheets[0]!.name;
  expect(ragColumn(viaRibbon, sheet, col)).toEqual(ragColumn(viaPane, sheet, col));
  // The saved (stricter) rules make a difference, so the comparison above shows they were used.
  expect(ragColumn(viaRibbon, sheet, col)).not.toEqual(ragColumn(viaDefaults, sheet, col));
});

test("with no saved settings the ribbon's refresh uses the defaults: the last day of the previous month, not today", async () => {
  const viaRibbon = await modelOf(SAMPLE);
  const r = await opsOf(fakeOf(viaRibbon)).refreshWithSavedSettings();
  expect(r.analysis.allocation).toBe(input().allocation);
  expect(r.analysis.reportingDate).toBe(dayFromYmd(2020, 12, 31)); // NOW is 4 January 2021
  const viaPane = await modelOf(SAMPLE);
  await opsOf(fakeOf(viaPane)).refreshRag(input("2020-12-31"));
  const { name, ragColumn: rag } = r.analysis.sheets[0]!;
  expect(ragColumn(viaRibbon, name, rag.col)).toEqual(ragColumn(viaPane, name, rag.col));
});

test("settings saved before the reporting date was kept: the ribbon uses their rules and the default date", async () => {
  const model = await modelOf(SAMPLE);
  model.setSetting(SETTINGS_KEY, { version: 1, rules: settingsToJson(SAVED).rules, allocation: 950_000 });
  const r = await opsOf(fakeOf(model)).refreshWithSavedSettings();
  expect(r.analysis.allocation).toBe(SAVED.allocation);
  expect(r.analysis.reportingDate).toBe(dayFromYmd(2020, 12, 31));
});

test("the programme's name and period are saved with the rules and read back; older settings have none", () => {
  const programme = {
    name: "Digital Council 2022-25",
    start: dayFromYmd(2022, 4, 1),
    end: dayFromYmd(2025, 3, 31),
  };
  const json = settingsToJson({ rules: DEFAULT_RULES, allocation: DEFAULT_ALLOCATION, programme });
  expect(json.rules.programme).toMatchObject({
    name: "Digital Council 2022-25",
    start: "2022-04-01",
    end: "2025-03-31",
  });
  expect(settingsFromJson(json)).toEqual({
    kind: "ok",
    settings: { rules: DEFAULT_RULES, allocation: DEFAULT_ALLOCATION, programme },
  });
  const old = settingsToJson({ rules: DEFAULT_RULES, allocation: DEFAULT_ALLOCATION });
  expect(settingsFromJson(old)).toEqual({
    kind: "ok",
    settings: { rules: DEFAULT_RULES, allocation: DEFAULT_ALLOCATION },
  });
});
