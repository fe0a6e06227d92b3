/**
 * Scene 2: an RNN unrolled in time is a deep net with tied weights; the gradient norm against the time lag
 * (lag τ = L − l from the output), with the activation's average slope E[φ′] and χ₁ beside it, for every run
 * of the view on the same axes (a run's colour and line style as in the playground's charts). The main run's
 * line carries data-testid "claim".
 */
import { activationOf } from '../../../engine/activations';
import type { RunResult } from '../../../engine/experiment';
import { sigmaW2 } from '../../../engine/init';
import { formatNumber } from '../../../engine/format';
import { predictedGradientRatio, slopeSummary } from '../../../lessons/models/gradient-lag';
import { Chart } from '../../charts/Chart';
import { RUN_STYLES } from '../../charts/compare-figures';
import type { Figure, Series } from '../../charts/figures';
import { useT } from '../../i18n';
import type { SceneRun } from './scene-run';

/** A run's slopes at its first layer's pre-activation variance, and its gradient ratios against the lag. */
function lagOf(result: RunResult) {
  const e = result.experiment;
  const act = activationOf(e).params;
  const sw2 = sigmaW2(e.init, e.sw, e.width, e.width);
  // Pre-activation variance of the first layer: the unrolled net's inputs are N(in_mean, in_std²).
  const q = sw2 * (e.in_mean ** 2 + e.in_std ** 2) + e.sb ** 2;
  const slopes = slopeSummary(act, q, sw2);
  const L = result.layers.length;
  const lags = result.layers.map((l) => L - l.layer).reverse();
  const measured = [...result.layers].reverse().map((l) => l.gradNorm / result.layers[L - 1].gradNorm);
  const predicted = Array.from(predictedGradientRatio(slopes.chi1, lags));
  return { slopes, lags, measured, predicted };
}

export function GradientLagWidget({ runs }: { runs: readonly SceneRun[] }) {
  const t = useT();
  const lagged = runs.map((run) => lagOf(run.result));
  const name = (i: number, key: 'widget.lag.measured' | 'widget.lag.predicted') =>
    runs.length > 1 ? `${runs[i].label} · ${t(key)}` : t(key);
  const series: Series[] = lagged.flatMap(({ lags, measured, predicted }, i) => {
    const { color, dash } = RUN_STYLES[i % RUN_STYLES.length];
    return [
      {
        name: name(i, 'widget.lag.measured'),
        x: lags,
        y: measured,
        kind: 'line',
        color,
        dash,
        symbol: 'circle',
      },
      { name: name(i, 'widget.lag.predicted'), x: lags, y: predicted, kind: 'line', color, dash: 'dot' },
    ];
  });
  const figure: Figure = {
    id: 'gradient-lag',
    title: t('widget.lag.title'),
    xTitle: t('widget.lag.lag'),
    yTitle: t('widget.lag.ratio'),
    yLog: true,
    series,
  };
  return (
    <section className="scene-widget">
      {runs.map(({ label, result }, i) => {
        const { slopes } = lagged[i];
        return (
          <p
            key={i}
            data-testid={i === 0 ? 'claim' : undefined}
            data-run={i}
            data-average-slope={slopes.averageSlope}
            data-chi1={slopes.chi1}
          >
            {t('widget.lag.slopes', {
              // The run's label names it (and what else differs) where there are several runs.
              act: runs.length > 1 ? label : result.experiment.act,
              slope: formatNumber(slopes.averageSlope),
              chi: formatNumber(slopes.chi1),
              tied: result.experiment.tied ? t('widget.lag.tied') : t('widget.lag.untied'),
            })}
          </p>
        );
      })}
      <Chart figure={figure} />
    </section>
  );
}
