/**
 * One chart: drawn with plotly once it has loaded, or shown as a table of the same numbers ("show as table",
 * and the fallback when plotly cannot load). The plot's element carries plotly's `data` for tests and scripts.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { formatNumber } from '../../engine/format';
import { useT } from '../i18n';
import type { Figure } from './figures';
import { PLOTLY_CONFIG, loadPlotly, toPlotlyData, toPlotlyLayout } from './plotly';

export function Chart({ figure }: { figure: Figure }) {
  const t = useT();
  const headingId = useId();
  const plotRef = useRef<HTMLDivElement>(null);
  const [asTable, setAsTable] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    if (asTable) return;
    let live = true;
    loadPlotly().then(
      (plotly) => {
        if (live && plotRef.current)
          void plotly.react(plotRef.current, toPlotlyData(figure), toPlotlyLayout(figure), PLOTLY_CONFIG);
      },
      (error: Error) => live && setLoadError(error.message),
    );
    return () => {
      live = false;
    };
  }, [figure, asTable]);

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
  return (
    <section className="chart" data-chart={figure.id} aria-labelledby={headingId}>
      <div className="chart-header">
        <h3 id={headingId}>{figure.title}</h3>
        <button type="button" aria-pressed={asTable} onClick={() => setAsTable(!asTable)}>
          {asTable ? t('chart.showChart') : t('chart.showTable')}
        </button>
      </div>
      {loadError && <p role="alert">{t('chart.loadFailed', { message: loadError })}</p>}
      {showTable ? (
        <FigureTable figure={figure} />
      ) : (
        <div
          ref={plotRef}
          className="plot"
          role="figure"
          aria-label={`${figure.title}: ${figure.series.map((s) => s.name).join('; ')}`}
        />
      )}
      {figure.note && <p className="note">{figure.note}</p>}
    </section>
  );
}

/** The figure's numbers: one row per x value, one column per series. */
function FigureTable({ figure }: { figure: Figure }) {
  const xs = [...new Set(figure.series.flatMap((s) => s.x))].sort((a, b) => a - b);
  const lookup = figure.series.map((s) => new Map(s.x.map((x, i) => [x, s.y[i]])));
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={figure.title}>
      <table className="stats">
        <caption className="visually-hidden">{figure.title}</caption>
        <thead>
          <tr>
            <th scope="col">{figure.xTitle}</th>
            {figure.series.map((s) => (
              <th scope="col" key={s.name}>
                {s.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {xs.map((x) => (
            <tr key={x}>
              <th scope="row">{x}</th>
              {lookup.map((m, i) => {
                const y = m.get(x);
                return <td key={i}>{y === undefined || y === null ? '—' : formatNumber(y)}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
