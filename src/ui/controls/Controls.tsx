/**
 * Every key of the URL schema as a labelled, keyboard-operable control, grouped as a student thinks of them.
 */
import type { Experiment } from '../../engine/experiment';
import { ACTIVATIONS, INIT_SCHEMES, LOSSES, WEIGHT_DISTS } from '../../engine/experiment';
import { BACKEND_CHOICES, type ViewSettings } from '../../state';
import { useT, type MessageKey } from '../i18n';
import { ActivationPreview } from './ActivationPreview';
import { FIELDS, type NumericField } from './fields';
import { NumberControl } from './NumberControl';
import { SelectControl } from './SelectControl';

/** Training controls' state and actions. */
export interface TrainingControls {
  readonly playing: boolean;
  readonly step: number;
  onPlay(): void;
  onPause(): void;
  onStep(): void;
  onReset(): void;
}

interface Props {
  readonly experiment: Experiment;
  readonly view: ViewSettings;
  readonly training: TrainingControls;
  readonly onExperiment: (change: Partial<Experiment>) => void;
  readonly onView: (change: Partial<ViewSettings>) => void;
}

export function Controls({ experiment, view, training, onExperiment, onView }: Props) {
  const t = useT();
  const numeric = (fields: readonly NumericField[]) =>
    fields
      .filter((f) => f.shown(experiment))
      .map((f) => (
        <NumberControl
          key={f.key}
          field={f}
          label={t(`field.${f.key}` as MessageKey)}
          value={experiment[f.key] as number}
          onChange={(value) => onExperiment({ [f.key]: value })}
        />
      ));
  const options = <V extends string>(prefix: string, values: readonly V[]) =>
    values.map((value) => ({ value, label: t(`${prefix}.${value}` as MessageKey) }));

  return (
    <form className="controls" aria-label={t('controls.title')} onSubmit={(e) => e.preventDefault()}>
      <fieldset>
        <legend>{t('controls.activation')}</legend>
        <SelectControl
          name="act"
          label={t('field.act')}
          value={experiment.act}
          options={options('act', ACTIVATIONS)}
          onChange={(act) => onExperiment({ act })}
        />
        {numeric(FIELDS.activation)}
        <ActivationPreview experiment={experiment} />
      </fieldset>
      <fieldset>
        <legend>{t('controls.network')}</legend>
        {numeric(FIELDS.network)}
      </fieldset>
      <fieldset>
        <legend>{t('controls.init')}</legend>
        <SelectControl
          name="init"
          label={t('field.init')}
          value={experiment.init}
          options={options('init', INIT_SCHEMES)}
          onChange={(init) => onExperiment({ init })}
        />
        <SelectControl
          name="dist"
          label={t('field.dist')}
          value={experiment.dist}
          options={options('dist', WEIGHT_DISTS)}
          onChange={(dist) => onExperiment({ dist })}
        />
        {numeric(FIELDS.init)}
      </fieldset>
      <fieldset>
        <legend>{t('controls.data')}</legend>
        {numeric(FIELDS.data)}
        <div className="field" data-field="seed">
          <label htmlFor="seed-input">{t('field.seed')}</label>
          <div className="field-inputs">
            <input
              id="seed-input"
              type="number"
              min={0}
              max={4294967295}
              step={1}
              value={experiment.seed}
              onChange={(e) => e.target.value !== '' && onExperiment({ seed: Number(e.target.value) })}
            />
            <button
              type="button"
              onClick={() => onExperiment({ seed: crypto.getRandomValues(new Uint32Array(1))[0] })}
            >
              {t('button.reseed')}
            </button>
          </div>
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('controls.training')}</legend>
        <SelectControl
          name="loss"
          label={t('field.loss')}
          value={experiment.loss}
          options={options('loss', LOSSES)}
          onChange={(loss) => onExperiment({ loss })}
        />
        {numeric(FIELDS.training)}
        <p className="steps" data-testid="steps">
          {t('field.steps')}: <output>{training.step}</output>
        </p>
        <div className="buttons">
          {training.playing ? (
            <button type="button" onClick={training.onPause} aria-pressed="true">
              {t('button.pause')}
            </button>
          ) : (
            <button type="button" onClick={training.onPlay} aria-pressed="false">
              {t('button.play')}
            </button>
          )}
          <button type="button" onClick={training.onStep} disabled={training.playing}>
            {t('button.step')}
          </button>
          <button type="button" onClick={training.onReset}>
            {t('button.reset')}
          </button>
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('controls.engine')}</legend>
        <SelectControl
          name="backend"
          label={t('field.backend')}
          value={view.backend}
          options={options('backend', BACKEND_CHOICES)}
          onChange={(backend) => onView({ backend })}
        />
      </fieldset>
    </form>
  );
}
