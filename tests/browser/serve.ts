/**
 * Serving the built app (dist/) on http://127.0.0.1 with Vite's preview server, on a free port.
 * WebGPU needs a secure context: 127.0.0.1 is one, file:// and about:blank are not.
 */
import { existsSync } from 'node:fs';
import { preview, type PreviewServer } from 'vite';

/** A running static server for dist/ and its base URL (ending in `/`). */
export interface AppServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves dist/; fails with a clear message when the app has not been built. */
export async function serveBuiltApp(): Promise<AppServer> {
  if (!existsSync('dist/index.html'))
    throw new Error('dist/ is missing: run `npm run build` first (test:browser does).');
  const server: PreviewServer = await preview({
    logLevel: 'silent',
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  const address = server.httpServer.address();
  if (address === null || typeof address === 'string') throw new Error('preview server has no TCP address');
  return { url: `http://127.0.0.1:${address.port}/`, close: () => server.close() };
}
