/**
 * A heatmap's colour scale and the values it spans, shared by plotly's heatmap traces and the heatmaps drawn
 * as images (heatmap-image.ts), so both colour the same value alike.
 */
import type { Heatmap } from './figures';

/** A colour scale as plotly takes it: [position 0..1, '#rrggbb'] stops, ascending. */
export type ColourScale = readonly (readonly [number, string])[];

/** Blue – white – vermillion (Okabe–Ito ends): readable with every common colour-vision deficiency. */
export const DIVERGING: ColourScale = [
  [0, '#0072B2'],
  [0.5, '#f7f7f7'],
  [1, '#D55E00'],
];

/** White to Okabe–Ito blue, for counts (an empty cell is white). */
export const BLUES: ColourScale = [
  [0, '#ffffff'],
  [1, '#0072B2'],
];

/** viridis, as plotly draws it (its stops), for heatmaps drawn as images. */
const VIRIDIS: ColourScale = [
  [0, '#440154'],
  [0.06274509803921569, '#48186a'],
  [0.12549019607843137, '#472d7b'],
  [0.18823529411764706, '#424086'],
  [0.25098039215686274, '#3b528b'],
  [0.3137254901960784, '#33638d'],
  [0.3764705882352941, '#2c728e'],
  [0.4392156862745098, '#26828e'],
  [0.5019607843137255, '#21918c'],
  [0.5647058823529412, '#1fa088'],
  [0.6274509803921569, '#28ae80'],
  [0.6901960784313725, '#3fbc73'],
  [0.7529411764705882, '#5ec962'],
  [0.8156862745098039, '#84d44b'],
  [0.8784313725490196, '#addc30'],
  [0.9411764705882353, '#d8e219'],
  [1, '#fde725'],
];

/** The scale a heatmap is drawn in: diverging about zMid, else its sequential scale. */
export function heatmapScale(h: Heatmap): ColourScale {
  if (h.zMid !== undefined) return DIVERGING;
  return h.scale === 'blues' ? BLUES : VIRIDIS;
}

/**
 * The values the scale spans: `zRange` when given; else, about zMid, the largest distance of a value from it
 * on both sides; else the smallest to the largest value. Never an empty span.
 */
export function heatmapRange(h: Heatmap): [number, number] {
  if (h.zRange) return [h.zRange[0], h.zRange[1]];
  const finite = h.z.flat().filter((v): v is number => v !== null && Number.isFinite(v));
  if (h.zMid !== undefined) {
    let span = 1e-9;
    for (const v of finite) span = Math.max(span, Math.abs(v - h.zMid));
    return [h.zMid - span, h.zMid + span];
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of finite) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  if (!(lo <= hi)) return [0, 1];
  return lo === hi ? [lo, lo + 1] : [lo, hi];
}

/** The colour of position `f` (clamped to 0..1) on `scale`, as [r, g, b] 0..255, linear between stops. */
export function colourAt(scale: ColourScale, f: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, f));
  let i = 1;
  while (i < scale.length - 1 && scale[i][0] < x) i++;
  const [p0, c0] = scale[i - 1];
  const [p1, c1] = scale[i];
  const u = p1 > p0 ? (x - p0) / (p1 - p0) : 0;
  const rgb = (c: string, k: number) => parseInt(c.slice(1 + 2 * k, 3 + 2 * k), 16);
  return [0, 1, 2].map((k) => Math.round(rgb(c0, k) + u * (rgb(c1, k) - rgb(c0, k)))) as [
    number,
    number,
    number,
  ];
}
