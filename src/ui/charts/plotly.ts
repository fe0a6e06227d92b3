/**
 * plotly.js, loaded on first use (the cartesian partial bundle: scatter, bar, heatmap, histogram, contour),
 * so the first paint never waits for it.
 */
import type { Config, Data, Layout } from 'plotly.js';
import type { Figure } from './figures';

/** The parts of plotly the charts use. */
export interface PlotlyApi {
  react(root: HTMLElement, data: Data[], layout: Partial<Layout>, config: Partial<Config>): Promise<unknown>;
  purge(root: HTMLElement): void;
}

let loading: Promise<PlotlyApi> | undefined;

/** Loads plotly once. */
export function loadPlotly(): Promise<PlotlyApi> {
  loading ??= import('plotly.js-cartesian-dist-min').then((m) => (m.default ?? m) as unknown as PlotlyApi);
  loading.catch(() => (loading = undefined));
  return loading;
}

/** A copy without the keys whose value is undefined (plotly treats a present-but-undefined key as set). */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** A Figure as plotly traces. */
export function toPlotlyData(figure: Figure): Data[] {
  return figure.series.map((s) =>
    defined(
      s.kind === 'bar'
        ? ({
            type: 'bar',
            name: s.name,
            x: [...s.x],
            y: [...s.y],
            yaxis: s.axis,
            marker: { color: s.color, pattern: { shape: s.pattern ?? '', fgcolor: '#ffffff' } },
          } as Data)
        : ({
            type: 'scatter',
            mode: s.symbol ? 'lines+markers' : 'lines',
            name: s.name,
            x: [...s.x],
            y: [...s.y],
            yaxis: s.axis,
            line: { color: s.color, dash: s.dash ?? 'solid', width: 2 },
            marker: s.symbol ? { symbol: s.symbol, size: 6 } : undefined,
          } as Data),
    ),
  );
}

/** The layout of a Figure: compact, legend below, log axis where asked. */
export function toPlotlyLayout(figure: Figure): Partial<Layout> {
  return defined({
    height: 320,
    margin: { l: 56, r: figure.y2Title ? 56 : 16, t: 8, b: 40 },
    xaxis: { title: { text: figure.xTitle, standoff: 4 }, zeroline: false },
    yaxis: {
      title: { text: figure.yTitle ?? '' },
      type: figure.yLog ? 'log' : 'linear',
      exponentformat: 'power',
    },
    yaxis2: figure.y2Title
      ? { title: { text: figure.y2Title }, overlaying: 'y', side: 'right', rangemode: 'tozero' }
      : undefined,
    legend: { orientation: 'h', x: 0, y: -0.22, yanchor: 'top' },
    barmode: 'group',
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: 'rgba(0,0,0,0)',
    font: { family: 'system-ui, sans-serif', size: 12 },
  } as Partial<Layout>);
}

/** Plotly options: responsive; the mode bar keeps PNG export and drops what a classroom does not need. */
export const PLOTLY_CONFIG: Partial<Config> = {
  responsive: true,
  displaylogo: false,
  modeBarButtonsToRemove: ['select2d', 'lasso2d', 'autoScale2d', 'toggleSpikelines'],
};
