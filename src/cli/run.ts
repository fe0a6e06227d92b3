/**
 * `loz run`: one experiment on a CPU engine, printed as EXPERIMENT.md's JSON object or as a table.
 */
import { runExperiment } from '../engine/backend';
import { memoryRefusal } from '../engine/budget';
import { unsupportedReason } from '../engine/capabilities';
import { statsColumns } from '../engine/export/csv';
import { createBackend } from '../engine/create-backend';
import { ENGINE_LOADERS } from '../engine/engines';
import type { RunResult } from '../engine/experiment';
import { type Command, type CommandOutput, UsageError, parseStrictly } from './args';
import { formatTable } from './table';
import { installWasmDraws } from '../wasm/draws';

/** Runs the command's experiment; with an explicit `--backend` that cannot run here, fails instead of falling back. */
export async function runCommand(command: Command): Promise<CommandOutput> {
  const { experiment, warnings } = parseStrictly(command);
  installWasmDraws(); // the same draws, faster; the JavaScript loop stays where WebAssembly is missing
  const preferred = command.backend ?? 'wasm';
  const unsupported = unsupportedReason(preferred, experiment, experiment.steps);
  if (unsupported && command.backend !== undefined)
    throw new UsageError(`the ${preferred} engine cannot run this: ${unsupported}`);
  const selection = await createBackend(unsupported ? 'reference' : preferred, ENGINE_LOADERS);
  const refusal = memoryRefusal(selection.kind, experiment);
  if (refusal) {
    selection.backend.dispose();
    throw new UsageError(refusal);
  }
  if (command.backend !== undefined && selection.kind !== command.backend) {
    selection.backend.dispose();
    const why = selection.fallbacks.find((f) => f.kind === command.backend)?.reason ?? 'unavailable';
    throw new Error(`the ${command.backend} engine cannot run here: ${why}`);
  }
  let result: RunResult;
  try {
    result = await runExperiment(selection.backend, experiment);
  } finally {
    selection.backend.dispose();
  }
  return {
    text: command.json ? JSON.stringify(result) : formatRun(result),
    warnings: warnings.map((w) => w.message),
  };
}

function formatRun(result: RunResult): string {
  const columns = statsColumns(result);
  const rows = result.layers.map((l) => columns.map((c) => l[c] ?? null));
  return [
    formatTable(columns, rows),
    `loss ${result.loss.toPrecision(6)} · ${result.backend} · ${result.ms.toFixed(0)} ms`,
  ].join('\n');
}
