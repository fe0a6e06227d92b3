/**
 * Offline after one visit (service worker), and the Content-Security-Policy holding with no violations,
 * in real headless Chromium against the built app.
 */
import { describe, expect, it } from 'vitest';
import { builtAppFixture } from './setup';

const app = builtAppFixture();

const QUERY = '?depth=5&width=32&batch=16&act=selu';

describe('offline', () => {
  it('opens with the network cut after one visit: page, engines and charts come from the service worker', async () => {
    const context = await app.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${app.server.url}${QUERY}`);
    await page.waitForFunction(() => {
      const plot = document.querySelector('[data-chart="signal"] .plot') as
        (HTMLElement & { data?: unknown[] }) | null;
      return (plot?.data?.length ?? 0) > 0;
    });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 60_000,
    });
    await context.setOffline(true);
    await page.reload();
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="stats-table"] tbody tr').length === 5,
    );
    await page.waitForFunction(() => {
      const plot = document.querySelector('[data-chart="signal"] .plot') as
        (HTMLElement & { data?: unknown[] }) | null;
      return (plot?.data?.length ?? 0) > 0;
    });
    // A lesson opens offline too.
    await page.goto(`${app.server.url}?lesson=icnn&act=elu&alpha=1.5`);
    await page.getByTestId('claim').waitFor();
    await context.close();
  });
});

describe('Content-Security-Policy', () => {
  it('is set without unsafe-eval or inline scripts, and nothing violates it (engines, charts, lessons, theory)', async () => {
    const context = await app.browser.newContext();
    const page = await context.newPage();
    const violations: string[] = [];
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { __csp: string[] }).__csp ??= [];
        (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    page.on('console', (m) => {
      if (/Content.Security.Policy/i.test(m.text())) violations.push(m.text());
    });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${app.server.url}?lesson=heterophily&act=elu`);
    await page.getByTestId('claim').waitFor();
    await page.goto(`${app.server.url}${QUERY}`);
    await page.waitForFunction(() => {
      const plot = document.querySelector('[data-chart="signal"] .plot') as
        (HTMLElement & { data?: unknown[] }) | null;
      return (plot?.data?.length ?? 0) > 0;
    });
    await page.getByText('Theory: phase diagram and SELU’s fixed point').click();
    await page.locator('[data-chart="phase"]').scrollIntoViewIfNeeded();
    await page.waitForSelector('[data-chart="phase"] .plot .main-svg');
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).not.toContain("'unsafe-eval'");
    expect(await page.locator('script:not([src])').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])).toEqual([]);
    expect(violations).toEqual([]);
    expect(
      requests.filter(
        (u) => !u.startsWith(app.server.url) && !u.startsWith('data:') && !u.startsWith('blob:'),
      ),
    ).toEqual([]);
    await context.close();
  });
});
