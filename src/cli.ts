/**
 * `loz`: headless runs for scripts, benchmarks and CI (EXPERIMENT.md, "Headless runs").
 *
 *   npm run --silent loz -- run '<query>' [--backend reference|wasm] [--json] [--strict]
 *   npm run --silent loz -- sweep '<query with sx=KEY:FROM:TO:N>' [--backend reference|wasm] [--json] [--strict]
 *   npm run --silent loz -- theory '<query>' [--json] [--strict]
 *
 * Bad input (unknown command or flag, missing query, unparseable or misspelt values) prints one line on stderr
 * and exits 2. Unknown keys and clamped values are warnings on stderr, as in the page (`--strict` makes them
 * errors too). A failure while computing exits 1.
 */
import { argv, exit, stderr, stdout } from 'node:process';
import { setFlagsFromString } from 'node:v8';
import { UsageError, parseArgs } from './cli/args';
import { errorMessage } from './engine/create-backend';

// Relaxed SIMD (fused multiply-add) ships enabled in Chrome but is behind a flag in Node 20: enable it before
// any WebAssembly compiles, so `--backend wasm` runs the same kernels as the page.
setFlagsFromString('--experimental-wasm-relaxed-simd');

async function main(args: string[]): Promise<number> {
  try {
    const command = parseArgs(args);
    // Each command loads its own modules: `theory` never loads an engine, `run` never loads the theory.
    const output =
      command.name === 'run'
        ? await (await import('./cli/run')).runCommand(command)
        : command.name === 'sweep'
          ? await (await import('./cli/sweep')).sweepCommand(command)
          : await (await import('./cli/theory')).theoryCommand(command);
    for (const warning of output.warnings) stderr.write(`loz: warning: ${warning}\n`);
    stdout.write(output.text.endsWith('\n') ? output.text : `${output.text}\n`);
    return 0;
  } catch (error) {
    stderr.write(`loz: ${errorMessage(error)}\n`);
    return error instanceof UsageError ? 2 : 1;
  }
}

main(argv.slice(2)).then((code) => {
  // Let stdout drain before exiting (a large JSON object piped to another program).
  stdout.write('', () => exit(code));
});
