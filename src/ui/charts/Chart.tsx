/**
 * One chart: drawn with plotly once it has loaded, or shown as a table of the same numbers ("show as table",
 * and the fallback when plotly cannot load). The plot's element carries plotly's `data` for tests and scripts.
 */
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useT } from '../i18n';
import { ChartLegend } from './ChartLegend';
import { DrawQueue } from './draw-queue';
import { figureTable } from './figure-table';
import type { Figure } from './figures';
import { heatmapImage } from './heatmap-image';
import {
  imageFrame,
  imageSize,
  loadPlotly,
  plotHeight,
  plotlyConfig,
  type PlotlyApi,
  toPlotlyData,
  toPlotlyImageFigure,
  toPlotlyLayout,
  zoomOf,
} from './plotly';

/** Largest share of the time a chart with minIntervalMs spends redrawing. */
const THROTTLED_SHARE = 0.15;

/** A plotly plot element with its event emitter. */
type PlotElement = HTMLDivElement & {
  on?: (event: string, handler: (e: Record<string, unknown>) => void) => void;
  removeAllListeners?: (event: string) => void;
};

/**
 * `onPick` is called with (x, y) when the user clicks the plot or drags the figure's cursor there.
 * `minIntervalMs`: least time between two redraws (a figure that changes sooner is drawn when it has passed,
 * newest first), longer when the chart is slow to draw: while a data set trains, the per-layer and training
 * charts leave the main thread to the task's panels.
 */
export function Chart({
  figure,
  onPick,
  minIntervalMs = 0,
}: {
  figure: Figure;
  onPick?: (x: number, y: number) => void;
  minIntervalMs?: number;
}) {
  const t = useT();
  const headingId = useId();
  const plotRef = useRef<PlotElement>(null);
  // The plot's draws, one at a time: a new Figure object with the content already shown (the dead-unit bars
  // when nothing died, the training curve while not training) is not drawn again.
  const draws = useRef(new DrawQueue());
  // Series switched off in the legend (by name: they keep their place when the figure is redrawn).
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set());
  const toggle = (name: string) =>
    setHidden((h) => {
      const next = new Set(h);
      if (!next.delete(name)) next.add(name);
      return next;
    });
  const signature = useMemo(() => JSON.stringify([figure, [...hidden]]), [figure, hidden]);
  // A heatmap drawn as an image under the plot (Figure.heatmap.image), made once per figure; and what plotly
  // draws besides it, and did in the last full draw (the next draw of the same frame only swaps the image).
  const image = useMemo(
    () => (figure.heatmap?.image ? heatmapImage(figure.heatmap) : undefined),
    [figure.heatmap],
  );
  const frame = useMemo(() => imageFrame(figure, hidden), [figure, hidden]);
  const drawnFrame = useRef<string | null>(null);
  const sectionRef = useRef<HTMLElement>(null);
  // Charts off screen are not redrawn (plotly is the main thread's largest cost); they catch up when scrolled
  // into view, so every update costs only the charts a student can see.
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    const section = sectionRef.current;
    if (!section || typeof IntersectionObserver === 'undefined') {
      setVisible(true);
      return;
    }
    const observer = new IntersectionObserver(([entry]) => setVisible(entry.isIntersecting), {
      rootMargin: '200px',
    });
    observer.observe(section);
    return () => observer.disconnect();
  }, []);
  const pickRef = useRef(onPick);
  useEffect(() => {
    pickRef.current = onPick;
  }, [onPick]);
  const [asTable, setAsTable] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  /** When the last redraw was asked for (performance.now()), and how long the last full one took, in ms. */
  const lastRequest = useRef(-Infinity);
  const lastDrawMs = useRef(0);

  // A layout effect: the draw starts right after React commits the new figure, not after the browser has
  // painted a frame first (a passive effect's delay, which every slider move paid before the chart changed).
  useLayoutEffect(() => {
    if (asTable) {
      draws.current.reset();
      drawnFrame.current = null;
    }
    if (asTable || !visible) return;
    let live = true;
    const request = () => {
      lastRequest.current = performance.now();
      return draws.current.request(
        signature,
        async () => {
          let plotly;
          try {
            plotly = await loadPlotly();
          } catch (error) {
            if (live) setLoadError((error as Error).message);
            throw error;
          }
          const plot = plotRef.current;
          if (!plot) throw new Error('the plot is not on the page');
          if (frame !== null && frame === drawnFrame.current) {
            // plotly's attribute-path form (typed as a layout, which lists no paths).
            const swap = { 'images[0].source': image } as unknown as Parameters<PlotlyApi['relayout']>[1];
            await plotly.relayout(plot, swap);
            return;
          }
          drawnFrame.current = null;
          const start = performance.now();
          const layout = toPlotlyLayout(figure, image);
          await plotly.react(plot, toPlotlyData(figure, hidden), layout, plotlyConfig(figure));
          lastDrawMs.current = performance.now() - start;
          drawnFrame.current = frame;
          if (figure.cursor && plot.on) {
            plot.removeAllListeners?.('plotly_click');
            plot.removeAllListeners?.('plotly_relayout');
            plot.on('plotly_click', (e) => {
              const point = (e.points as { x: number; y: number }[] | undefined)?.[0];
              if (point) pickRef.current?.(point.x, point.y);
            });
            plot.on('plotly_relayout', (e) => {
              const x = e['shapes[0].xanchor'];
              const y = e['shapes[0].yanchor'];
              if (typeof x === 'number' && typeof y === 'number') pickRef.current?.(x, y);
            });
          }
        },
        // A plot's first draw builds it (~100 ms each on a slow machine, while plotly's code is still cold):
        // each waits for a task of its own, so the page paints every chart as it is ready, not all at once.
        { yieldFirst: draws.current.current === null },
      );
    };
    // Too soon after the last redraw: this figure is drawn when the interval has passed, unless a newer one
    // comes first (its effect clears this timer and waits for the same moment). A chart slow to draw (a busy
    // machine) waits longer: THROTTLED_SHARE bounds the share of the main thread its redraws take.
    const interval = minIntervalMs > 0 ? Math.max(minIntervalMs, lastDrawMs.current / THROTTLED_SHARE) : 0;
    const wait = lastRequest.current + interval - performance.now();
    const timer = wait > 0 ? setTimeout(() => void request(), wait) : (void request(), undefined);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [figure, hidden, signature, asTable, visible, image, frame, minIntervalMs]);

  useEffect(() => {
    const root = plotRef.current;
    return () => {
      if (root)
        void loadPlotly().then(
          (plotly) => plotly.purge(root),
          () => {},
        );
    };
  }, [asTable]);

  const showTable = asTable || loadError !== null;
  // Drawn anew from the figure (with plotly's legend) and the plot's zoom, not copied from the page. The plot
  // element is found from the clicked button (refs are for effects, not render-time closures).
  const download = async (format: 'png' | 'svg', button: HTMLElement) => {
    const plot = button.closest('.chart')?.querySelector('.plot') as
      (HTMLElement & { layout?: Parameters<typeof zoomOf>[0] }) | null;
    const plotly = await loadPlotly();
    const zoom = zoomOf(plot?.layout ?? {});
    await plotly.downloadImage(toPlotlyImageFigure(figure, hidden, zoom), {
      format,
      filename: `left-of-zero-${figure.id}`,
      ...imageSize(figure),
    });
  };
  return (
    <section ref={sectionRef} className="chart" data-chart={figure.id} aria-labelledby={headingId}>
      <div className="chart-header">
        <h3 id={headingId}>{figure.title}</h3>
        <div className="chart-actions">
          {!showTable &&
            (['png', 'svg'] as const).map((format) => (
              <button
                key={format}
                type="button"
                aria-label={t('chart.download', { title: figure.title, format: format.toUpperCase() })}
                onClick={(e) => void download(format, e.currentTarget)}
              >
                {t(`chart.${format}`)}
              </button>
            ))}
          <button type="button" aria-pressed={asTable} onClick={() => setAsTable(!asTable)}>
            {asTable ? t('chart.showChart') : t('chart.showTable')}
          </button>
        </div>
      </div>
      {loadError && <p role="alert">{t('chart.loadFailed', { message: loadError })}</p>}
      {showTable ? (
        <FigureTable figure={figure} />
      ) : (
        <div
          ref={plotRef}
          className="plot"
          // The plot's height is reserved before plotly draws it (no jump when the first draw lands).
          style={{ minHeight: plotHeight(figure) }}
          role="figure"
          aria-label={`${figure.title}: ${figure.series.map((s) => s.name).join('; ')}`}
        />
      )}
      {!showTable && <ChartLegend figure={figure} hidden={hidden} onToggle={toggle} />}
      {figure.note && <p className="note">{figure.note}</p>}
    </section>
  );
}

/** The figure's numbers as an accessible table (a scrollable, keyboard-focusable region). */
function FigureTable({ figure }: { figure: Figure }) {
  const table = figureTable(figure);
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={figure.title}>
      <table className="stats">
        <caption className="visually-hidden">{table.caption}</caption>
        <thead>
          <tr>
            {table.header.map((h, i) => (
              <th scope="col" key={i}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map(([head, ...cells], r) => (
            <tr key={r}>
              <th scope="row">{head}</th>
              {cells.map((c, i) => (
                <td key={i}>{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
