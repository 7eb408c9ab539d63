/**
 * Whether a package is a macro-enabled workbook, by its workbook part's content type (not by the file's name):
 * Excel opens a package only under the extension its content type calls for (a macro-enabled package named
 * .xlsx, or a plain one named .xlsm, is "not valid"), so the --out copy takes the extension the package needs.
 */
import { contentTypeOf, partText } from "./package";
import type { XlsxPackage } from "./package";

export async function isMacroWorkbook(path: string, pkg: XlsxPackage): Promise<boolean> {
  const type = contentTypeOf(await partText(path, pkg.zip, "[Content_Types].xml"), pkg.workbookPart);
  return type !== null && /macroEnabled/i.test(type);
}
