// The add-in's icons, drawn as vector shapes and rasterised here, so they can be redrawn at any size:
// - "chart": three bars on a baseline, Red (short), Amber, Green (tall), in the workbook's own RAG fills;
//   the add-in icon, the ribbon group and the "RAG pane" button.
// - "refresh": a clockwise arrow whose arc runs Red, Amber, Green; the "Refresh RAG" button.
// Shapes are laid out on a 16-unit grid so edges fall on whole pixels at 16, 32, 64 and 80 px.
import { RAG_STYLE } from "../src/engine/rag";

export type IconKind = "chart" | "refresh";

type Rgba = readonly [number, number, number, number];
/** Inside test in grid units (0..16, y downwards); `px` is the size of one device pixel in grid units. */
type Shape = { colour: Rgba; inside: (x: number, y: number) => boolean };

const GRID = 16;
const SUBSAMPLES = 8; // 8 x 8 samples a pixel for anti-aliased edges

function hex(colour: string, alpha = 255): Rgba {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  if (!m) throw new Error(`not a #RRGGBB colour: ${colour}`);
  return [parseInt(m[1] as string, 16), parseInt(m[2] as string, 16), parseInt(m[3] as string, 16), alpha];
}

function darker([r, g, b, a]: Rgba, factor: number): Rgba {
  return [Math.round(r * factor), Math.round(g * factor), Math.round(b * factor), a];
}

export const ICON_COLOURS = {
  red: hex(RAG_STYLE.Red.fill),
  amber: hex(RAG_STYLE.Amber.fill),
  green: hex(RAG_STYLE.Green.fill),
  axis: hex("#707070"),
} as const;

/** A rectangle whose top corners are rounded with radius r. */
function topRoundedRect(x0: number, y0: number, x1: number, y1: number, r: number) {
  return (x: number, y: number): boolean => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    if (y >= y0 + r) return true;
    const cx = x < x0 + r ? x0 + r : x > x1 - r ? x1 - r : x;
    const dx = x - cx;
    const dy = y - (y0 + r);
    return dx * dx + dy * dy <= r * r;
  };
}

function chartShapes(px: number): Shape[] {
  // Outline one device pixel wide from 32 px up; at 16 px the bars are only 4 px wide and stay solid.
  const outline = px <= 0.5 ? px : 0;
  const bars: { x0: number; top: number; colour: Rgba }[] = [
    { x0: 1, top: 9, colour: ICON_COLOURS.red },
    { x0: 6, top: 5, colour: ICON_COLOURS.amber },
    { x0: 11, top: 1, colour: ICON_COLOURS.green },
  ];
  const shapes: Shape[] = [];
  for (const bar of bars) {
    const x1 = bar.x0 + 4;
    if (outline > 0) {
      shapes.push({ colour: darker(bar.colour, 0.7), inside: topRoundedRect(bar.x0, bar.top, x1, 14, 1) });
      shapes.push({
        colour: bar.colour,
        inside: topRoundedRect(bar.x0 + outline, bar.top + outline, x1 - outline, 14, 1 - outline),
      });
    } else {
      shapes.push({ colour: bar.colour, inside: topRoundedRect(bar.x0, bar.top, x1, 14, 1) });
    }
  }
  shapes.push({ colour: ICON_COLOURS.axis, inside: (x, y) => x >= 0 && x <= 16 && y >= 14 && y <= 15 });
  return shapes;
}

function refreshShapes(): Shape[] {
  const cx = 8;
  const cy = 8;
  const rOuter = 6.5;
  const rInner = 4.5;
  // Angles in degrees, clockwise from 3 o'clock (y grows downwards). The arc runs from 1 o'clock round to
  // 11 o'clock; the arrowhead fills the gap at the top, pointing on clockwise.
  const start = -60;
  const end = 240;
  const third = (end - start) / 3;
  const angleOf = (x: number, y: number): number => {
    let a = (Math.atan2(y - cy, x - cx) * 180) / Math.PI; // -180..180
    if (a < start) a += 360;
    return a;
  };
  const inRing = (x: number, y: number): boolean => {
    const d = Math.hypot(x - cx, y - cy);
    return d >= rInner && d <= rOuter;
  };
  const segment = (from: number, to: number) => (x: number, y: number) => {
    if (!inRing(x, y)) return false;
    const a = angleOf(x, y);
    return a >= from && a <= to;
  };
  const rad = (end * Math.PI) / 180;
  const radial = [Math.cos(rad), Math.sin(rad)] as const;
  const tangent = [-Math.sin(rad), Math.cos(rad)] as const;
  const mid = (rOuter + rInner) / 2;
  const at = (r: number, ahead: number): readonly [number, number] => [
    cx + radial[0] * r + tangent[0] * ahead,
    cy + radial[1] * r + tangent[1] * ahead,
  ];
  const a = at(mid - 3, 0);
  const b = at(mid + 3, 0);
  const tip = at(mid, 3.5);
  const sign = (p: readonly [number, number], q: readonly [number, number], x: number, y: number) =>
    (x - q[0]) * (p[1] - q[1]) - (p[0] - q[0]) * (y - q[1]);
  const inArrow = (x: number, y: number): boolean => {
    const d1 = sign(a, b, x, y);
    const d2 = sign(b, tip, x, y);
    const d3 = sign(tip, a, x, y);
    const hasNeg = d1 < 0 || d2 < 0 || d3 < 0;
    const hasPos = d1 > 0 || d2 > 0 || d3 > 0;
    return !(hasNeg && hasPos);
  };
  return [
    { colour: ICON_COLOURS.red, inside: segment(start, start + third) },
    { colour: ICON_COLOURS.amber, inside: segment(start + third, start + 2 * third) },
    { colour: ICON_COLOURS.green, inside: segment(start + 2 * third, end) },
    { colour: ICON_COLOURS.green, inside: inArrow },
  ];
}

/** Draws an icon as 8-bit RGBA pixels (not premultiplied), size x size, transparent background. */
export function drawIcon(kind: IconKind, size: number): Uint8Array {
  if (!Number.isInteger(size) || size < 8) throw new Error(`icon size must be a whole number >= 8: ${size}`);
  const px = GRID / size;
  const shapes = kind === "chart" ? chartShapes(px) : refreshShapes();
  const out = new Uint8Array(size * size * 4);
  const n = SUBSAMPLES * SUBSAMPLES;
  for (let py = 0; py < size; py++) {
    for (let pxi = 0; pxi < size; pxi++) {
      // Sum premultiplied colour over the samples; the topmost shape covering a sample wins.
      let r = 0;
      let g = 0;
      let b = 0;
      let alpha = 0;
      for (let sy = 0; sy < SUBSAMPLES; sy++) {
        for (let sx = 0; sx < SUBSAMPLES; sx++) {
          const x = (pxi + (sx + 0.5) / SUBSAMPLES) * px;
          const y = (py + (sy + 0.5) / SUBSAMPLES) * px;
          for (let i = shapes.length - 1; i >= 0; i--) {
            const shape = shapes[i] as Shape;
            if (shape.inside(x, y)) {
              const a = shape.colour[3] / 255;
              r += shape.colour[0] * a;
              g += shape.colour[1] * a;
              b += shape.colour[2] * a;
              alpha += a;
              break;
            }
          }
        }
      }
      const o = (py * size + pxi) * 4;
      if (alpha > 0) {
        out[o] = Math.round(r / alpha);
        out[o + 1] = Math.round(g / alpha);
        out[o + 2] = Math.round(b / alpha);
        out[o + 3] = Math.round((alpha / n) * 255);
      }
    }
  }
  return out;
}

/** The icon files under assets/, as the manifest names them. */
export const ICON_FILES: readonly { file: string; kind: IconKind; size: number }[] = [
  { file: "icon-16.png", kind: "chart", size: 16 },
  { file: "icon-32.png", kind: "chart", size: 32 },
  { file: "icon-64.png", kind: "chart", size: 64 },
  { file: "icon-80.png", kind: "chart", size: 80 },
  { file: "refresh-16.png", kind: "refresh", size: 16 },
  { file: "refresh-32.png", kind: "refresh", size: 32 },
  { file: "refresh-80.png", kind: "refresh", size: 80 },
];
