/**
 * The WebGPU engine's batched measureMany (src/gpu/sweep/, issue 17) in Deno on Mesa's lavapipe: every case
 * of ../sweep-cases.ts (small grids over σ_w, σ_b, α, λ, slope, knob and the inputs; elu, relu, selu, hybrid,
 * leaky, silu; probe and mse; need 'forward', 'gradients' and 'all'; a mixed list with trained and data-set
 * cells; chunks under a small budget; `stopped`) equals the float64 reference's init + steps + measured pass of
 * each cell within the GPU conformance tolerance (../cases.ts RTOL), every cell reported once (only the first
 * chunk's when stopped), no validation errors. Bundled like deno.test.ts (Deno cannot import `?raw` WGSL).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RTOL } from '../cases';
import { SWEEP_CASES, SWEEP_PREFIX, type SweepReport } from '../sweep-cases';

const LAVAPIPE_ICD = '/usr/share/vulkan/icd.d/lvp_icd.x86_64.json';
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const DENO = `${ROOT}node_modules/.bin/deno`;
const OUT_DIR = `${ROOT}node_modules/.cache/loz-deno-sweep`;
const RUN_TIMEOUT_MS = 120_000;

let report: SweepReport | null = null;
let code: number | null = null;
let stderr = '';
let runtimeDir = '';

async function bundle(): Promise<string> {
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    build: {
      outDir: OUT_DIR,
      emptyOutDir: true,
      minify: false,
      target: 'esnext',
      copyPublicDir: false,
      lib: {
        entry: fileURLToPath(new URL('./sweep-entry.ts', import.meta.url)),
        formats: ['es'],
        fileName: () => 'sweep.mjs',
      },
    },
  });
  return `${OUT_DIR}/sweep.mjs`;
}

beforeAll(async () => {
  if (!existsSync(LAVAPIPE_ICD))
    throw new Error(`${LAVAPIPE_ICD} missing: apt-get install mesa-vulkan-drivers`);
  const file = await bundle();
  runtimeDir = mkdtempSync(join(tmpdir(), 'loz-deno-sweep-'));
  const start = performance.now();
  const args = ['run', '--no-prompt', '--no-config', '--no-lock', '--no-npm', '--no-remote', file];
  const child = spawn(DENO, args, {
    env: {
      ...process.env,
      VK_ICD_FILENAMES: LAVAPIPE_ICD,
      DENO_WEBGPU_BACKEND: 'vulkan',
      XDG_RUNTIME_DIR: runtimeDir,
      DENO_NO_UPDATE_CHECK: '1',
      NO_COLOR: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: RUN_TIMEOUT_MS,
  });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const line = stdout.split('\n').find((l) => l.startsWith(SWEEP_PREFIX));
  if (line) report = JSON.parse(line.slice(SWEEP_PREFIX.length)) as SweepReport;
  console.log(`deno sweep: ${(performance.now() - start).toFixed(0)} ms (exit ${code}, ${report?.adapter})`);
}, RUN_TIMEOUT_MS + 60_000);

afterAll(() => {
  if (runtimeDir) rmSync(runtimeDir, { recursive: true, force: true });
});

describe('WebGPU measureMany (batched sweep cells) in Deno on lavapipe', () => {
  it('runs and reports', () => {
    expect(report, `no report (exit ${code}):\n${stderr.slice(-4000)}`).not.toBeNull();
    expect(report!.rtol).toBe(RTOL);
  });

  it('equals the float64 reference cell by cell, for every case', () => {
    for (const c of report!.cases) {
      console.log(
        `${c.name} [${c.core}]: ${c.reported.length} cells, max error ` +
          `${c.maxError?.toExponential(2) ?? 'not finite'} (${c.worst}); ${c.ms.toFixed(0)} ms`,
      );
      expect(c.problems, `${c.name} [${c.core}]`).toEqual([]);
      expect(c.maxError, c.name).not.toBeNull();
      expect(c.maxError!).toBeLessThanOrEqual(RTOL);
    }
    // The default core (lavapipe: a fallback adapter) and the tiled core both ran.
    expect(new Set(report!.cases.map((c) => c.core)).has('tiled')).toBe(true);
    expect(code).toBe(0);
  });

  it('reports every cell once, and stops between chunks', () => {
    for (const c of report!.cases) {
      const spec = SWEEP_CASES.find((s) => s.name === c.name)!;
      const cells = spec.experiments.length;
      expect(new Set(c.reported).size, c.name).toBe(c.reported.length);
      if (spec.stopAfter === undefined)
        expect(
          [...c.reported].sort((a, b) => a - b),
          c.name,
        ).toEqual(Array.from({ length: cells }, (_, i) => i));
      else {
        expect(c.reported.length, c.name).toBeGreaterThanOrEqual(spec.stopAfter);
        expect(c.reported.length, c.name).toBeLessThan(cells);
      }
    }
  });
});
