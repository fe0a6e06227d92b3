/**
 * The sweep's set-up: the x axis (key, from, to, points, log), an optional y axis, the metric. Run reads the
 * form through the link's own rules (parse), so what runs is exactly what the URL will say; problems are shown
 * beside the form and nothing runs until sx reads.
 */
import { useId, useState } from 'react';
import type { Experiment } from '../../engine/experiment';
import {
  SWEEP_KEYS,
  SWEEP_METRICS,
  type SweepAxisSpec,
  type SweepKey,
  type SweepMetric,
  type SweepSpec,
} from '../../engine/sweep/types';
import { parse, serialize } from '../../state';
import { useT, type MessageKey } from '../i18n';

/** A new sweep's axes: σ_w from 0.5 to 2.5 against σ_b from 0 to 1, 16 × 16, coloured by χ. */
export const DEFAULT_SWEEP: SweepSpec = {
  x: { key: 'sw', from: 0.5, to: 2.5, n: 16, log: false },
  y: { key: 'sb', from: 0, to: 1, n: 16, log: false },
  metric: 'chi',
};

interface AxisDraft {
  key: SweepKey;
  from: string;
  to: string;
  n: string;
  log: boolean;
}

const draftOf = (a: SweepAxisSpec): AxisDraft => ({
  key: a.key,
  from: String(a.from),
  to: String(a.to),
  n: String(a.n),
  log: a.log,
});

/** The form's axis as a link writes it. */
const axisText = (a: AxisDraft) =>
  `${a.key}:${a.from.trim()}:${a.to.trim()}:${a.n.trim()}${a.log ? 'log' : ''}`;

interface Props {
  readonly experiment: Experiment;
  readonly spec: SweepSpec;
  readonly running: boolean;
  /** A sweep the form reads as (through parse): run it. */
  readonly onRun: (spec: SweepSpec) => void;
  readonly onCancel: () => void;
}

export function SweepForm({ experiment, spec, running, onRun, onCancel }: Props) {
  const t = useT();
  const id = useId();
  const [x, setX] = useState(() => draftOf(spec.x));
  const [y, setY] = useState(() =>
    draftOf(spec.y ?? { ...DEFAULT_SWEEP.y!, key: spec.x.key === 'sb' ? 'sw' : 'sb' }),
  );
  const [twoAxes, setTwoAxes] = useState(spec.y !== null);
  const [metric, setMetric] = useState<SweepMetric>(spec.metric);
  const [problems, setProblems] = useState<readonly string[]>([]);
  const metrics = SWEEP_METRICS.filter(
    (m) => experiment.data !== 'none' || (m !== 'accuracy' && m !== 'test_accuracy'),
  );

  const submit = () => {
    const parts = [`sx=${encodeURIComponent(axisText(x))}`];
    if (twoAxes) parts.push(`sy=${encodeURIComponent(axisText(y))}`);
    parts.push(`metric=${metric}`);
    const read = parse(`${serialize(experiment)}&${parts.join('&')}`);
    setProblems(read.warnings.filter((w) => ['sx', 'sy', 'metric'].includes(w.key)).map((w) => w.message));
    if (read.sweep) onRun(read.sweep);
  };

  const axisFields = (name: 'x' | 'y', axis: AxisDraft, set: (a: AxisDraft) => void, disabled = false) => (
    <fieldset className="sweep-axis" disabled={disabled}>
      <legend>{t(name === 'x' ? 'sweep.xAxis' : 'sweep.yAxis')}</legend>
      <label>
        {t('sweep.key')}{' '}
        <select value={axis.key} onChange={(e) => set({ ...axis, key: e.target.value as SweepKey })}>
          {SWEEP_KEYS.map((k) => (
            <option key={k} value={k}>
              {t(`field.${k}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      {(['from', 'to', 'n'] as const).map((part) => (
        <label key={part}>
          {t(`sweep.${part}`)}{' '}
          <input
            type="text"
            inputMode="decimal"
            size={5}
            value={axis[part]}
            onChange={(e) => set({ ...axis, [part]: e.target.value })}
          />
        </label>
      ))}
      <label>
        <input type="checkbox" checked={axis.log} onChange={(e) => set({ ...axis, log: e.target.checked })} />{' '}
        {t('sweep.log')}
      </label>
    </fieldset>
  );

  return (
    <form
      className="sweep-form"
      aria-label={t('sweep.formLabel')}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {axisFields('x', x, setX)}
      <label className="sweep-two-axes">
        <input type="checkbox" checked={twoAxes} onChange={(e) => setTwoAxes(e.target.checked)} />{' '}
        {t('sweep.twoAxes')}
      </label>
      {axisFields('y', y, setY, !twoAxes)}
      <label htmlFor={`${id}-metric`}>{t('sweep.metric')}</label>{' '}
      <select id={`${id}-metric`} value={metric} onChange={(e) => setMetric(e.target.value as SweepMetric)}>
        {metrics.map((m) => (
          <option key={m} value={m}>
            {t(`sweep.metric.${m}`)}
          </option>
        ))}
      </select>
      <div className="buttons">
        <button type="submit" data-testid="sweep-run">
          {t('sweep.run')}
        </button>
        <button type="button" data-testid="sweep-cancel" disabled={!running} onClick={onCancel}>
          {t('sweep.cancel')}
        </button>
      </div>
      {problems.length > 0 && (
        <ul role="alert" className="warnings sweep-problems">
          {problems.map((p, i) => (
            <li key={i}>{p}</li>
          ))}
        </ul>
      )}
    </form>
  );
}
