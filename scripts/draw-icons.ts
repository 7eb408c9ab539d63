// Redraws the add-in's icons into assets/ (npm run draw-icons). The drawing is in scripts/icon-art.ts.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ICON_FILES, drawIcon } from "./icon-art";
import { encodePng } from "./png";

const assetsDir = path.resolve(__dirname, "..", "assets");
mkdirSync(assetsDir, { recursive: true });
for (const icon of ICON_FILES) {
  const png = encodePng(icon.size, icon.size, drawIcon(icon.kind, icon.size));
  writeFileSync(path.join(assetsDir, icon.file), png);
  console.log(`assets/${icon.file}  ${icon.size}x${icon.size}  ${png.length} bytes`);
}
