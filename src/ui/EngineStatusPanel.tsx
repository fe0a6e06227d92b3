/**
 * Which engine runs and why, the run's state (with progress and Cancel for long runs), the loss, and where
 * the numbers broke when a layer's statistics overflow or turn NaN.
 */
import { firstOverflow } from '../engine/overflow';
import type { EngineInfo } from '../engine/protocol';
import { useT, type MessageKey, type Translate } from './i18n';
import type { EngineState } from './use-engine';

export function EngineStatusPanel({ engine, playing }: { engine: EngineState; playing: boolean }) {
  const t = useT();
  const { status, update } = engine;
  const overflow = update ? firstOverflow(update.result.layers) : null;
  return (
    <div className="engine-status" aria-live="polite">
      {update && (
        <p data-testid="engine" data-kind={update.engine.kind}>
          <strong>{t('engine.in_use', { kind: t(`backend.${update.engine.kind}`) })}</strong>{' '}
          {update.engine.threads !== undefined && (
            <span data-testid="threads" data-threads={update.engine.threads}>
              {t('engine.threads', { threads: update.engine.threads })}{' '}
            </span>
          )}
          {t('engine.reason', { reason: engineReason(t, update.engine) })}{' '}
          <span data-testid="loss">
            {t('engine.summary', {
              loss: update.result.loss.toPrecision(6),
              ms: update.result.ms.toFixed(0),
            })}
          </span>
        </p>
      )}
      {overflow && (
        <p role="alert" className="error" data-testid="overflow" data-layer={overflow.layer}>
          {t(`overflow.${overflow.kind}`, {
            what: t(`overflow.${overflow.key}` as MessageKey),
            layer: overflow.layer,
          })}
        </p>
      )}
      {status.state === 'running' && (
        <div className="running">
          <p>{playing && update ? t('engine.training', { step: update.step }) : t('engine.running')}</p>
          {status.total !== undefined && status.done !== undefined && (
            <p>
              <label>
                {t('engine.progress', { done: status.done, total: status.total })}{' '}
                <progress max={status.total} value={status.done} />
              </label>{' '}
              <button type="button" onClick={engine.cancel}>
                {t('engine.cancel')}
              </button>
            </p>
          )}
        </div>
      )}
      {status.state === 'cancelled' && <p role="status">{t('engine.cancelled')}</p>}
      {status.state === 'failed' && (
        <p role="alert" className="error" data-testid="run-error">
          {t('engine.failed', { message: status.message })}
        </p>
      )}
    </div>
  );
}

/** Why this engine runs, phrased in the page's language (technical details stay as the engines word them). */
export function engineReason(t: Translate, engine: EngineInfo): string {
  const name = (kind: EngineInfo['kind']) => t(`backend.${kind}`);
  if (engine.unsupported)
    return t('engine.unsupported', { detail: engine.unsupported, engine: name(engine.kind) });
  const passed = engine.fallbacks.map((f) =>
    t('engine.passedOver', { engine: name(f.kind), detail: f.reason }),
  );
  return [...passed, t('engine.using', { engine: name(engine.kind) })].join(t('engine.separator'));
}
