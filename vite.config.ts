import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * The Content-Security-Policy of the built site: no inline or evaluated scripts ('wasm-unsafe-eval' only lets
 * WebAssembly compile), no third-party requests at all. Added at build time only: the dev server injects an
 * inline script for hot reload.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'", // plotly sets inline styles on its SVG
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' data: blob:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'left-of-zero:csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head',
      },
    ],
  };
}

/**
 * Cross-origin isolation (SharedArrayBuffer, so the WASM engine can run kernel threads): sent by the dev
 * server and `vite preview`. Every resource of the app is same-origin, so `require-corp` blocks nothing. A
 * static host without these headers gets the single-threaded engine.
 */
export const CROSS_ORIGIN_ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
} as const;

/**
 * plotly.js's registry imports maplibre-gl's stylesheet (83 kB) for its map traces, which the charts never
 * register (src/ui/charts/plotly-bundle.ts); a bundler cannot see that the import is conditional, so without
 * this the lazy plotly chunk would come with a stylesheet of its own, fetched before the first chart.
 */
function withoutMaplibreCss(): Plugin {
  const empty = '\0left-of-zero:empty-css';
  return {
    name: 'left-of-zero:without-maplibre-css',
    enforce: 'pre',
    resolveId: (id) => (id === 'maplibre-gl/dist/maplibre-gl.css' ? empty : undefined),
    load: (id) => (id === empty ? '' : undefined),
  };
}

// Static site: relative base so a build opens from any folder or sub-path (classroom mirrors, GitHub Pages).
export default defineConfig({
  base: './',
  plugins: [
    react(),
    contentSecurityPolicy(),
    withoutMaplibreCss(),
    // Offline after one visit: every built file (plotly and the engines included) is precached.
    VitePWA({
      registerType: 'autoUpdate',
      // Registered by the page itself once it has its first result (src/ui/service-worker.ts).
      injectRegister: false,
      manifest: {
        name: 'Left of Zero',
        short_name: 'Left of Zero',
        description: 'A GPU playground for ELU, SELU and their relatives.',
        theme_color: '#1a5fb4',
        background_color: '#fbfbfd',
        display: 'standalone',
        start_url: './',
        icons: [{ src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,wasm,webmanifest}'],
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
  // plotly's CommonJS dependencies read Node's `global` (has-hover: `global.matchMedia`), as its own build
  // defines it (esbuild-config.js: `global: 'window'`); globalThis also exists in the engine's Workers.
  define: { global: 'globalThis' },
  worker: { format: 'es' },
  server: { host: '127.0.0.1', headers: CROSS_ORIGIN_ISOLATION_HEADERS },
  preview: { host: '127.0.0.1', headers: CROSS_ORIGIN_ISOLATION_HEADERS },
  // plotly (~1.1 MB, loaded lazily) is the one large chunk, by design.
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 1200 },
});
