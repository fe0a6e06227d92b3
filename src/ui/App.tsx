/**
 * The first page: reads the experiment from the URL, runs it in the engine Worker and shows the per-layer
 * statistics, the engine in use and why, and every warning from reading the link.
 */
import { useEffect, useMemo, useState } from 'react';
import type { RunResult } from '../engine/experiment';
import type { EngineInfo } from '../engine/protocol';
import { parse, serialize } from '../state';
import type { ConsoleApi } from './console-api';
import { EngineClient, StaleRunError } from './engine-client';
import { StatsTable } from './StatsTable';

type Status =
  | { state: 'running' }
  | { state: 'done'; result: RunResult; engine: EngineInfo }
  | { state: 'failed'; message: string };

/** The page. `search` is the URL's query; `api` is `window.loz`, whose `backend` the page keeps current. */
export function App({ search, api }: { search: string; api: ConsoleApi }) {
  const parsed = useMemo(() => parse(search), [search]);
  const [status, setStatus] = useState<Status>({ state: 'running' });

  useEffect(() => {
    const client = new EngineClient();
    let live = true;
    client.run(parsed.experiment, parsed.view.backend).then(
      ({ result, engine }) => {
        api.backend = engine;
        if (live) setStatus({ state: 'done', result, engine });
      },
      (error: Error) => {
        if (live && !(error instanceof StaleRunError)) setStatus({ state: 'failed', message: error.message });
      },
    );
    return () => {
      live = false;
      client.dispose();
    };
  }, [parsed, api]);

  const { experiment } = parsed;
  return (
    <main>
      <header>
        <h1>Left of Zero</h1>
        <p className="tagline">
          What an activation’s shape left of zero does to a deep network’s signal and gradient.
        </p>
      </header>
      <section aria-labelledby="experiment-heading">
        <h2 id="experiment-heading">Experiment</h2>
        <p>
          <code data-testid="experiment-query">{serialize(experiment, parsed.view)}</code>: {experiment.act},
          depth {experiment.depth}, width {experiment.width}, batch {experiment.batch}, {experiment.init}{' '}
          {experiment.dist} init, {experiment.steps} training steps.
        </p>
        {parsed.warnings.length > 0 && (
          <div role="status" className="warnings" data-testid="warnings">
            <h3>This link had problems; here is what was used instead</h3>
            <ul>
              {parsed.warnings.map((w, i) => (
                <li key={i}>{w.message}</li>
              ))}
            </ul>
          </div>
        )}
      </section>
      <section aria-labelledby="results-heading" aria-busy={status.state === 'running'}>
        <h2 id="results-heading">Per-layer statistics</h2>
        {status.state === 'running' && <p role="status">Running…</p>}
        {status.state === 'failed' && (
          <p role="alert" className="error">
            The experiment could not run: {status.message}
          </p>
        )}
        {status.state === 'done' && (
          <>
            <p data-testid="engine" data-kind={status.engine.kind}>
              Engine: <strong>{status.engine.kind}</strong> ({status.engine.reason}). Loss{' '}
              {status.result.loss.toPrecision(6)}, {status.result.ms.toFixed(0)} ms.
            </p>
            <StatsTable result={status.result} />
          </>
        )}
      </section>
    </main>
  );
}
