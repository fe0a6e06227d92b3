/**
 * Running a bundled entry in Deno (the pinned devDependency) on Mesa's lavapipe alone, for the `deno` project's
 * tests: Vulkan only (no silent fallback to Mesa's GL), a runtime folder of its own, stdout and stderr kept.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Mesa's lavapipe Vulkan driver manifest (Debian package mesa-vulkan-drivers). */
export const LAVAPIPE_ICD = '/usr/share/vulkan/icd.d/lvp_icd.x86_64.json';
const DENO = fileURLToPath(new URL('../../../node_modules/.bin/deno', import.meta.url));

/** What a run printed, its exit status and its wall-clock time. */
export interface DenoRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** Throws, saying what to install, when lavapipe is missing. */
export function requireLavapipe(): void {
  if (!existsSync(LAVAPIPE_ICD))
    throw new Error(
      `Mesa's lavapipe Vulkan driver is missing (${LAVAPIPE_ICD}); the Deno WebGPU tests need it: ` +
        'apt-get install mesa-vulkan-drivers',
    );
}

/** Runs `bundle` in Deno with `args`, on lavapipe alone, killed after `timeoutMs`. */
export async function runDenoOnLavapipe(bundle: string, args: string[], timeoutMs: number): Promise<DenoRun> {
  const runtimeDir = mkdtempSync(join(tmpdir(), 'loz-deno-'));
  const start = performance.now();
  const flags = ['run', '--no-prompt', '--no-config', '--no-lock', '--no-npm', '--no-remote'];
  const child = spawn(DENO, [...flags, bundle, ...args], {
    env: {
      ...process.env,
      VK_ICD_FILENAMES: LAVAPIPE_ICD,
      DENO_WEBGPU_BACKEND: 'vulkan',
      // wgpu's instance setup complains on stderr without one.
      XDG_RUNTIME_DIR: runtimeDir,
      DENO_NO_UPDATE_CHECK: '1',
      NO_COLOR: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: timeoutMs,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
    return { code, stdout, stderr, ms: performance.now() - start };
  } finally {
    rmSync(runtimeDir, { recursive: true, force: true });
  }
}
