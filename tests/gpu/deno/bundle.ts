/**
 * Bundles the Deno conformance entry (conformance.ts) into one ES module with Vite's build API: Deno cannot
 * import WGSL with Vite's `?raw` suffix, so Vite inlines the shaders as strings. No config file (the app's
 * plugins are not wanted), no minification (readable stack traces), output under node_modules/.cache.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
/** The entry. */
export const DENO_ENTRY = fileURLToPath(new URL('./conformance.ts', import.meta.url));
/** Where the bundle goes (gitignored with node_modules). */
export const DENO_OUT_DIR = `${REPO_ROOT}node_modules/.cache/loz-deno`;
/** The bundle's path. */
export const DENO_BUNDLE = `${DENO_OUT_DIR}/conformance.mjs`;

/** Builds DENO_BUNDLE from the current sources; resolves with its path. */
export async function bundleForDeno(): Promise<string> {
  await build({
    configFile: false,
    root: REPO_ROOT,
    logLevel: 'warn',
    build: {
      outDir: DENO_OUT_DIR,
      emptyOutDir: true,
      minify: false,
      target: 'esnext',
      copyPublicDir: false,
      lib: { entry: DENO_ENTRY, formats: ['es'], fileName: () => 'conformance.mjs' },
    },
  });
  return DENO_BUNDLE;
}
