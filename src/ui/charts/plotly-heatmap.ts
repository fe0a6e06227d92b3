/**
 * A Figure's heatmap for plotly: as a heatmap trace (its colour scale and range from heatmap-scale.ts, shared
 * with the image drawn of it), or as a layout image under the traces (Figure.heatmap.image).
 */
import type { Data } from 'plotly.js';
import type { Heatmap } from './figures';
import { heatmapRange, heatmapScale } from './heatmap-scale';

/** A copy without the keys whose value is undefined (plotly treats a present-but-undefined key as set). */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * A heatmap trace: viridis over the data's range by default; a fixed range and scale (heatmap-scale.ts) when
 * the heatmap names a centre, a range or a scale.
 */
export function heatmapData(h: Heatmap): Data {
  const fixed = h.zMid !== undefined || h.zRange !== undefined || h.scale !== undefined;
  const [zmin, zmax] = heatmapRange(h);
  return defined({
    type: 'heatmap',
    x: [...h.x],
    y: [...h.y],
    z: h.z.map((row) => [...row]),
    ...(fixed
      ? { zmin, zmax, colorscale: heatmapScale(h).map(([p, c]) => [p, c]) }
      : { colorscale: 'Viridis' }),
    opacity: h.opacity,
    colorbar: { title: { text: h.zTitle } },
    hoverongaps: false,
  }) as Data;
}

/** Half a cell beyond the first and last of evenly spaced cell centres: the extent a heatmap covers. */
export function extent(centres: readonly number[]): [number, number] {
  const n = centres.length;
  const half = n > 1 ? (centres[n - 1] - centres[0]) / (n - 1) / 2 : 0.5;
  return [centres[0] - half, centres[n - 1] + half];
}

/** A heatmap drawn as an image (`source`, heatmap-image.ts) stretched over its cells, under the traces. */
export function heatmapImageLayout(h: Heatmap, source: string): object {
  const [x0, x1] = extent(h.x);
  const [y0, y1] = extent(h.y);
  return defined({
    source,
    xref: 'x',
    yref: 'y',
    x: x0,
    y: y1,
    sizex: x1 - x0,
    sizey: y1 - y0,
    xanchor: 'left',
    yanchor: 'top',
    sizing: 'stretch',
    layer: 'below',
    opacity: h.opacity,
  });
}
