/**
 * Scene 5: non-negative weights and a non-decreasing activation give an output that never decreases in any
 * input. Live: the output along one input, its worst decrease, and how ReLU and ELU train under the constraint.
 */
import { useMemo } from 'react';
import type { Experiment } from '../../../engine/experiment';
import { formatNumber } from '../../../engine/format';
import { monotonicityCheck } from '../../../lessons/models/monotone';
import { activationParams } from '../../../lessons/models/params';
import { Chart } from '../../charts/Chart';
import { PALETTE, type Figure } from '../../charts/figures';
import { useT } from '../../i18n';
import { useActivationParams } from './use-activation';
import { useMonotoneTraining } from './use-monotone-training';

const TRAIN_STEPS = 300;
const TRAIN_LR = 0.5;

export function MonotoneWidget({ experiment }: { experiment: Experiment }) {
  const t = useT();
  const act = useActivationParams(experiment);
  const check = useMemo(
    () => monotonicityCheck({ activation: act, seed: experiment.seed }),
    [act, experiment.seed],
  );
  const signed = useMemo(
    () => monotonicityCheck({ activation: act, seed: experiment.seed, signed: true }),
    [act, experiment.seed],
  );
  // lr 0.5: where ReLU units die under the constraint in some runs and ELU's do not (see monotone.ts).
  const runs = useMemo(
    () => [
      { activation: activationParams('relu'), seed: experiment.seed, lr: TRAIN_LR, steps: TRAIN_STEPS },
      {
        activation: activationParams('elu', { alpha: 1 }),
        seed: experiment.seed,
        lr: TRAIN_LR,
        steps: TRAIN_STEPS,
      },
    ],
    [experiment.seed],
  );
  const { results } = useMonotoneTraining(runs);
  const steps = Array.from({ length: TRAIN_STEPS + 1 }, (_, i) => i);
  const curve: Figure = {
    id: 'monotone-curve',
    title: t('widget.mono.curve'),
    xTitle: t('widget.mono.input'),
    yTitle: t('widget.mono.output'),
    series: [
      {
        name: t('widget.mono.nonneg'),
        x: Array.from(check.xs),
        y: Array.from(check.ys),
        kind: 'line',
        color: PALETTE.blue,
      },
      {
        name: t('widget.mono.signed'),
        x: Array.from(signed.xs),
        y: Array.from(signed.ys),
        kind: 'line',
        color: PALETTE.vermillion,
        dash: 'dash',
      },
    ],
  };
  const train: Figure | null = results && {
    id: 'monotone-training',
    title: t('widget.mono.training', { lr: TRAIN_LR }),
    xTitle: t('chart.step'),
    yTitle: t('series.loss'),
    y2Title: t('series.dead'),
    yLog: true,
    series: [
      {
        name: 'relu: loss',
        x: steps,
        y: Array.from(results[0].loss),
        kind: 'line',
        color: PALETTE.vermillion,
      },
      { name: 'elu: loss', x: steps, y: Array.from(results[1].loss), kind: 'line', color: PALETTE.blue },
      {
        name: 'relu: dead',
        x: steps,
        y: Array.from(results[0].dead),
        kind: 'line',
        color: PALETTE.vermillion,
        dash: 'dot',
        axis: 'y2',
      },
      {
        name: 'elu: dead',
        x: steps,
        y: Array.from(results[1].dead),
        kind: 'line',
        color: PALETTE.blue,
        dash: 'dot',
        axis: 'y2',
      },
    ],
  };
  return (
    <section className="scene-widget">
      <p data-testid="claim" data-largest-drop={check.largestDrop} data-signed-drop={signed.largestDrop}>
        {t('widget.mono.summary', {
          act: experiment.act,
          drop: formatNumber(check.largestDrop),
          signedDrop: formatNumber(signed.largestDrop),
        })}
      </p>
      <Chart figure={curve} />
      {train ? <Chart figure={train} /> : <p role="status">{t('theory.computing')}</p>}
    </section>
  );
}
