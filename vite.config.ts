import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Static site: relative base so a build opens from any folder or sub-path (classroom mirrors, GitHub Pages).
export default defineConfig({
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
  // plotly's partial bundle (~1.4 MB, loaded lazily) is the one large chunk, by design.
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 1600 },
});
