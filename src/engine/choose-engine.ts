/**
 * `chooseEngine()`: which engine runs a list of experiments (a run and its compared runs, or a sweep's cells),
 * for the engine Worker and the CLI alike (DESIGN.md: composition is one function). It takes the engine the
 * caller asks for (through `select`, which may keep engines alive between calls), moves everything to the
 * float64 reference when one experiment needs what only the reference implements, and refuses what cannot fit
 * in memory, with the reason in words.
 */
import type { BackendKind } from './backend';
import { memoryRefusal, runsMemoryRefusal } from './budget';
import { unsupportedReason } from './capabilities';
import type { BackendSelection } from './create-backend';
import type { Experiment } from './experiment';
import type { EngineChoice, EngineInfo } from './protocol';

/** The experiments cannot run as asked: another engine would not help (too large; or `strict` and unsupported). */
export class EngineRefusal extends Error {}

/** What to run, and how. */
export interface EngineRequest {
  readonly choice: EngineChoice;
  readonly experiments: readonly Experiment[];
  /**
   * `together`: the experiments are held at once, each on its own engine (the page's compared runs), so their
   * memory adds up; `one-by-one`: they run after each other on one engine (a sweep's cells, the CLI's runs).
   */
  readonly holding: 'together' | 'one-by-one';
  /** A live run trains until cancelled: what only the reference can train moves the run there. */
  readonly live?: boolean;
  /**
   * The choice is a demand (the CLI's `--backend`): fail with the reason instead of falling back when that
   * engine cannot run here or cannot run these experiments.
   */
  readonly strict?: boolean;
  /** What the experiments are, for a refusal that names one of several: "compared runs" (default), "cells". */
  readonly members?: string;
}

/** The chosen engine and what the page says about it. */
export interface ChosenEngine {
  readonly selection: BackendSelection;
  readonly engine: EngineInfo;
}

/**
 * The engine for `request`, from `select` (createBackend with the caller's loaders, cached or not). Throws
 * EngineRefusal when the experiments cannot run as asked, Error when a demanded engine is missing here.
 */
export async function chooseEngine(
  request: EngineRequest,
  select: (choice: EngineChoice) => Promise<BackendSelection>,
): Promise<ChosenEngine> {
  const { choice, experiments, live = false, strict = false } = request;
  let selection = await select(choice);
  const unsupported = experiments
    .map((e) => unsupportedReason(selection.kind, e, live ? Infinity : e.steps))
    .find((reason) => reason !== null);
  if (unsupported && strict && choice !== 'reference')
    throw new EngineRefusal(`the ${choice} engine cannot run this: ${unsupported}`);
  if (unsupported) selection = await select('reference');
  const refusal = memoryCheck(selection.kind, request);
  if (refusal) throw new EngineRefusal(refusal);
  if (strict && choice !== 'auto' && selection.kind !== choice) {
    const why = selection.fallbacks.find((f) => f.kind === choice)?.reason ?? 'unavailable';
    throw new Error(`the ${choice} engine cannot run here: ${why}`);
  }
  const engine: EngineInfo = unsupported
    ? {
        kind: selection.kind,
        reason: `${unsupported}; using the float64 reference`,
        fallbacks: [],
        unsupported,
      }
    : { kind: selection.kind, reason: selection.reason, fallbacks: selection.fallbacks };
  return { selection, engine };
}

/** Why `kind` cannot hold the request's experiments as they will be held, or null. */
function memoryCheck(kind: BackendKind, request: EngineRequest): string | null {
  const { experiments, holding, members = 'compared runs' } = request;
  if (holding === 'together') return runsMemoryRefusal(kind, experiments);
  for (const e of experiments) {
    const refusal = memoryRefusal(kind, e);
    if (refusal) return experiments.length > 1 ? `${refusal} (in one of the ${members})` : refusal;
  }
  return null;
}
