/**
 * The CLI's engine for a list of experiments run one after another: chooseEngine() (the Worker's rule) with
 * the WASM engine preferred, and `--backend` a demand, not a wish: an engine that cannot run here or cannot run
 * the experiments fails the command instead of falling back.
 */
import type { Experiment } from '../engine/experiment';
import { EngineRefusal, chooseEngine } from '../engine/choose-engine';
import { createBackend, type BackendSelection } from '../engine/create-backend';
import { ENGINE_LOADERS } from '../engine/engines';
import { installWasmDraws } from '../wasm/draws';
import { type Command, UsageError } from './args';

/** The engine for `experiments`; the caller disposes its backend. Refusals are UsageErrors (exit 2). */
export async function cliEngine(
  command: Command,
  experiments: readonly Experiment[],
): Promise<BackendSelection> {
  installWasmDraws(); // the same draws, faster; the JavaScript loop stays where WebAssembly is missing
  const made: BackendSelection[] = [];
  const select = async (choice: Parameters<typeof createBackend>[0]) => {
    const selection = await createBackend(choice, ENGINE_LOADERS);
    made.push(selection);
    return selection;
  };
  try {
    const { selection } = await chooseEngine(
      {
        choice: command.backend ?? 'wasm',
        experiments,
        holding: 'one-by-one',
        strict: command.backend !== undefined,
        members: command.name === 'sweep' ? 'cells' : 'compared runs',
      },
      select,
    );
    for (const other of made) if (other !== selection) other.backend.dispose();
    return selection;
  } catch (error) {
    for (const other of made) other.backend.dispose();
    if (error instanceof EngineRefusal) throw new UsageError(error.message);
    throw error;
  }
}
