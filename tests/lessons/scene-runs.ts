/**
 * The runs of a lesson step as the page computes them: the step's query (its `vs` included) read by parse(),
 * turned into the view's list by runList(), each run on the float64 reference engine. Results are cached by the
 * run's canonical query, so a run shared by two steps is computed once per test file.
 */
import { runExperiment } from '../../src/engine/backend';
import type { Experiment, LayerStats, RunResult } from '../../src/engine/experiment';
import { ReferenceBackend } from '../../src/engine/reference/backend';
import { WasmBackend } from '../../src/wasm/backend';
import { sceneById, type SceneId } from '../../src/lessons/scenes';
import { parse, runList, serialize } from '../../src/state';

/** One run of a step: its label (as in the charts' legends) and its measured pass. */
export interface StepRun {
  readonly label: string;
  readonly result: RunResult;
}

/** The engines a claim is checked on: the float64 reference, and the WASM engine the page runs (float32). */
export type Engine = 'reference' | 'wasm';

const cache = new Map<string, Promise<RunResult>>();

function measure(e: Experiment, engine: Engine): Promise<RunResult> {
  const key = `${engine}|${serialize(e)}`;
  let run = cache.get(key);
  if (!run) {
    const backend = engine === 'reference' ? new ReferenceBackend() : new WasmBackend({ variant: 'simd' });
    run = runExperiment(backend, e).finally(() => backend.dispose());
    cache.set(key, run);
  }
  return run;
}

/** The query of a scene's step (1-based), as the English text carries it. */
export function stepQuery(scene: SceneId, step: number): string {
  const query = sceneById(scene)?.text.en.steps[step - 1]?.query;
  if (!query) throw new Error(`${scene} step ${step} has no query`);
  return query;
}

/** Every run of a query, main run first, one after the other (the reference engine is synchronous anyway). */
export async function queryRuns(query: string, engine: Engine = 'reference'): Promise<StepRun[]> {
  const { experiment, compare, warnings } = parse(query);
  if (warnings.length > 0) throw new Error(`${query}: ${JSON.stringify(warnings)}`);
  const out: StepRun[] = [];
  for (const member of runList(experiment, compare))
    out.push({ label: member.label, result: await measure(member.experiment, engine) });
  return out;
}

/** Every run of a scene's step. */
export function stepRuns(scene: SceneId, step: number, engine: Engine = 'reference'): Promise<StepRun[]> {
  return queryRuns(stepQuery(scene, step), engine);
}

/** Dead units summed over the layers. */
export const totalDead = (r: RunResult): number => r.layers.reduce((s, l) => s + l.dead, 0);

/** A statistic of 1-based layer l. */
export const at = (r: RunResult, l: number, key: keyof LayerStats): number => r.layers[l - 1][key] as number;

/** ‖∂L/∂h‖ at the first layer relative to the last: the gradient 29 steps back in a 30-step unrolled RNN. */
export const firstToLast = (r: RunResult): number =>
  r.layers[0].gradNorm / r.layers[r.layers.length - 1].gradNorm;
