/**
 * `npm run bench -- deno [small deep wide spiral digits] [--reps=<n>] [--profile [--matmul=<core>]]` (or
 * `npx tsx bench/deno.ts …`): the WebGPU engine's GPU workloads headless, in Deno (the pinned devDependency;
 * its WebGPU is wgpu) on the machine's Vulkan driver, no browser (issue 17). Bundles bench/deno-gpu.ts with Vite
 * (Deno cannot import `?raw` WGSL), runs it in node_modules/.bin/deno and prints its JSON lines (see there).
 *
 * The adapter: Vulkan only (DENO_WEBGPU_BACKEND=vulkan unless set: no silent fallback to Mesa's GL), through
 * the system's Vulkan loader (libvulkan1). VK_ICD_FILENAMES, when set, is respected as it is (e.g. the NVIDIA
 * driver's nvidia_icd.json); unset, the loader's default ICDs are tried (wgpu takes the high-performance one:
 * a discrete GPU over a CPU driver), and when they give no adapter, Mesa's lavapipe if installed. No adapter at
 * all: one line on stderr and exit status 1.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ENTRY = fileURLToPath(new URL('./deno-gpu.ts', import.meta.url));
const DENO = `${ROOT}node_modules/.bin/deno`;
/** Mesa's lavapipe (Debian package mesa-vulkan-drivers): the fallback when the loader finds no adapter. */
export const LAVAPIPE_ICD = '/usr/share/vulkan/icd.d/lvp_icd.x86_64.json';
/** bench/deno-gpu.ts's exit status when requestAdapter() gives none. */
const NO_ADAPTER_EXIT = 3;

/** A failure of the Deno bench, one line (bench/run.ts prints it and exits 1). */
export class DenoBenchError extends Error {}

/**
 * Bundles bench/deno-gpu.ts (and the engine, its WGSL inlined) into one ES module in `outDir` (a directory of
 * this run's own, so that runs side by side do not overwrite each other's); resolves with its path.
 */
async function bundle(outDir: string): Promise<string> {
  const { build } = await import('vite');
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      minify: false,
      target: 'esnext',
      copyPublicDir: false,
      lib: { entry: ENTRY, formats: ['es'], fileName: () => 'deno-gpu.mjs' },
    },
  });
  return join(outDir, 'deno-gpu.mjs');
}

/**
 * Runs the bundle once; JSON lines go to `print` as they come, other output to stderr, except the entry's own
 * one-line failure message ("bench deno: …"), which is returned.
 */
function runOnce(
  bundlePath: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  icd: string,
  print: (o: unknown) => void,
): Promise<{ code: number | null; message: string | null }> {
  const denoArgs = ['run', '--no-prompt', '--no-config', '--no-lock', '--no-npm', '--no-remote', bundlePath];
  const child = spawn(DENO, [...denoArgs, JSON.stringify({ args, icd })], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let pending = '';
  const flush = (text: string): void => {
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        process.stderr.write(line + '\n');
        continue;
      }
      print(parsed);
    }
  };
  child.stdout.on('data', (d: Buffer) => {
    pending += d.toString();
    const end = pending.lastIndexOf('\n');
    if (end < 0) return;
    flush(pending.slice(0, end));
    pending = pending.slice(end + 1);
  });
  let stderr = '';
  let message: string | null = null;
  const relay = (text: string): void => {
    for (const line of text.split('\n')) {
      if (line.startsWith('bench deno: ')) message = line;
      else if (line !== '') process.stderr.write(line + '\n');
    }
  };
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    const end = stderr.lastIndexOf('\n');
    if (end < 0) return;
    relay(stderr.slice(0, end));
    stderr = stderr.slice(end + 1);
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      flush(pending);
      relay(stderr);
      resolve({ code, message });
    });
  });
}

/**
 * Runs the Deno bench with command-line `args` (workload names and options), printing each JSON line via
 * `print`. Rejects with a DenoBenchError (one line) when Deno is missing, there is no adapter, or a workload
 * failed. `env` (default process.env) is Deno's environment, VK_ICD_FILENAMES included.
 */
export async function runDenoBench(
  args: string[],
  print: (o: unknown) => void,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  if (!existsSync(DENO)) throw new DenoBenchError(`bench deno: ${DENO} is missing (run npm ci)`);
  const runtimeDir = mkdtempSync(join(tmpdir(), 'loz-deno-bench-'));
  const base: NodeJS.ProcessEnv = {
    ...env,
    DENO_WEBGPU_BACKEND: env.DENO_WEBGPU_BACKEND ?? 'vulkan',
    // wgpu's instance setup complains on stderr without one.
    XDG_RUNTIME_DIR: env.XDG_RUNTIME_DIR ?? runtimeDir,
    DENO_NO_UPDATE_CHECK: '1',
    NO_COLOR: '1',
  };
  try {
    const bundlePath = await bundle(join(runtimeDir, 'bundle'));
    const given = env.VK_ICD_FILENAMES;
    let icd = given ? `VK_ICD_FILENAMES=${given}` : "the Vulkan loader's default ICDs";
    let run = await runOnce(bundlePath, args, base, icd, print);
    if (run.code === NO_ADAPTER_EXIT && !given && existsSync(LAVAPIPE_ICD)) {
      icd = `VK_ICD_FILENAMES=${LAVAPIPE_ICD}, lavapipe, as the loader's default ICDs gave no adapter`;
      run = await runOnce(bundlePath, args, { ...base, VK_ICD_FILENAMES: LAVAPIPE_ICD }, icd, print);
    }
    if (run.code === NO_ADAPTER_EXIT)
      throw new DenoBenchError(
        `bench deno: no WebGPU adapter (Deno's wgpu on ${base.DENO_WEBGPU_BACKEND}, ${icd}): install the ` +
          "Vulkan loader (libvulkan1) and the GPU vendor's Vulkan ICD, or point VK_ICD_FILENAMES at its manifest",
      );
    if (run.code !== 0)
      throw new DenoBenchError(run.message ?? `bench deno: deno exited with status ${run.code}`);
  } finally {
    rmSync(runtimeDir, { recursive: true, force: true });
  }
}

/** runDenoBench for a command line: prints JSON lines to stdout; a failure as one line on stderr, exit 1. */
export async function denoBenchMain(args: string[], print: (o: unknown) => void): Promise<never> {
  try {
    await runDenoBench(args, print);
  } catch (e) {
    process.stderr.write(`${e instanceof DenoBenchError ? e.message : String((e as Error)?.stack ?? e)}\n`);
    process.exit(1);
  }
  process.exit(0);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await denoBenchMain(process.argv.slice(2), (o) => process.stdout.write(JSON.stringify(o) + '\n'));
}
