/**
 * Scene 2: an RNN unrolled in time is a deep net with tied weights; the gradient norm against the time lag
 * (lag τ = L − l from the output), with the activation's average slope E[φ′] and χ₁ beside it.
 */
import { activationOf } from '../../../engine/activations';
import type { RunResult } from '../../../engine/experiment';
import { sigmaW2 } from '../../../engine/init';
import { formatNumber } from '../../../engine/format';
import { predictedGradientRatio, slopeSummary } from '../../../lessons/models/gradient-lag';
import { Chart } from '../../charts/Chart';
import { PALETTE, type Figure } from '../../charts/figures';
import { useT } from '../../i18n';

export function GradientLagWidget({ result }: { result: RunResult }) {
  const t = useT();
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
  const figure: Figure = {
    id: 'gradient-lag',
    title: t('widget.lag.title'),
    xTitle: t('widget.lag.lag'),
    yTitle: t('widget.lag.ratio'),
    yLog: true,
    series: [
      {
        name: t('widget.lag.measured'),
        x: lags,
        y: measured,
        kind: 'line',
        color: PALETTE.green,
        symbol: 'circle',
      },
      {
        name: t('widget.lag.predicted'),
        x: lags,
        y: predicted,
        kind: 'line',
        color: PALETTE.green,
        dash: 'dash',
      },
    ],
  };
  return (
    <section className="scene-widget">
      <p data-testid="claim" data-average-slope={slopes.averageSlope} data-chi1={slopes.chi1}>
        {t('widget.lag.slopes', {
          act: e.act,
          slope: formatNumber(slopes.averageSlope),
          chi: formatNumber(slopes.chi1),
          tied: e.tied ? t('widget.lag.tied') : t('widget.lag.untied'),
        })}
      </p>
      <Chart figure={figure} />
    </section>
  );
}
