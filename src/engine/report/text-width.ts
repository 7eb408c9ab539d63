/**
 * How wide text prints, so a row is sized for its wrapped text (R3-3). The tool writes its sheets in Calibri;
 * the advance widths below are Calibri's, read from Carlito (the metric-compatible font LibreOffice prints
 * Calibri with), in units of 1/2048 em, for the characters the report writes. Any other character counts as
 * wide (a Latin letter as wider than most, anything else as a full em), so an estimate errs towards a taller
 * row, never a shorter one. Pure.
 */

const CHARS =
  " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~£–—×…‘’“”·→↓≥≤€é";
const UNITS_PER_EM = 2048;
const REGULAR: readonly number[] = [
  463, 667, 821, 1020, 1038, 1464, 1397, 452, 621, 621, 1020, 1020, 511, 627, 517, 791, 1038, 1038, 1038,
  1038, 1038, 1038, 1038, 1038, 1038, 1038, 548, 548, 1020, 1020, 1020, 949, 1831, 1185, 1114, 1092, 1260,
  1000, 941, 1292, 1276, 516, 653, 1064, 861, 1751, 1322, 1356, 1058, 1378, 1112, 941, 998, 1314, 1162, 1822,
  1063, 998, 959, 628, 791, 628, 1020, 1020, 596, 981, 1076, 866, 1076, 1019, 625, 964, 1076, 470, 490, 931,
  470, 1636, 1076, 1080, 1076, 1076, 714, 801, 686, 1076, 925, 1464, 887, 927, 809, 644, 943, 644, 1020, 1038,
  1020, 1854, 1020, 1414, 511, 511, 857, 857, 517, 1854, 1854, 1020, 1020, 1038, 1019,
];
const BOLD: readonly number[] = [
  463, 667, 898, 1020, 1038, 1493, 1443, 478, 638, 638, 1020, 1020, 528, 627, 547, 880, 1038, 1038, 1038,
  1038, 1038, 1038, 1038, 1038, 1038, 1038, 565, 565, 1020, 1020, 1020, 949, 1840, 1241, 1148, 1084, 1291,
  999, 940, 1305, 1292, 546, 678, 1120, 866, 1790, 1349, 1385, 1090, 1405, 1153, 968, 1014, 1337, 1211, 1856,
  1128, 1064, 979, 665, 880, 665, 1020, 1020, 615, 1011, 1099, 857, 1099, 1031, 648, 971, 1099, 503, 523, 983,
  503, 1666, 1099, 1101, 1099, 1099, 728, 817, 710, 1099, 969, 1526, 941, 970, 814, 704, 973, 704, 1020, 1038,
  1020, 1854, 1020, 1457, 528, 528, 891, 891, 548, 1854, 1854, 1020, 1020, 1038, 1031,
];

const INDEX = new Map<number, number>();
for (let i = 0; i < CHARS.length; i++) INDEX.set(CHARS.charCodeAt(i), i);

/** Width (points) of `text` in Calibri at `size` points; italic is taken as regular (Calibri's is narrower). */
export function textPoints(text: string, bold: boolean, size: number): number {
  const table = bold ? BOLD : REGULAR;
  let units = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const k = INDEX.get(code);
    units += k !== undefined ? table[k]! : code < 0x250 ? 1200 : UNITS_PER_EM;
  }
  return (units * size) / UNITS_PER_EM;
}

/**
 * Points of a column's width that text can use. A width of w characters is 7w + 5 pixels in Excel at Calibri
 * 11 (the Open XML "width" formula, maximum digit width 7 px); Excel keeps about 3 pixels each side clear,
 * and LibreOffice, which takes a character as Carlito's digit (5.58 points), gives a little more. The smaller,
 * Excel's, is used, less a further 4% for rendering and printer differences.
 */
export function columnTextPoints(widthChars: number): number {
  return Math.max(1, (7 * widthChars + 5 - 6) * 0.75 * 0.96);
}

/**
 * Lines a paragraph takes wrapped at spaces into lines `width` points wide (greedy, as Excel and LibreOffice
 * wrap); a word wider than a line breaks across lines.
 */
export function wrappedLinesAt(text: string, width: number, bold: boolean, size: number): number {
  if (textPoints(text, bold, size) <= width) return 1;
  const space = textPoints(" ", bold, size);
  let lines = 1;
  let used = 0;
  for (const word of text.split(" ")) {
    let w = textPoints(word, bold, size);
    if (used > 0 && used + space + w <= width) {
      used += space + w;
      continue;
    }
    if (used > 0) lines++;
    while (w > width) {
      lines++;
      w -= width;
    }
    used = w;
  }
  return lines;
}
