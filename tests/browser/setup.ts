/**
 * The usual browser-test fixture: the built app served on 127.0.0.1 (as a plain static host, or `isolated`
 * with the COOP/COEP headers of `npm run dev`/`preview`) and one headless Chromium, started before the file's
 * tests and closed after them.
 */
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './chromium';
import { serveBuiltApp, type AppServer } from './serve';

/** Registers the fixture's hooks; the returned object's fields are set once `beforeAll` has run. */
export function builtAppFixture(options: { isolated?: boolean } = {}): {
  browser: Browser;
  server: AppServer;
} {
  const fixture = {} as { browser: Browser; server: AppServer };
  beforeAll(async () => {
    fixture.server = await serveBuiltApp(options);
    fixture.browser = await launchChromium();
  });
  afterAll(async () => {
    await fixture.browser?.close();
    await fixture.server?.close();
  });
  return fixture;
}
