/**
 * `loz theory`: the mean-field prediction for an experiment, as JSON (issue 6's shape) or a table.
 */
import { theoryReport } from '../theory/report';
import { type Command, type CommandOutput, parseStrictly } from './args';
import { formatTable } from './table';

/** Computes the theory report of the command's experiment. */
export async function theoryCommand(command: Command): Promise<CommandOutput> {
  const { experiment, warnings } = parseStrictly(command);
  const report = theoryReport(experiment);
  const text = command.json
    ? JSON.stringify(report)
    : [
        formatTable(
          ['layer', 'preVar', 'postMean', 'postVar', 'chi'],
          report.layers.map((l) => [l.layer, l.preVar, l.postMean, l.postVar, l.chi]),
        ),
        `xi_q ${report.xi_q ?? '∞'} · xi_c ${report.xi_c ?? '∞'}`,
      ].join('\n');
  return { text, warnings: warnings.map((w) => w.message) };
}
