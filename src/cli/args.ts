/**
 * Command-line arguments of `loz`, and the strict reading of a query that a script wants.
 */
import { parse, type ParseResult } from '../state';

/** Bad input: the CLI prints it as one line and exits 2. */
export class UsageError extends Error {}

/** A parsed command line. */
export interface Command {
  readonly name: 'run' | 'sweep' | 'theory';
  readonly query: string;
  readonly backend: 'reference' | 'wasm' | undefined;
  readonly json: boolean;
  readonly strict: boolean;
}

/** What a command prints: the text for stdout and the warnings for stderr. */
export interface CommandOutput {
  readonly text: string;
  readonly warnings: string[];
}

export const USAGE =
  "usage: loz run '<query>' [--backend reference|wasm] [--json] [--strict] | " +
  "loz sweep '<query with sx=KEY:FROM:TO:N>' [--backend reference|wasm] [--json] [--strict] | " +
  "loz theory '<query>' [--json] [--strict]";

/** Reads `argv` (after the script name); throws UsageError on anything it does not understand. */
export function parseArgs(argv: readonly string[]): Command {
  const [name, ...rest] = argv;
  if (name !== 'run' && name !== 'sweep' && name !== 'theory') {
    throw new UsageError(name === undefined ? USAGE : `unknown command "${name}"; ${USAGE}`);
  }
  let query: string | undefined;
  let backend: Command['backend'];
  let json = false;
  let strict = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--json') json = true;
    else if (arg === '--strict') strict = true;
    else if (arg === '--backend' || arg.startsWith('--backend=')) {
      const value = arg === '--backend' ? rest[++i] : arg.slice('--backend='.length);
      if (name === 'theory') throw new UsageError('--backend applies to "run" and "sweep" only');
      if (value === 'webgpu')
        throw new UsageError('--backend webgpu runs only in the browser; use reference or wasm');
      if (value !== 'reference' && value !== 'wasm') {
        throw new UsageError(`--backend must be reference or wasm, not "${value ?? ''}"`);
      }
      backend = value;
    } else if (arg.startsWith('--')) throw new UsageError(`unknown option "${arg}"; ${USAGE}`);
    else if (query === undefined) query = arg;
    else
      throw new UsageError(`unexpected argument "${arg}" (quote the query: loz ${name} 'depth=10&act=selu')`);
  }
  if (query === undefined) throw new UsageError(`missing query; ${USAGE}`);
  return { name, query, backend, json, strict };
}

/**
 * Parses a query for the CLI: values that cannot be read (a misspelt activation, `depth=abc`) are errors;
 * unknown keys, clamped values and version notes are warnings, or errors with `--strict`.
 */
export function parseStrictly(command: Command): ParseResult {
  const result = parse(command.query);
  const fatal = result.warnings.filter((w) => w.kind === 'invalid' || command.strict);
  if (fatal.length > 0) throw new UsageError(fatal.map((w) => w.message).join(' '));
  return result;
}
