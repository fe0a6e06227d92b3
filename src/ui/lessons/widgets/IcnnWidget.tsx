/**
 * Scene 6: an input-convex network is convex in its input only if φ is convex and non-decreasing; ELU is
 * convex only for α ≤ 1 (left slope α at 0, right slope 1). Live: φ′ around 0 with its jump, the network along
 * a line, and the midpoint-convexity test.
 */
import { useMemo } from 'react';
import type { Experiment } from '../../../engine/experiment';
import { formatNumber } from '../../../engine/format';
import { kinkSamples, midpointConvexity } from '../../../lessons/models/icnn';
import { Chart } from '../../charts/Chart';
import { PALETTE, type Figure } from '../../charts/figures';
import { useT } from '../../i18n';
import { useActivationParams } from './use-activation';

/** Violations up to this size are rounding, not a failure of convexity. */
export const CONVEXITY_TOLERANCE = 1e-9;

export function IcnnWidget({ experiment }: { experiment: Experiment }) {
  const t = useT();
  const act = useActivationParams(experiment);
  const kink = useMemo(() => kinkSamples(act), [act]);
  const test = useMemo(
    () => midpointConvexity({ activation: act, seed: experiment.seed }),
    [act, experiment.seed],
  );
  const convex = test.violation <= CONVEXITY_TOLERANCE;
  const slopes: Figure = {
    id: 'icnn-kink',
    title: t('widget.icnn.kink'),
    xTitle: 'z',
    series: [
      { name: 'φ(z)', x: Array.from(kink.z), y: Array.from(kink.phi), kind: 'line', color: PALETTE.blue },
      {
        name: 'φ′(z)',
        x: Array.from(kink.z),
        y: Array.from(kink.dphi),
        kind: 'line',
        color: PALETTE.vermillion,
        dash: 'dash',
      },
    ],
  };
  const line: Figure = {
    id: 'icnn-line',
    title: t('widget.icnn.line'),
    xTitle: 't',
    yTitle: 'f(a + t·(b − a))',
    series: [
      { name: 'f', x: Array.from(test.ts), y: Array.from(test.fs), kind: 'line', color: PALETTE.green },
    ],
  };
  return (
    <section className="scene-widget">
      <p data-testid="claim" data-violation={test.violation} data-convex={convex} data-jump={kink.jump}>
        {t('widget.icnn.summary', {
          left: formatNumber(kink.leftSlope),
          right: formatNumber(kink.rightSlope),
          violation: formatNumber(test.violation),
          verdict: convex ? t('widget.icnn.convex') : t('widget.icnn.notConvex'),
        })}
      </p>
      <Chart figure={slopes} />
      <Chart figure={line} />
    </section>
  );
}
