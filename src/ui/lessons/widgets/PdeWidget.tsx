/**
 * Scene 7: a learned update u ← u + Δt·N(u) for the 1-D heat equation. Its Jacobian at the equilibrium scales
 * with φ′(0); live: the eigenvalues against the unit circle and a rollout that stays bounded or blows up.
 */
import { useMemo, useState } from 'react';
import { activationOf } from '../../../engine/activations';
import type { Experiment } from '../../../engine/experiment';
import { formatNumber } from '../../../engine/format';
import { jacobianEigenvalues, rollout, spectralRadius } from '../../../lessons/models/pde';
import { linspace } from '../../../lessons/models/params';
import { Chart } from '../../charts/Chart';
import { PALETTE, type Figure } from '../../charts/figures';
import { useT } from '../../i18n';
import { useActivationParams } from './use-activation';
import { SliderField } from './SliderField';

const ROLLOUT_STEPS = 200;

export function PdeWidget({ experiment }: { experiment: Experiment }) {
  const t = useT();
  const [dt, setDt] = useState(0.7);
  const act = useActivationParams(experiment);
  const spectrum = useMemo(() => jacobianEigenvalues({ activation: act, dt }), [act, dt]);
  const run = useMemo(
    () => rollout({ activation: act, dt, steps: ROLLOUT_STEPS, seed: experiment.seed }),
    [act, dt, experiment.seed],
  );
  const radius = spectralRadius(spectrum.eigenvalues);
  const circle = Array.from(linspace(0, 2 * Math.PI, 121));
  const eigen: Figure = {
    id: 'pde-eigenvalues',
    title: t('widget.pde.eigen'),
    xTitle: 'Re λ',
    yTitle: 'Im λ',
    series: [
      {
        name: t('widget.pde.circle'),
        x: circle.map(Math.cos),
        y: circle.map(Math.sin),
        kind: 'line',
        color: '#7a7c8a',
        dash: 'dot',
      },
      {
        name: t('widget.pde.eigenvalues'),
        x: spectrum.eigenvalues.map((e) => e.re),
        y: spectrum.eigenvalues.map((e) => e.im),
        kind: 'line',
        color: PALETTE.vermillion,
        symbol: 'circle',
        dash: 'dot',
      },
    ],
  };
  const norms = Array.from(run.maxNorm);
  const roll: Figure = {
    id: 'pde-rollout',
    title: t('widget.pde.rollout'),
    xTitle: t('chart.step'),
    yTitle: 'max |u|',
    yLog: true,
    series: [
      {
        name: 'max |u|',
        x: norms.map((_, i) => i),
        y: norms.map((v) => (Number.isFinite(v) ? v : null)),
        kind: 'line',
        color: PALETTE.blue,
      },
    ],
  };
  return (
    <section className="scene-widget">
      <SliderField label={t('widget.pde.dt')} value={dt} min={0.05} max={1.5} step={0.05} onChange={setDt} />
      <p data-testid="claim" data-radius={radius} data-growth={run.growth}>
        {t('widget.pde.summary', {
          slope: formatNumber(activationOf(experiment).dphi(0)),
          radius: formatNumber(radius),
          verdict: radius > 1 ? t('widget.pde.unstable') : t('widget.pde.stable'),
          growth: formatNumber(run.growth),
        })}
      </p>
      <Chart figure={eigen} />
      <Chart figure={roll} />
    </section>
  );
}
