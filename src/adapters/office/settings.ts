/**
 * The rules, allocation and reporting date saved in the workbook (Excel.SettingCollection, ExcelApi 1.4), so the
 * next person who opens it, and the ribbon's "Refresh RAG" command, use the same inputs. Stored as JSON the way
 * rules.json is written (pounds, not pence; the date as "YYYY-MM-DD"), with a version so a later add-in can read
 * what an earlier one saved. The reporting date was added without a new version: version 1 settings without it
 * read as before (the default date applies), and an older add-in ignores it.
 */
import type { SavedSettings } from "../../app/operations";
import { formatDayIso } from "../../engine/dates";
import { toPounds } from "../../engine/money";
import type { RulesJson } from "../../engine/rules";
import { rulesToJson } from "../../engine/rules";

export { SETTINGS_KEY, SETTINGS_VERSION } from "../../engine/saved-settings";
import { SETTINGS_VERSION } from "../../engine/saved-settings";

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

/** Validation is the engine's (engine/saved-settings.ts), shared with the command line. */
export { settingsFromJson } from "../../engine/saved-settings";
export type { SettingsRead } from "../../engine/saved-settings";
