/**
 * The Excel JavaScript API requirement set the add-in declares in manifest.xml (<Requirements>) and the Office
 * adapter relies on: settings and names (ExcelApi 1.4), getRangeByIndexes, freezePanes and tabColor (1.7),
 * worksheet pageLayout (1.9). tests/manifest checks that the manifest declares exactly this version.
 */
export const EXCEL_API_REQUIREMENT = "1.9";
