/**
 * Scene 4: signed messages on a heterophilous graph. Mean-aggregated neighbour features are often negative;
 * ReLU erases them, ELU keeps their sign. Live: how much signed information survives φ, against ReLU.
 */
import { useMemo, useState } from 'react';
import type { Experiment } from '../../../engine/experiment';
import { heterophilySweep, signedInformation } from '../../../lessons/models/heterophily';
import { activationParams, linspace } from '../../../lessons/models/params';
import { Chart } from '../../charts/Chart';
import { PALETTE, type Figure } from '../../charts/figures';
import type { Translate } from '../../i18n';
import { useT } from '../../i18n';
import { useActivationParams } from './use-activation';
import { SliderField } from './SliderField';

const GRAPH = { nodes: 400, seed: 7, noise: 0.5 } as const;

export function HeterophilyWidget({ experiment }: { experiment: Experiment }) {
  const t = useT();
  const [h, setH] = useState(0.8);
  const act = useActivationParams(experiment);
  const relu = activationParams('relu');
  const info = useMemo(() => signedInformation({ ...GRAPH, activation: act, heterophily: h }), [act, h]);
  const reluInfo = useMemo(
    () => signedInformation({ ...GRAPH, activation: relu, heterophily: h }),
    [relu, h],
  );
  const sweep = useMemo(() => {
    const hs = linspace(0, 1, 11);
    return {
      hs: Array.from(hs),
      ours: heterophilySweep({ ...GRAPH, activation: act }, hs),
      relu: heterophilySweep({ ...GRAPH, activation: relu }, hs),
    };
  }, [act, relu]);
  const figure: Figure = {
    id: 'heterophily',
    title: t('widget.het.chart'),
    xTitle: t('widget.het.h'),
    yTitle: t('widget.het.accuracy'),
    series: [
      {
        name: experiment.act,
        x: sweep.hs,
        y: sweep.ours.map((p) => p.accuracy),
        kind: 'line',
        color: PALETTE.blue,
        symbol: 'circle',
      },
      {
        name: 'relu',
        x: sweep.hs,
        y: sweep.relu.map((p) => p.accuracy),
        kind: 'line',
        color: PALETTE.vermillion,
        symbol: 'square',
        dash: 'dash',
      },
    ],
  };
  return (
    <section className="scene-widget">
      <SliderField label={t('widget.het.h')} value={h} min={0} max={1} step={0.05} onChange={setH} />
      <p
        data-testid="claim"
        data-sign-preserved={info.signPreserved}
        data-accuracy={info.accuracy}
        data-relu-sign-preserved={reluInfo.signPreserved}
        data-relu-accuracy={reluInfo.accuracy}
      >
        {t('widget.het.summary', {
          negative: percent(info.negativeFraction),
          kept: percent(info.signPreserved),
          act: experiment.act,
          reluKept: percent(reluInfo.signPreserved),
          accuracy: percent(info.accuracy),
          reluAccuracy: percent(reluInfo.accuracy),
        })}
      </p>
      <Chart figure={messageHistogram(t, info.messages, info.outputs, reluInfo.outputs, experiment.act)} />
      <Chart figure={figure} />
    </section>
  );
}

const percent = (x: number) => (Number.isFinite(x) ? (100 * x).toFixed(1) : '—');

const BINS = 30;
const RANGE = 1.6;

/** Shares of `values` in BINS equal bins on [−RANGE, RANGE] (values outside fall in the edge bins). */
function shares(values: Float64Array): number[] {
  const counts = new Array<number>(BINS).fill(0);
  for (const v of values)
    counts[Math.min(BINS - 1, Math.max(0, Math.floor(((v + RANGE) / (2 * RANGE)) * BINS)))]++;
  return counts.map((c) => c / values.length);
}

/** The messages before φ, after this activation and after ReLU, as one histogram. */
function messageHistogram(
  t: Translate,
  messages: Float64Array,
  outputs: Float64Array,
  relu: Float64Array,
  act: string,
): Figure {
  const x = Array.from({ length: BINS }, (_, i) => -RANGE + ((i + 0.5) * 2 * RANGE) / BINS);
  return {
    id: 'heterophily-messages',
    title: t('widget.het.histogram'),
    xTitle: t('widget.het.message'),
    yTitle: t('chart.share'),
    series: [
      {
        name: t('widget.het.before'),
        x,
        y: shares(messages),
        kind: 'bar',
        color: PALETTE.black,
        pattern: '',
      },
      {
        name: `${t('widget.het.after')} ${act}`,
        x,
        y: shares(outputs),
        kind: 'bar',
        color: PALETTE.blue,
        pattern: '.',
      },
      {
        name: `${t('widget.het.after')} relu`,
        x,
        y: shares(relu),
        kind: 'bar',
        color: PALETTE.vermillion,
        pattern: '/',
      },
    ],
  };
}
