/**
 * The shared in-memory workbook model behind the fake Excel (tools/excel-sim/excel-fake) and, later, a simulated
 * RichApi host. Plain TypeScript: no jest, no DOM. `browser.ts` is the same without the .xlsx reader.
 */
export * from "./browser";
export { workbookModelFromXlsx, charsToPoints } from "./xlsx";
