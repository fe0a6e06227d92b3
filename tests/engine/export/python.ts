/**
 * Helpers for the PyTorch export tests: write exported scripts to a temporary folder and run python3 on them.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** True when `python3 -c "import torch"` succeeds here. */
export const HAS_TORCH = spawnSync('python3', ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;

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

/** Runs python3 with `args` (and extra environment variables); returns stdout, throws (with stderr) on a non-zero exit. */
export function python(args: string[], env?: Record<string, string>): string {
  return execFileSync('python3', args, {
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
