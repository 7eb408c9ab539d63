/**
 * The settings the add-in saves in the workbook (under SETTINGS_KEY: rules, allocation, programme details and
 * the reporting date, as JSON), validated in one place for the pane and the command line, so both accept and
 * refuse the same values. Pure: the Office adapter gets the value from Excel's settings, the file adapter from
 * the package's web extension part (xl/webextensions/webextension*.xml).
 */
import type { DayNumber } from "./dates";
import { parseIsoDay } from "./dates";
import type { Pence } from "./money";
import { penceFromPounds } from "./money";
import type { Rules } from "./rules";
import { rulesFromJson } from "./rules";

export const SETTINGS_KEY = "programmeRag.settings";
export const SETTINGS_VERSION = 1;

/** The same shape as the app's SavedSettings (src/app/operations.ts). */
export interface WorkbookSettings {
  rules: Rules;
  allocation: Pence;
  reportingDate?: DayNumber;
  programme?: { name: string; start: DayNumber; end: DayNumber };
}

export type SettingsRead =
  { kind: "none" } | { kind: "ok"; settings: WorkbookSettings } | { kind: "unreadable"; problem: string };

/**
 * Reads what the add-in saved. Excel gives a setting back as the value stored (an object), but a value saved as
 * JSON text (as the file holds it) is accepted too. Anything unreadable is reported, never half-used.
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
  const settings: WorkbookSettings = { rules: r.rules, allocation: penceFromPounds(r.allocation) };
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
