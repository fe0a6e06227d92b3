/**
 * `window.loz`: the console API of EXPERIMENT.md, for people who script the playground from the browser.
 *   await loz.run('depth=10&act=selu', { backend: 'wasm' })  → the CLI's JSON object
 *   await loz.sweep('act=relu&sx=sw:1:2:5', { backend: 'wasm' }) → `loz sweep`'s JSON object
 *   loz.backend                                             → { kind, reason } of the page's engine
 * Console runs and sweeps use Workers of their own, so they never cancel the page's run or the other way round.
 */
import type { Experiment, RunOutput } from '../engine/experiment';
import type { SweepOutput } from '../engine/sweep/types';
import type { EngineChoice, EngineInfo } from '../engine/protocol';
import { parse, runList, sweepGrid } from '../state';
import { EngineClient } from './engine-client';
import { SweepClient } from './sweep-client';
import { theoryExperiments, theoryGrid } from './sweep/theory-grid';
import { sweepHasTheory } from '../theory/sweep';
import { askTheory } from './use-theory';

/** The object installed as `window.loz`. */
export interface ConsoleApi {
  /**
   * Runs a query (as in a share link) and its compared runs (`vs`, in `compare`); rejects on unreadable values
   * or when the asked engine cannot run.
   */
  run(query: string, options?: { backend?: EngineChoice }): Promise<RunOutput>;
  /**
   * Runs a query's sweep (`sx`, `sy`, `metric`): what `loz sweep --json` prints; rejects on unreadable values,
   * a query without `sx`, or when the asked engine cannot run.
   */
  sweep(
    query: string,
    options?: { backend?: EngineChoice },
  ): Promise<SweepOutput & { experiment: Experiment }>;
  /** The engine the page chose and why; null until the page's first run has chosen one. */
  backend: EngineInfo | null;
}

declare global {
  interface Window {
    loz: ConsoleApi;
  }
}

let client: EngineClient | undefined;
let sweeps: SweepClient | undefined;

/** Records the engine the page chose, for `window.loz.backend`. */
export function reportBackend(info: EngineInfo): void {
  if (typeof window !== 'undefined' && window.loz) window.loz.backend = info;
}

/** Installs `window.loz` and returns it (the page updates `backend` through reportBackend). */
export function installConsoleApi(): ConsoleApi {
  const api: ConsoleApi = {
    backend: null,
    sweep: consoleSweep,
    async run(query, options = {}) {
      const { experiment, compare } = readStrictly(query);
      const backend = options.backend ?? 'auto';
      client ??= new EngineClient();
      const compared = runList(experiment, compare).slice(1);
      const update = await client.run(
        experiment,
        backend,
        compared.map((r) => r.experiment),
      );
      const { result } = update;
      if (backend !== 'auto' && result.backend !== backend) {
        throw new Error(`The ${backend} engine cannot run here; ${result.backend} would have run instead.`);
      }
      if (update.compare.length === 0) return result;
      return {
        ...result,
        compare: update.compare.map(({ result: r }) => ({
          experiment: r.experiment,
          layers: r.layers,
          loss: r.loss,
          accuracy: r.accuracy,
          testAccuracy: r.testAccuracy,
        })),
      };
    },
  };
  window.loz = api;
  return api;
}

/** `window.loz.sweep`: a query's sweep on a Worker of its own, with the theory's values. */
async function consoleSweep(
  query: string,
  options: { backend?: EngineChoice } = {},
): Promise<SweepOutput & { experiment: Experiment }> {
  const { experiment, sweep } = readStrictly(query);
  if (!sweep) throw new Error('A sweep needs an axis in the query: sx=KEY:FROM:TO:N (e.g. sx=sw:0.5:3:16).');
  const backend = options.backend ?? 'auto';
  const grid = sweepGrid(experiment, sweep);
  // The theory in its own Worker (a SiLU grid is seconds of quadrature), beside the sweep.
  const theory = sweepHasTheory(grid)
    ? askTheory<'predictions'>({ type: 'predictions', experiments: theoryExperiments(grid) })
    : null;
  theory?.catch(() => {}); // awaited below, after the sweep
  const cells = grid.cells.map((row) => row.map((): number | null => null));
  let kind: string | undefined;
  sweeps ??= new SweepClient();
  const { ms } = await sweeps.start(grid, backend, {
    onEngine: (engine) => (kind = engine.kind),
    onCells: (done) => done.forEach(({ row, column, value }) => (cells[row][column] = value)),
  }).done;
  if (backend !== 'auto' && kind !== backend)
    throw new Error(`The ${backend} engine cannot run here; ${kind} would have run instead.`);
  const { x, y, metric } = grid;
  const predictions = theory && (await theory).predictions;
  return {
    backend: kind ?? backend,
    experiment,
    x,
    y,
    metric,
    cells,
    theory: predictions ? theoryGrid(grid, predictions, metric) : null,
    ms,
  };
}

/** A query read as the console's scripts want it: values that cannot be read are an error, not a warning. */
function readStrictly(query: string): ReturnType<typeof parse> {
  const result = parse(String(query ?? ''));
  const invalid = result.warnings.filter((w) => w.kind === 'invalid');
  if (invalid.length > 0) throw new Error(invalid.map((w) => w.message).join(' '));
  return result;
}
