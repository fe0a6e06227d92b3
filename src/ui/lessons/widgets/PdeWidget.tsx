/**
 * Scene 7: a learned update u ← u + Δt·N(u) for the 1-D heat equation. Its Jacobian at the equilibrium scales
 * with φ′(0); live, for ELU and SiLU side by side (and the experiment's own activation when it is neither):
 * the eigenvalues against the unit circle and rollouts that stay bounded or blow up, one colour, line style and
 * marker per activation. The line of the experiment's own activation carries data-testid "claim"; every line
 * carries data-act.
 */
import { useMemo, useState } from 'react';
import { makeActivation } from '../../../engine/activations';
import type { Experiment } from '../../../engine/experiment';
import { formatNumber } from '../../../engine/format';
import { contrastActivations, solverRuns } from '../../../lessons/models/pde';
import { linspace } from '../../../lessons/models/params';
import { runLabels } from '../../../state';
import { Chart } from '../../charts/Chart';
import { RUN_STYLES } from '../../charts/compare-figures';
import type { Figure, Series } from '../../charts/figures';
import { useT } from '../../i18n';
import { useActivationParams } from './use-activation';
import { SliderField } from './SliderField';

const ROLLOUT_STEPS = 200;
const SYMBOLS = ['circle', 'square', 'diamond'] as const;

export function PdeWidget({ experiment }: { experiment: Experiment }) {
  const t = useT();
  const [dt, setDt] = useState(0.7);
  const own = useActivationParams(experiment);
  const runs = useMemo(
    () => solverRuns(contrastActivations(own), dt, ROLLOUT_STEPS, experiment.seed),
    [own, dt, experiment.seed],
  );
  // Named as the playground names runs ("ELU", "SiLU", "ELU α = 0.5").
  const labels = runLabels(runs.map((r) => ({ ...experiment, ...r.activation })));
  const circle = Array.from(linspace(0, 2 * Math.PI, 121));
  const style = (i: number) => RUN_STYLES[i % RUN_STYLES.length];
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
      ...runs.map((r, i): Series => ({
        name: `${labels[i]} · ${t('widget.pde.eigenvalues')}`,
        x: r.spectrum.eigenvalues.map((e) => e.re),
        y: r.spectrum.eigenvalues.map((e) => e.im),
        kind: 'line',
        color: style(i).color,
        symbol: SYMBOLS[i % SYMBOLS.length],
        dash: style(i).dash,
      })),
    ],
  };
  const roll: Figure = {
    id: 'pde-rollout',
    title: t('widget.pde.rollout'),
    xTitle: t('chart.step'),
    yTitle: 'max |u|',
    yLog: true,
    series: runs.map((r, i): Series => {
      const norms = Array.from(r.rollout.maxNorm);
      return {
        name: `${labels[i]} · max |u|`,
        x: norms.map((_, k) => k),
        y: norms.map((v) => (Number.isFinite(v) ? v : null)),
        kind: 'line',
        color: style(i).color,
        dash: style(i).dash,
      };
    }),
  };
  const ownIndex = runs.findIndex((r) => r.activation === own);
  return (
    <section className="scene-widget">
      <SliderField label={t('widget.pde.dt')} value={dt} min={0.05} max={1.5} step={0.05} onChange={setDt} />
      {runs.map((r, i) => (
        <p
          key={i}
          data-testid={i === ownIndex ? 'claim' : undefined}
          data-act={r.activation.act}
          data-radius={r.radius}
          data-growth={r.rollout.growth}
        >
          {`${labels[i]}: `}
          {t('widget.pde.summary', {
            slope: formatNumber(makeActivation(r.activation).dphi(0)),
            radius: formatNumber(r.radius),
            verdict: r.radius > 1 + 1e-9 ? t('widget.pde.unstable') : t('widget.pde.stable'),
            growth: formatNumber(r.rollout.growth),
          })}
        </p>
      ))}
      <Chart figure={eigen} />
      <Chart figure={roll} />
    </section>
  );
}
