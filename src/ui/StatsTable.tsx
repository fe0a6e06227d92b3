/**
 * The per-layer statistics as an accessible table: a caption, column headers with scope, row headers per
 * layer, and numbers formatted as the CLI prints them (6 significant digits).
 */
import type { LayerStats, RunResult } from '../engine/experiment';
import { formatNumber } from '../engine/format';

const COLUMNS: ReadonlyArray<{ key: keyof LayerStats; label: string; title: string }> = [
  { key: 'preMean', label: 'pre mean', title: 'mean of z = h·W + b' },
  { key: 'preVar', label: 'pre var', title: 'variance of z' },
  { key: 'postMean', label: 'post mean', title: 'mean of φ(z)' },
  { key: 'postVar', label: 'post var', title: 'variance of φ(z)' },
  { key: 'dead', label: 'dead', title: 'units with φ′(z) = 0 for every example' },
  { key: 'saturated', label: 'saturated', title: 'units with |φ′(z)| < 0.01 for every example' },
  { key: 'gradNorm', label: '‖∂L/∂h‖', title: 'norm of the loss gradient at this layer’s output' },
  { key: 'weightGradNorm', label: '‖∂L/∂W‖', title: 'norm of the loss gradient of this layer’s weights' },
];

const HYBRID_COLUMNS: typeof COLUMNS = [
  { key: 'knob', label: 'k', title: 'this layer’s ReLU↔ELU blend' },
  { key: 'knobGrad', label: '∂L/∂k', title: 'gradient of the loss with respect to k' },
];

/** Renders one run's statistics. */
export function StatsTable({ result }: { result: RunResult }) {
  const columns = result.experiment.act === 'hybrid' ? [...COLUMNS, ...HYBRID_COLUMNS] : COLUMNS;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="stats-caption">
      <table className="stats" data-testid="stats-table">
        <caption id="stats-caption">
          Per-layer statistics over the whole batch ({result.experiment.batch} examples ×{' '}
          {result.experiment.width} units), computed by the {result.backend} engine
        </caption>
        <thead>
          <tr>
            <th scope="col">layer</th>
            {columns.map((c) => (
              <th scope="col" key={c.key} title={c.title} data-key={c.key}>
                {c.label}
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
}
