import { readFileSync } from "node:fs";
import path from "node:path";
import { ICON_COLOURS, ICON_FILES, drawIcon } from "../../scripts/icon-art";
import { decodePng, encodePng, readPngHeader } from "../../scripts/png";
import { ROOT } from "./helpers";

function pixel(rgba: Uint8Array, size: number, x: number, y: number): number[] {
  const o = (y * size + x) * 4;
  return Array.from(rgba.subarray(o, o + 4));
}

describe("the add-in's icons in assets/", () => {
  it.each(ICON_FILES.map((icon) => [icon.file, icon] as const))(
    "%s is a PNG of its size, exactly as scripts/draw-icons.ts draws it",
    (file, icon) => {
      const bytes = readFileSync(path.join(ROOT, "assets", file));
      expect(readPngHeader(bytes)).toEqual({
        width: icon.size,
        height: icon.size,
        bitDepth: 8,
        colourType: 6,
      });
      const decoded = decodePng(bytes);
      expect(Buffer.from(decoded.rgba).equals(Buffer.from(drawIcon(icon.kind, icon.size)))).toBe(true);
    },
  );

  it("has the add-in icon at 16, 32, 64 and 80 px", () => {
    const chartSizes = ICON_FILES.filter((i) => i.kind === "chart").map((i) => i.size);
    expect(chartSizes).toEqual([16, 32, 64, 80]);
  });
});

describe("drawIcon", () => {
  it("draws the chart as Red, Amber and Green bars rising left to right, on a transparent ground", () => {
    const size = 16;
    const rgba = drawIcon("chart", size);
    const [r, g, b] = [ICON_COLOURS.red, ICON_COLOURS.amber, ICON_COLOURS.green].map((c) => [...c]);
    // Bars are 4 px wide at x 1-5, 6-10, 11-15; tops at y 9, 5 and 1; the baseline is row 14.
    expect(pixel(rgba, size, 3, 12)).toEqual(r);
    expect(pixel(rgba, size, 8, 12)).toEqual(g);
    expect(pixel(rgba, size, 13, 12)).toEqual(b);
    expect(pixel(rgba, size, 3, 6)[3]).toBe(0); // above the red bar
    expect(pixel(rgba, size, 8, 3)[3]).toBe(0); // above the amber bar
    expect(pixel(rgba, size, 13, 3)).toEqual(b); // the green bar is the tallest
    expect(pixel(rgba, size, 8, 14)).toEqual([...ICON_COLOURS.axis]);
    expect(pixel(rgba, size, 0, 0)[3]).toBe(0);
  });

  it("draws the refresh arrow with all three RAG colours and a hollow middle", () => {
    const size = 32;
    const rgba = drawIcon("refresh", size);
    const colours = new Set<string>();
    for (let i = 0; i < rgba.length; i += 4)
      if (rgba[i + 3] === 255) colours.add(Array.from(rgba.subarray(i, i + 3)).join());
    for (const c of [ICON_COLOURS.red, ICON_COLOURS.amber, ICON_COLOURS.green])
      expect(colours).toContain(c.slice(0, 3).join());
    expect(pixel(rgba, size, 16, 16)[3]).toBe(0);
  });

  it("anti-aliases edges at larger sizes", () => {
    const rgba = drawIcon("refresh", 80);
    const alphas = new Set<number>();
    for (let i = 3; i < rgba.length; i += 4) alphas.add(rgba[i] as number);
    expect(alphas.size).toBeGreaterThan(10);
  });

  it("refuses a size that is not a whole number of pixels", () => {
    expect(() => drawIcon("chart", 12.5)).toThrow("whole number");
  });
});

describe("encodePng / decodePng", () => {
  it("round-trips pixels", () => {
    const rgba = new Uint8Array(3 * 2 * 4).map((_, i) => (i * 37) % 256);
    const png = encodePng(3, 2, rgba);
    expect(readPngHeader(png)).toMatchObject({ width: 3, height: 2 });
    expect(Array.from(decodePng(png).rgba)).toEqual(Array.from(rgba));
  });

  it("rejects bytes that are not a PNG", () => {
    expect(readPngHeader(Buffer.from("GIF89a........................."))).toBeNull();
    expect(() => encodePng(2, 2, new Uint8Array(3))).toThrow("expected 16 bytes");
  });
});
