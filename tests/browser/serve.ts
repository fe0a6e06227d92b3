/**
 * Serving the built app (dist/) on http://127.0.0.1, on a free port, as any static host would. WebGPU needs a
 * secure context: 127.0.0.1 is one, file:// and about:blank are not. The header limit is raised to 1 MiB so
 * tests can open the 100 kB links a student might paste (Node's default would answer 431 before the app runs).
 * By default it sends no special headers (a plain static host: single-threaded WASM); `isolated` adds the
 * COOP/COEP headers that `npm run dev` and `npm run preview` send (kernel threads).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { CROSS_ORIGIN_ISOLATION_HEADERS } from '../../vite.config';

/** A running static server for dist/ and its base URL (ending in `/`). */
export interface AppServer {
  readonly url: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.map': 'application/json',
};

/** Serves `root` (default $LOZ_DIST, else dist/); fails with a clear message when the app has not been built. */
export async function serveBuiltApp(options: { root?: string; isolated?: boolean } = {}): Promise<AppServer> {
  const root = options.root ?? process.env.LOZ_DIST ?? 'dist';
  const extra = options.isolated ? CROSS_ORIGIN_ISOLATION_HEADERS : {};
  const base = resolve(root);
  if (!existsSync(join(base, 'index.html')))
    throw new Error(`${root}/ is missing: run \`npm run build\` first (test:browser does).`);
  const server = createServer({ maxHeaderSize: 1 << 20 }, async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    const file = normalize(join(base, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(base)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res
        .writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', ...extra })
        .end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
