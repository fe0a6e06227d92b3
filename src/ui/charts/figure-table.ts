/**
 * A figure's numbers as a table ("show as table", and the fallback when plotly cannot load): series by x,
 * a heatmap's grid, or arrows as rows. Plain data; Chart.tsx renders it.
 */
import { formatNumber } from '../../engine/format';
import type { Figure } from './figures';

/** Header cells, then rows whose first cell is the row header. Missing values are '—'. */
export interface FigureTableData {
  readonly caption: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

const cell = (v: number | null | undefined): string =>
  v === undefined || v === null ? '—' : formatNumber(v);

/** The table of a figure. */
export function figureTable(figure: Figure): FigureTableData {
  const h = figure.heatmap;
  if (h) {
    return {
      caption: `${figure.title}: ${h.zTitle}`,
      header: [`${figure.yTitle ?? ''} ↓ · ${figure.xTitle} →`, ...h.x.map(cell)],
      rows: h.y.map((y, r) => [cell(y), ...h.z[r].map(cell)]),
    };
  }
  const a = figure.arrows;
  if (a) {
    const y = figure.yTitle ?? 'y';
    return {
      caption: a.name,
      header: [figure.xTitle, y, `${figure.xTitle} →`, `${y} →`],
      rows: a.x0.map((_, i) => [a.x0[i], a.y0[i], a.x1[i], a.y1[i]].map(cell)),
    };
  }
  const xs = [...new Set(figure.series.flatMap((s) => s.x))].sort((p, q) => p - q);
  const lookup = figure.series.map((s) => new Map(s.x.map((x, i) => [x, s.y[i]])));
  return {
    caption: figure.title,
    header: [figure.xTitle, ...figure.series.map((s) => s.name)],
    rows: xs.map((x) => [String(x), ...lookup.map((m) => cell(m.get(x)))]),
  };
}
