/**
 * `loz run`: one experiment (and its compared runs) on a CPU engine, printed as EXPERIMENT.md's JSON object or
 * as tables, one per run.
 */
import { runExperiment } from '../engine/backend';
import { statsColumns } from '../engine/export/csv';
import type { ComparedRun, Experiment, RunOutput, RunResult } from '../engine/experiment';
import { runList, serialize } from '../state';
import { type Command, type CommandOutput, parseStrictly } from './args';
import { cliEngine } from './engine';
import { formatTable } from './table';

/**
 * Runs the command's experiment and its compared runs (`vs`), all on one engine; with an explicit `--backend`
 * that cannot run here, fails instead of falling back.
 */
export async function runCommand(command: Command): Promise<CommandOutput> {
  const { experiment, compare, warnings } = parseStrictly(command);
  const runs = runList(experiment, compare);
  const selection = await cliEngine(
    command,
    runs.map((r): Experiment => r.experiment),
  );
  const results: RunResult[] = [];
  try {
    for (const run of runs) results.push(await runExperiment(selection.backend, run.experiment));
  } finally {
    selection.backend.dispose();
  }
  const [main, ...compared] = results;
  const output: RunOutput = compared.length === 0 ? main : { ...main, compare: compared.map(comparedOutput) };
  return {
    text: command.json
      ? JSON.stringify(output)
      : runs.map((run, i) => formatRun(results[i], runs.length > 1 ? run.label : null)).join('\n\n'),
    warnings: warnings.map((w) => w.message),
  };
}

/** A compared run as the JSON prints it: what `loz run` of its own query prints, less the engine and time. */
function comparedOutput({ experiment, layers, loss, accuracy, testAccuracy }: RunResult): ComparedRun {
  return { experiment, layers, loss, accuracy, testAccuracy };
}

function formatRun(result: RunResult, label: string | null): string {
  const columns = statsColumns(result);
  const rows = result.layers.map((l) => columns.map((c) => l[c] ?? null));
  return [
    ...(label === null ? [] : [`${label} (${serialize(result.experiment)})`]),
    formatTable(columns, rows),
    [
      `loss ${result.loss.toPrecision(6)}`,
      ...(result.accuracy === null || result.testAccuracy === null
        ? []
        : [`accuracy ${percent(result.accuracy)} (test ${percent(result.testAccuracy)})`]),
      result.backend,
      `${result.ms.toFixed(0)} ms`,
    ].join(' · '),
  ].join('\n');
}

/** A fraction as a percentage with one decimal. */
function percent(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}
