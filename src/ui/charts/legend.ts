/** What a chart's legend lists (ChartLegend.tsx draws it): one entry per series and per arrow layer. */
import type { Figure, Series } from './figures';

export interface LegendEntry {
  readonly name: string;
  readonly color: string;
  readonly kind: 'line' | 'bar' | 'points' | 'arrow';
  readonly dash: NonNullable<Series['dash']>;
  /** Line width in px. */
  readonly width: number;
  readonly symbol?: Series['symbol'];
  readonly hollow?: boolean;
  readonly pattern?: Series['pattern'];
}

/**
 * The entries of a figure's legend, in drawing order. Like plotly's own legend, a chart with a single series
 * has none (its title names it); arrows are always named, since a heatmap beside them has no legend entry.
 */
export function legendEntries(figure: Figure): LegendEntry[] {
  const entries: LegendEntry[] = figure.series.map((s) => ({
    name: s.name,
    color: s.color,
    kind: s.kind,
    dash: s.dash ?? 'solid',
    width: s.width ?? 2,
    symbol: s.symbol,
    hollow: s.hollow,
    pattern: s.pattern,
  }));
  if (figure.arrows) {
    const { name, color } = figure.arrows;
    entries.push({ name, color, kind: 'arrow', dash: 'solid', width: 1 });
  }
  return entries.length > 1 || figure.arrows ? entries : [];
}
