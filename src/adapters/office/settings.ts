/**
 * The rules, allocation and reporting date saved in the workbook (Excel.SettingCollection, ExcelApi 1.4), so the
 * next person who opens it, and the ribbon's "Refresh RAG" command, use the same inputs. Stored as JSON the way
 * rules.json is written (pounds, not pence; the date as "YYYY-MM-DD"), with a version so a later add-in can read
 * what an earlier one saved. The reporting date was added without a new version: version 1 settings without it
 * read as before (the default date applies), and an older add-in ignores it.
 */
import type { SavedSettings } from "../../app/operations";
import { formatDayIso, parseIsoDay } from "../../engine/dates";
import { penceFromPounds, toPounds } from "../../engine/money";
import type { RulesJson } from "../../engine/rules";
import { rulesFromJson, rulesToJson } from "../../engine/rules";

export const SETTINGS_KEY = "programmeRag.settings";
export const SETTINGS_VERSION = 1;

export interface SettingsJson {
  version: number;
  rules: RulesJson;
  /** The allocation in pounds. */
  allocation: number;
  /** The reporting date, "YYYY-MM-DD". */
  reportingDate?: string;
}

export function settingsToJson(settings: SavedSettings): SettingsJson {
  const rules = rulesToJson(settings.rules);
  const p = settings.programme;
  if (p)
    rules.programme = {
      ...rules.programme,
      name: p.name,
      start: formatDayIso(p.start),
      end: formatDayIso(p.end),
    };
  return {
    version: SETTINGS_VERSION,
    rules,
    allocation: toPounds(settings.allocation),
    ...(settings.reportingDate !== undefined ? { reportingDate: formatDayIso(settings.reportingDate) } : {}),
  };
}

export type SettingsRead =
  { kind: "none" } | { kind: "ok"; settings: SavedSettings } | { kind: "unreadable"; problem: string };

/**
 * Reads what settingsToJson saved. Excel gives a setting back as the value stored (an object), but a value
 * saved as JSON text by another client is accepted too. Anything unreadable is reported, never half-used.
 */
export function settingsFromJson(value: unknown): SettingsRead {
  if (value === undefined || value === null) return { kind: "none" };
  let json: unknown = value;
  if (typeof value === "string") {
    try {
      json = JSON.parse(value);
    } catch {
      return { kind: "unreadable", problem: "the saved settings are not valid JSON" };
    }
  }
  if (typeof json !== "object" || json === null || Array.isArray(json))
    return { kind: "unreadable", problem: "the saved settings are not an object" };
  const o = json as Record<string, unknown>;
  if (typeof o.version !== "number" || o.version > SETTINGS_VERSION)
    return {
      kind: "unreadable",
      problem: `the saved settings are version ${String(o.version)}, newer than this add-in reads (${SETTINGS_VERSION})`,
    };
  const r = rulesFromJson({ ...(o.rules as object), allocation: o.allocation });
  if (!r.ok) return { kind: "unreadable", problem: r.errors.join("; ") };
  if (r.allocation === null) return { kind: "unreadable", problem: "the saved settings have no allocation" };
  const settings: SavedSettings = { rules: r.rules, allocation: penceFromPounds(r.allocation) };
  if (o.reportingDate !== undefined) {
    const day = typeof o.reportingDate === "string" ? parseIsoDay(o.reportingDate) : null;
    if (day === null)
      return {
        kind: "unreadable",
        problem: `the saved reporting date ${JSON.stringify(o.reportingDate)} is not a date as YYYY-MM-DD`,
      };
    settings.reportingDate = day;
  }
  const start = r.details.start ? parseIsoDay(r.details.start) : null;
  const end = r.details.end ? parseIsoDay(r.details.end) : null;
  if (r.details.name && start !== null && end !== null)
    settings.programme = { name: r.details.name, start, end };
  return { kind: "ok", settings };
}
