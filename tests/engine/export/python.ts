/**
 * Helpers for the PyTorch export tests: write exported scripts to a temporary folder and run them with python3
 * on PATH, or with the interpreter that has torch (TORCH_PYTHON) for the real-torch tests.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** True when `interpreter` finds `module` (importlib's find_spec: quick, it does not import it). */
function finds(interpreter: string, module: string): boolean {
  const program = `import importlib.util, sys; sys.exit(importlib.util.find_spec(${JSON.stringify(module)}) is None)`;
  return spawnSync(interpreter, ['-c', program], { stdio: 'ignore' }).status === 0;
}

/** True when `python3` on PATH has torch (then a script run needs no --draws to work). */
export const PYTHON3_HAS_TORCH = finds('python3', 'torch');

/**
 * The interpreter of the real-torch tests: the system Python /usr/bin/python3 when it has torch (Debian's
 * python3-torch, which .ci/run installs), else `python3` on PATH when that has it (it may be another
 * interpreter, such as a pyenv one), else null: those tests are skipped.
 */
export const TORCH_PYTHON: string | null =
  ['/usr/bin/python3', 'python3'].find((p) => (p === 'python3' ? PYTHON3_HAS_TORCH : finds(p, 'torch'))) ??
  null;

/** True when some interpreter here has torch (TORCH_PYTHON). */
export const HAS_TORCH = TORCH_PYTHON !== null;

/** An interpreter that finds scikit-learn (whose digits.csv.gz a digits script reads when not given them), or null. */
export const SKLEARN_PYTHON: string | null =
  ['python3', '/usr/bin/python3'].find((p) => finds(p, 'sklearn')) ?? null;

/** True when numpy can be imported (the script's fast orthogonal path). */
export const HAS_NUMPY = spawnSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0;

/** A temporary folder for scripts; `cleanup()` removes it. */
export class ScriptDir {
  readonly path = mkdtempSync(join(tmpdir(), 'loz-export-'));
  private count = 0;

  /** Writes `source` to a new .py file and returns its path. */
  write(source: string): string {
    const file = join(this.path, `script_${this.count++}.py`);
    writeFileSync(file, source);
    return file;
  }

  cleanup(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}

/**
 * Runs `interpreter` (python3 on PATH by default) with `args` and extra environment variables; returns stdout,
 * throws (with stderr) on a non-zero exit.
 */
export function python(args: string[], env?: Record<string, string>, interpreter = 'python3'): string {
  return execFileSync(interpreter, args, {
    encoding: 'utf8',
    maxBuffer: 256 * 2 ** 20,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', ...env },
  });
}

/** PYTHONPATH of the numpy stand-in for torch (fake_torch/torch), for runs on machines without torch. */
export const FAKE_TORCH = { PYTHONPATH: fileURLToPath(new URL('./fake_torch', import.meta.url)) };

/**
 * Loads `script` as a module (not as __main__, so main() does not run) and prints, as JSON, the value of the
 * Python expression `expr` evaluated in its namespace (`g`, `np` and `shim` are also in scope when defined).
 */
export function evalInScript(script: string, expr: string, prelude = ''): unknown {
  const program = [
    'import json, runpy, sys',
    "g = runpy.run_path(sys.argv[1], run_name='loz_export')",
    prelude,
    'print(json.dumps(eval(sys.argv[2], {**g, **globals()})))',
  ].join('\n');
  return JSON.parse(python(['-c', program, script, expr]));
}

/**
 * Runs each script as `python script.py` would (as __main__, without arguments) but all in one interpreter
 * process, so torch is imported once for all of them (~2 s each time otherwise). Returns, in order, each
 * script's stdout, or the traceback when it failed (SystemExit included).
 */
export function runScripts(
  scripts: string[],
  env?: Record<string, string>,
  interpreter = 'python3',
): ({ stdout: string } | { error: string })[] {
  const program = [
    'import contextlib, io, json, runpy, sys, traceback',
    'out = []',
    'for path in sys.argv[1:]:',
    '    sys.argv = [path]',
    '    buf = io.StringIO()',
    '    try:',
    '        with contextlib.redirect_stdout(buf):',
    '            runpy.run_path(path, run_name="__main__")',
    '        out.append({"stdout": buf.getvalue()})',
    '    except BaseException:',
    '        out.append({"error": path + ": " + traceback.format_exc()})',
    'print(json.dumps(out))',
  ].join('\n');
  return JSON.parse(python(['-c', program, ...scripts], env, interpreter)) as (
    { stdout: string } | { error: string }
  )[];
}
