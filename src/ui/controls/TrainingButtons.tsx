/** Train / pause, one step, reset, and the number of SGD steps the charts show. */
import { useT } from '../i18n';

/** Training controls' state and actions. */
export interface TrainingControls {
  readonly playing: boolean;
  readonly step: number;
  onPlay(): void;
  onPause(): void;
  onStep(): void;
  onReset(): void;
}

export function TrainingButtons({ training }: { training: TrainingControls }) {
  const t = useT();
  return (
    <>
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
    </>
  );
}
