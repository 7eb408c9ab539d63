import type { Theme } from "@fluentui/react-components";
import { webDarkTheme, webLightTheme } from "@fluentui/react-components";

/** The parts of Office.context.officeTheme the pane reads (absent outside Office and in older hosts). */
export interface OfficeThemeLike {
  /** A boolean in current Office.js; some older documentation shows it as a method. */
  isDarkTheme?: boolean | (() => boolean);
  /** "#RRGGBB" */
  bodyBackgroundColor?: string;
}

/** Relative luminance of "#RRGGBB" (WCAG), or null when it is not such a colour. */
function luminance(hex: string): number | null {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return null;
  const n = parseInt(m[1]!, 16);
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

export function isDarkOfficeTheme(theme: OfficeThemeLike | null | undefined): boolean {
  if (!theme) return false;
  const flag = theme.isDarkTheme;
  if (typeof flag === "boolean") return flag;
  if (typeof flag === "function") {
    try {
      return flag.call(theme) === true;
    } catch {
      // Fall through to the background colour.
    }
  }
  const l = theme.bodyBackgroundColor ? luminance(theme.bodyBackgroundColor) : null;
  return l !== null && l < 0.2;
}

/** webDarkTheme when Office shows a dark theme, else webLightTheme. */
export function themeFor(theme: OfficeThemeLike | null | undefined): Theme {
  return isDarkOfficeTheme(theme) ? webDarkTheme : webLightTheme;
}
