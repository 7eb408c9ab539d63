/**
 * The add-in's saved settings as the file holds them. Office keeps an add-in's document settings in its web
 * extension part, xl/webextensions/webextension<N>.xml (reached from xl/webextensions/taskpanes.xml), one
 * `<we:property name="…" value="…"/>` per setting under `<we:properties>`, the value the setting's JSON text
 * (MS-EXSPXML3 2.3.51 CT_WebExtensionProperty: name and value, both strings). Only the add-in's own key is read;
 * validating it is the engine's (engine/saved-settings.ts), as in the pane.
 */
import type { XlsxPackage } from "./package";
import { partText } from "./package";
import { attr, parseXml } from "./xml";
import { SETTINGS_KEY } from "../../engine/saved-settings";

export const NS_WEBEXTENSION = "http://schemas.microsoft.com/office/webextensions/webextension/2010/11";

export interface SavedSettingText {
  /** The part it was found in, e.g. "xl/webextensions/webextension1.xml". */
  part: string;
  /** The property's value: the setting's JSON text. */
  value: string;
}

/** The add-in's settings property, or null when no web extension part holds one (or it cannot be parsed). */
export async function readSavedSettingText(
  path: string,
  pkg: XlsxPackage,
): Promise<{ found: SavedSettingText | null; problem: string | null }> {
  const parts = Object.keys(pkg.zip.files)
    .filter((n) => /^xl\/webextensions\/webextension\d*\.xml$/i.test(n))
    .sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  for (const part of parts) {
    let value: string | null = null;
    try {
      parseXml(await partText(path, pkg.zip, part), {
        open: (tag) => {
          if (value !== null || tag.local !== "property" || tag.uri !== NS_WEBEXTENSION) return;
          if (attr(tag, "name") === SETTINGS_KEY) value = attr(tag, "value") ?? "";
        },
      });
    } catch (e) {
      return { found: null, problem: `${part} is not well-formed XML (${(e as Error).message})` };
    }
    if (value !== null) return { found: { part, value }, problem: null };
  }
  return { found: null, problem: null };
}
