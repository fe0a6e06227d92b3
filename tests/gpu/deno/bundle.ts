/**
 * Bundles a Deno entry (conformance.ts, sweep-entry.ts) into one ES module with Vite's build API: Deno cannot
 * import WGSL with Vite's `?raw` suffix, so Vite inlines the shaders as strings. No config file (the app's
 * plugins are not wanted), no minification (readable stack traces), output under node_modules/.cache, a
 * folder per entry (the test files bundle side by side).
 */
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** Builds `entry` (a file of this folder, without `.ts`) from the current sources; resolves with the bundle's path. */
export async function bundleForDeno(entry: 'conformance' | 'sweep-entry'): Promise<string> {
  const outDir = `${REPO_ROOT}node_modules/.cache/loz-deno-${entry}`;
  await build({
    configFile: false,
    root: REPO_ROOT,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      minify: false,
      target: 'esnext',
      copyPublicDir: false,
      lib: {
        entry: fileURLToPath(new URL(`./${entry}.ts`, import.meta.url)),
        formats: ['es'],
        fileName: () => `${entry}.mjs`,
      },
    },
  });
  return `${outDir}/${entry}.mjs`;
}
