/**
 * The per-layer statistics as an accessible table: a caption, column headers with scope, row headers per
 * layer, and numbers formatted as the CLI prints them (6 significant digits).
 */
import { memo, useId } from 'react';
import type { LayerStats, RunResult } from '../engine/experiment';
import { formatNumber } from '../engine/format';
import { useT, type MessageKey } from './i18n';

/** Columns: a language-neutral math label, and the catalog key of the full name (shown as the title). */
const COLUMNS: ReadonlyArray<{ key: keyof LayerStats; label: string; title: MessageKey }> = [
  { key: 'preMean', label: 'mean z', title: 'series.preMean' },
  { key: 'preVar', label: 'var z', title: 'series.preVar' },
  { key: 'postMean', label: 'mean φ(z)', title: 'series.postMean' },
  { key: 'postVar', label: 'var φ(z)', title: 'series.postVar' },
  { key: 'dead', label: '', title: 'series.dead' },
  { key: 'saturated', label: '', title: 'series.saturated' },
  { key: 'gradNorm', label: '‖∂L/∂h‖', title: 'series.gradNorm' },
  { key: 'weightGradNorm', label: '‖∂L/∂W‖', title: 'series.weightGradNorm' },
];

const HYBRID_COLUMNS: typeof COLUMNS = [
  { key: 'knob', label: 'k', title: 'series.knobMean' },
  { key: 'knobGrad', label: '∂L/∂k', title: 'series.knobGrad' },
];

/**
 * Renders one run's statistics (memoized: re-rendered only for a new result); `label` names the run when runs
 * are compared.
 */
export const StatsTable = memo(function StatsTable({ result, label }: { result: RunResult; label?: string }) {
  const t = useT();
  const captionId = useId();
  const columns = result.experiment.act === 'hybrid' ? [...COLUMNS, ...HYBRID_COLUMNS] : COLUMNS;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={captionId}>
      <table className="stats" data-testid="stats-table" data-run={label}>
        <caption id={captionId}>
          {label !== undefined && <strong className="run-label">{label}: </strong>}
          {t('table.caption', {
            batch: result.experiment.batch,
            width: result.experiment.width,
            engine: result.backend,
          })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('chart.layer')}</th>
            {columns.map((c) => (
              <th scope="col" key={c.key} title={t(c.title)} data-key={c.key}>
                {c.label || t(c.title)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {result.layers.map((layer) => (
            <tr key={layer.layer}>
              <th scope="row">{layer.layer}</th>
              {columns.map((c) => (
                <td key={c.key} data-key={c.key}>
                  {formatNumber(layer[c.key] as number)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});
