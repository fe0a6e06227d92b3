/**
 * Serves tests/browser/gpu/page with Vite's dev server on 127.0.0.1 (WebGPU needs a secure context, and
 * http://127.0.0.1 is one; file:// and about:blank have no navigator.gpu) and opens it in headless Chromium.
 */
import { fileURLToPath } from 'node:url';
import { createServer, type ViteDevServer } from 'vite';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../chromium';

const PAGE_ROOT = fileURLToPath(new URL('./page', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** A served test page in a browser; `close()` stops both. */
export interface GpuPage {
  readonly page: Page;
  readonly url: string;
  /** Console errors and page errors seen so far. */
  readonly errors: string[];
  close(): Promise<void>;
}

/** Starts the dev server on a free port and loads the page until `window.gpuTest` exists. */
export async function openGpuPage(): Promise<GpuPage> {
  const server: ViteDevServer = await createServer({
    configFile: false,
    root: PAGE_ROOT,
    logLevel: 'error',
    clearScreen: false,
    server: { host: '127.0.0.1', port: 0, hmr: false, fs: { allow: [REPO_ROOT] } },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  let browser: Browser | null = null;
  try {
    await server.listen();
    const address = server.httpServer?.address();
    if (!address || typeof address === 'string') throw new Error('vite: no TCP address');
    const url = `http://127.0.0.1:${address.port}/`;
    browser = await launchChromium();
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    await page.waitForFunction(() => 'gpuTest' in window, undefined, { timeout: 60_000 });
    const opened = browser;
    return {
      page,
      url,
      errors,
      close: async () => {
        await opened.close();
        await server.close();
      },
    };
  } catch (e) {
    await browser?.close();
    await server.close();
    throw e;
  }
}
