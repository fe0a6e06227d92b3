/**
 * Scene 1: how many units are dead in each run, and (hybrid) in how many layers ∂L/∂k is exactly zero. The main
 * run's lines carry data-testid "claim" / "knob-claim"; every line carries data-run (0 = main run).
 */
import { useT } from '../../i18n';
import { runPrefix, type SceneRun } from './scene-run';

export function DeadUnitsWidget({ runs }: { runs: readonly SceneRun[] }) {
  const t = useT();
  return (
    <section className="scene-widget" aria-label={t('widget.dead.title')}>
      {runs.map(({ result }, i) => {
        const units = result.experiment.width * result.layers.length;
        const dead = result.layers.reduce((s, l) => s + l.dead, 0);
        const hybrid = result.experiment.act === 'hybrid';
        const zeroKnobGrad = result.layers.filter((l) => l.knobGrad === 0).length;
        return (
          <div key={i} data-run={i}>
            <p data-testid={i === 0 ? 'claim' : undefined} data-run={i} data-dead={dead} data-units={units}>
              {runPrefix(runs, i)}
              {t('widget.dead.count', { dead, units, percent: ((100 * dead) / units).toFixed(1) })}
            </p>
            {hybrid && (
              <p
                data-testid={i === 0 ? 'knob-claim' : undefined}
                data-run={i}
                data-zero-layers={zeroKnobGrad}
                data-layers={result.layers.length}
              >
                {runPrefix(runs, i)}
                {t('widget.dead.knob', { zero: zeroKnobGrad, layers: result.layers.length })}
              </p>
            )}
          </div>
        );
      })}
    </section>
  );
}
