/**
 * Which engine runs and why, the run's state (with progress and Cancel for long runs), the loss (and with a
 * data set the accuracy), and where the numbers broke when a layer's statistics overflow or turn NaN.
 */
import { useEffect, useState } from 'react';
import { firstOverflow } from '../engine/overflow';
import type { EngineInfo } from '../engine/protocol';
import { useT, type MessageKey, type Translate } from './i18n';
import type { EngineState } from './use-engine';

/**
 * A run's "Running…" line (and a long run's progress and Cancel; in passes that take seconds, how far the
 * pass is) appear once it has run this long: the run of a slider step (~0.1 s) would otherwise insert and
 * remove a line above the charts on every press, moving every chart down and back up (a flicker on a projector, and a relayout and repaint of the whole page that
 * the engine's own run then competes with). `data-state` tells scripts and tests the state at once.
 */
export const RUNNING_SHOWN_AFTER_MS = 400;

export function EngineStatusPanel({ engine, playing }: { engine: EngineState; playing: boolean }) {
  const t = useT();
  const { status, update } = engine;
  const overflow = update ? firstOverflow(update.result.layers) : null;
  const showRunning = useTrueFor(status.state === 'running', RUNNING_SHOWN_AFTER_MS);
  return (
    <div className="engine-status" aria-live="polite" data-state={status.state}>
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
          {update.result.accuracy !== null && update.result.testAccuracy !== null && (
            <>
              {' · '}
              <span
                data-testid="accuracy"
                data-accuracy={update.result.accuracy}
                data-test-accuracy={update.result.testAccuracy}
                data-step={update.task?.step ?? update.step}
              >
                {t('engine.accuracy', {
                  train: percent(update.result.accuracy),
                  test: percent(update.result.testAccuracy),
                  step: update.task?.step ?? update.step,
                })}
              </span>
            </>
          )}
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
      {status.state === 'running' && showRunning && (
        <div className="running">
          <p>{playing && update ? t('engine.training', { step: update.step }) : t('engine.running')}</p>
          {status.total !== undefined && status.done !== undefined && (
            <p>
              {/* During the measured pass (every step done) only the pass's own progress moves. */}
              {(status.done < status.total || !status.pass) && (
                <label>
                  {t('engine.progress', { done: status.done, total: status.total })}{' '}
                  <progress max={status.total} value={status.done} />
                </label>
              )}{' '}
              {status.pass && (
                <label
                  data-testid="pass-progress"
                  data-done={status.pass.done}
                  data-total={status.pass.total}
                >
                  {t('engine.passProgress', {
                    percent: Math.floor((100 * status.pass.done) / status.pass.total),
                  })}{' '}
                  <progress max={status.pass.total} value={status.pass.done} />
                </label>
              )}{' '}
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

/** A fraction as a percentage with one decimal. */
const percent = (fraction: number) => (100 * fraction).toFixed(1);

/** Whether `on` has been true for the last `ms` milliseconds. */
function useTrueFor(on: boolean, ms: number): boolean {
  const [long, setLong] = useState(false);
  useEffect(() => {
    if (!on) return;
    const timer = setTimeout(() => setLong(true), ms);
    return () => {
      clearTimeout(timer);
      setLong(false);
    };
  }, [on, ms]);
  return on && long;
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
