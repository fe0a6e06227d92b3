/** Scene 1: how many units are dead, and (hybrid) in how many layers ∂L/∂k is exactly zero. */
import type { RunResult } from '../../../engine/experiment';
import { useT } from '../../i18n';

export function DeadUnitsWidget({ result }: { result: RunResult }) {
  const t = useT();
  const units = result.experiment.width * result.layers.length;
  const dead = result.layers.reduce((s, l) => s + l.dead, 0);
  const hybrid = result.experiment.act === 'hybrid';
  const zeroKnobGrad = result.layers.filter((l) => l.knobGrad === 0).length;
  return (
    <section className="scene-widget" aria-label={t('widget.dead.title')}>
      <p data-testid="claim" data-dead={dead} data-units={units}>
        {t('widget.dead.count', { dead, units, percent: ((100 * dead) / units).toFixed(1) })}
      </p>
      {hybrid && (
        <p data-testid="knob-claim" data-zero-layers={zeroKnobGrad} data-layers={result.layers.length}>
          {t('widget.dead.knob', { zero: zeroKnobGrad, layers: result.layers.length })}
        </p>
      )}
    </section>
  );
}
