/**
 * `window.loz`: the console API of EXPERIMENT.md, for people who script the playground from the browser.
 *   await loz.run('depth=10&act=selu', { backend: 'wasm' })  → the CLI's JSON object
 *   loz.backend                                             → { kind, reason } of the page's engine
 * Console runs use their own Worker, so they never cancel the page's run or the other way round.
 */
import type { RunOutput } from '../engine/experiment';
import type { EngineChoice, EngineInfo } from '../engine/protocol';
import { parse, runList } from '../state';
import { EngineClient } from './engine-client';

/** The object installed as `window.loz`. */
export interface ConsoleApi {
  /**
   * Runs a query (as in a share link) and its compared runs (`vs`, in `compare`); rejects on unreadable values
   * or when the asked engine cannot run.
   */
  run(query: string, options?: { backend?: EngineChoice }): Promise<RunOutput>;
  /** The engine the page chose and why; null until the page's first run has chosen one. */
  backend: EngineInfo | null;
}

declare global {
  interface Window {
    loz: ConsoleApi;
  }
}

let client: EngineClient | undefined;

/** Records the engine the page chose, for `window.loz.backend`. */
export function reportBackend(info: EngineInfo): void {
  if (typeof window !== 'undefined' && window.loz) window.loz.backend = info;
}

/** Installs `window.loz` and returns it (the page updates `backend` through reportBackend). */
export function installConsoleApi(): ConsoleApi {
  const api: ConsoleApi = {
    backend: null,
    async run(query, options = {}) {
      const { experiment, compare, warnings } = parse(String(query ?? ''));
      const invalid = warnings.filter((w) => w.kind === 'invalid');
      if (invalid.length > 0) throw new Error(invalid.map((w) => w.message).join(' '));
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
