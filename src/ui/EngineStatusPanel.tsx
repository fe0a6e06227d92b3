/** Which engine runs and why, the run's state, and the loss. */
import { useT } from './i18n';
import type { EngineState } from './use-engine';

export function EngineStatusPanel({ engine, playing }: { engine: EngineState; playing: boolean }) {
  const t = useT();
  const { status, update } = engine;
  return (
    <div className="engine-status" aria-live="polite">
      {update && (
        <p data-testid="engine" data-kind={update.engine.kind}>
          <strong>{t('engine.in_use', { kind: t(`backend.${update.engine.kind}`) })}</strong>{' '}
          {t('engine.reason', { reason: update.engine.reason })}{' '}
          <span data-testid="loss">
            {t('engine.summary', {
              loss: update.result.loss.toPrecision(6),
              ms: update.result.ms.toFixed(0),
            })}
          </span>
        </p>
      )}
      {status.state === 'running' && (
        <p className="running">
          {playing && update ? t('engine.training', { step: update.step }) : t('engine.running')}
        </p>
      )}
      {status.state === 'failed' && (
        <p role="alert" className="error">
          {t('engine.failed', { message: status.message })}
        </p>
      )}
    </div>
  );
}
