import { invalidArgument } from "./errors";

/**
 * Colours as Office.js takes them: "HTML color code ... in the form #RRGGBB (e.g. "FFA500") or as a named HTML
 * color (e.g. "orange")" (Excel.RangeFill.color reference). Excel reads them back as "#RRGGBB" upper case.
 * Strict choice: only the CSS names below are known; any other name is refused with InvalidArgument.
 */
const NAMED: Record<string, string> = {
  black: "#000000",
  white: "#FFFFFF",
  red: "#FF0000",
  green: "#008000",
  lime: "#00FF00",
  blue: "#0000FF",
  yellow: "#FFFF00",
  orange: "#FFA500",
  purple: "#800080",
  gray: "#808080",
  grey: "#808080",
  silver: "#C0C0C0",
  maroon: "#800000",
  navy: "#000080",
  teal: "#008080",
  olive: "#808000",
  aqua: "#00FFFF",
  cyan: "#00FFFF",
  fuchsia: "#FF00FF",
  magenta: "#FF00FF",
  pink: "#FFC0CB",
  brown: "#A52A2A",
  gold: "#FFD700",
  lightgray: "#D3D3D3",
  lightgrey: "#D3D3D3",
  darkgray: "#A9A9A9",
  darkgrey: "#A9A9A9",
  lightgreen: "#90EE90",
  darkgreen: "#006400",
  lightblue: "#ADD8E6",
  darkblue: "#00008B",
  darkred: "#8B0000",
  amber: "#FFBF00",
};

/** "#RRGGBB" upper case, or throws InvalidArgument. */
export function normalizeColor(input: unknown, location?: string): string {
  if (typeof input !== "string") throw invalidArgument(undefined, location);
  const t = input.trim();
  const hex = /^#?([0-9A-Fa-f]{6})$/.exec(t);
  if (hex) return `#${hex[1]!.toUpperCase()}`;
  const named = NAMED[t.toLowerCase()];
  if (named) return named;
  throw invalidArgument(undefined, location);
}
