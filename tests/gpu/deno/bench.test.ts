/**
 * The headless GPU benchmark (issue 17, bench/deno.ts and bench/deno-gpu.ts): `npx tsx bench/deno.ts`, what
 * `npm run bench -- deno` runs, on the smallest workload (`spiral`, one timed step) in Deno on lavapipe prints
 * the adapter line and a timed line naming the adapter; with no adapter it fails with one line and a non-zero
 * exit. In the `deno` project: it needs Mesa's lavapipe (mesa-vulkan-drivers), like deno.test.ts.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LAVAPIPE_ICD } from './run';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const TSX = `${ROOT}node_modules/.bin/tsx`;

interface Run {
  code: number | null;
  lines: Record<string, unknown>[];
  stderr: string;
}

/** `tsx bench/deno.ts …args` with VK_ICD_FILENAMES = `icd`. */
function bench(args: string[], icd: string): Promise<Run> {
  const child = spawn(TSX, ['bench/deno.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, VK_ICD_FILENAMES: icd },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 60_000,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      const lines = stdout
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      resolve({ code, lines, stderr });
    });
  });
}

describe('npm run bench -- deno (the WebGPU engine headless in Deno)', () => {
  it('times a step on lavapipe and names the adapter on every line', async () => {
    expect(existsSync(LAVAPIPE_ICD), `${LAVAPIPE_ICD} missing: apt-get install mesa-vulkan-drivers`).toBe(
      true,
    );
    const run = await bench(['spiral', '--reps=1'], LAVAPIPE_ICD);
    expect(run.code, run.stderr).toBe(0);
    const gpu = run.lines[0]?.gpu as Record<string, unknown> | undefined;
    expect(gpu?.adapter).toMatch(/llvmpipe/);
    expect(gpu?.icd).toBe(`VK_ICD_FILENAMES=${LAVAPIPE_ICD}`);
    const timed = run.lines.find((l) => l.engine === 'webgpu' && l.workload === 'spiral');
    expect(timed, JSON.stringify(run.lines)).toBeDefined();
    expect(timed!.ms).toBeGreaterThan(0);
    expect(timed!.gflops).toBeGreaterThan(0);
    expect(timed!.runtime).toBe('deno');
    expect((timed!.adapter as { name: string }).name).toMatch(/llvmpipe/);
    const check = run.lines.find((l) => l.check === 'spiral');
    expect(check?.agree, JSON.stringify(check)).toBe(true);
  }, 60_000);

  it('fails with one line and a non-zero exit when there is no adapter', async () => {
    const run = await bench(['spiral', '--reps=1'], '/nonexistent/icd.json');
    expect(run.code).toBe(1);
    expect(run.lines).toEqual([]);
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^bench deno: no WebGPU adapter .*libvulkan1/),
    ]);
  }, 60_000);
});
