/**
 * A heatmap as a PNG image (a data: URL), one pixel per cell, for plotly to stretch under a plot as a layout
 * image (Figure.heatmap.image): swapping an image costs plotly far less than recalculating a heatmap trace and
 * every marker drawn over it. The browser smooths the image as it scales it.
 */
import type { Heatmap } from './figures';
import { colourAt, heatmapRange, heatmapScale } from './heatmap-scale';

/** One canvas for every image (each is made and encoded at once; a new canvas and context cost more). */
let canvas: HTMLCanvasElement | undefined;

/** The image of `h` (the first row of z at the bottom, as plotly draws a heatmap); missing cells transparent. */
export function heatmapImage(h: Heatmap): string {
  const rows = h.z.length;
  const columns = h.z[0]?.length ?? 0;
  canvas ??= document.createElement('canvas');
  canvas.width = Math.max(1, columns);
  canvas.height = Math.max(1, rows);
  const context = canvas.getContext('2d');
  if (!context || rows === 0 || columns === 0) return canvas.toDataURL('image/png');
  const image = context.createImageData(columns, rows);
  const scale = heatmapScale(h);
  const [lo, hi] = heatmapRange(h);
  for (let r = 0; r < rows; r++) {
    const row = h.z[rows - 1 - r];
    for (let c = 0; c < columns; c++) {
      const v = row[c];
      if (v === null || !Number.isFinite(v)) continue;
      const [red, green, blue] = colourAt(scale, (v - lo) / (hi - lo));
      const o = 4 * (r * columns + c);
      image.data[o] = red;
      image.data[o + 1] = green;
      image.data[o + 2] = blue;
      image.data[o + 3] = 255;
    }
  }
  context.putImageData(image, 0, 0);
  return canvas.toDataURL('image/png');
}
