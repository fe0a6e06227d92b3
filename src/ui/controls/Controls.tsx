/**
 * Every key of the URL schema as a labelled, keyboard-operable control, grouped as a student thinks of them.
 * In presentation mode `only` lists the keys a scene shows; every other control is left out.
 */
import { memo, type ReactNode } from 'react';
import type { Experiment } from '../../engine/experiment';
import { ACTIVATIONS, INIT_SCHEMES, WEIGHT_DISTS, type LossKind } from '../../engine/experiment';
import { BACKEND_CHOICES, type Overrides, type ViewSettings } from '../../state';
import { useT, type MessageKey } from '../i18n';
import { ActivationPreview } from './ActivationPreview';
import { CompareControls } from './CompareControls';
import { FIELDS, type NumericField } from './fields';
import { NumberControl } from './NumberControl';
import { SelectControl } from './SelectControl';
import { SeedControl } from './SeedControl';
import { TaskControls } from './TaskControls';
import { TrainingButtons, type TrainingControls } from './TrainingButtons';

export type { TrainingControls };

interface Props {
  readonly experiment: Experiment;
  readonly view: ViewSettings;
  readonly training: TrainingControls;
  readonly onExperiment: (change: Partial<Experiment>) => void;
  readonly onView: (change: Partial<ViewSettings>) => void;
  /** Keys to show (presentation mode); all when absent. `training` stands for the play/step/reset buttons. */
  readonly only?: ReadonlySet<string>;
  /** The compared runs (`vs`) and each run's label (the main run's first), for the Compare section. */
  readonly compare: readonly Overrides[];
  readonly labels: readonly string[];
  readonly onCompare: (compare: readonly Overrides[]) => void;
  /** Opens the sweep view (a stable callback: the sidebar is memoized). */
  readonly onSweep?: () => void;
}

/**
 * Memoized: the engine's messages (three per slider step: the theory's prediction, the forward statistics, the
 * result) re-render the page, and the sidebar has nothing to redraw for them.
 */
export const Controls = memo(function Controls({
  experiment,
  view,
  training,
  onExperiment,
  onView,
  only,
  compare,
  labels,
  onCompare,
  onSweep,
}: Props) {
  const t = useT();
  const visible = (key: string) => !only || only.has(key);
  const numeric = (fields: readonly NumericField[]) =>
    fields
      .filter((f) => f.shown(experiment) && visible(f.key))
      .map((f) => (
        <NumberControl
          key={f.key}
          field={f}
          label={t(`field.${f.key}` as MessageKey)}
          value={experiment[f.key] as number}
          onChange={(value) => onExperiment({ [f.key]: value })}
        />
      ));
  const select = <K extends 'act' | 'init' | 'dist' | 'loss'>(
    key: K,
    values: readonly Experiment[K][],
    label: (value: Experiment[K]) => MessageKey = (value) => `${key}.${value}` as MessageKey,
  ) =>
    visible(key) && (
      <SelectControl
        key={key}
        name={key}
        label={t(`field.${key}`)}
        value={experiment[key]}
        options={values.map((value) => ({ value, label: t(label(value)) }))}
        onChange={(value) => onExperiment({ [key]: value } as Partial<Experiment>)}
      />
    );
  // Against labels: cross-entropy or MSE to the one-hot labels; without: MSE to random targets or the probe.
  const dataSet = experiment.data !== 'none';
  const losses: readonly LossKind[] = dataSet ? ['xent', 'mse'] : ['mse', 'probe'];
  const lossLabel = (loss: LossKind): MessageKey =>
    dataSet && loss === 'mse' ? 'loss.mseLabels' : `loss.${loss}`;
  const group = (legend: MessageKey, children: ReactNode[]) => {
    const shown = children.flat().filter(Boolean);
    return (
      shown.length > 0 && (
        <fieldset>
          <legend>{t(legend)}</legend>
          {shown}
        </fieldset>
      )
    );
  };

  return (
    <form className="controls" aria-label={t('controls.title')} onSubmit={(e) => e.preventDefault()}>
      {group('controls.task', [
        (visible('data') || visible('noise')) && (
          <TaskControls key="task" experiment={experiment} onExperiment={onExperiment} visible={visible} />
        ),
      ])}
      {group('controls.activation', [
        select('act', ACTIVATIONS),
        numeric(FIELDS.activation),
        visible('act') && <ActivationPreview key="preview" experiment={experiment} />,
      ])}
      {group('controls.network', [numeric(FIELDS.network)])}
      {group('controls.init', [
        select('init', INIT_SCHEMES),
        select('dist', WEIGHT_DISTS),
        numeric(FIELDS.init),
      ])}
      {group('controls.data', [
        numeric(FIELDS.data),
        visible('seed') && (
          <SeedControl key="seed" seed={experiment.seed} onSeed={(seed) => onExperiment({ seed })} />
        ),
      ])}
      {group('controls.training', [
        select('loss', losses, lossLabel),
        numeric(FIELDS.training),
        visible('training') && <TrainingButtons key="training" training={training} />,
      ])}
      {group('controls.compare', [
        visible('compare') && (
          <CompareControls
            key="compare"
            experiment={experiment}
            labels={labels}
            compare={compare}
            onCompare={onCompare}
          />
        ),
      ])}
      {group('controls.sweep', [
        onSweep && visible('sweep') && (
          <div key="sweep" className="field">
            <p className="note">{t('sweep.openHint')}</p>
            <button type="button" data-testid="open-sweep" onClick={onSweep}>
              {t('sweep.open')}
            </button>
          </div>
        ),
      ])}
      {group('controls.engine', [
        visible('backend') && (
          <SelectControl
            key="backend"
            name="backend"
            label={t('field.backend')}
            value={view.backend}
            options={BACKEND_CHOICES.map((value) => ({ value, label: t(`backend.${value}`) }))}
            onChange={(backend) => onView({ backend })}
          />
        ),
      ])}
    </form>
  );
});
