/**
 * Progress within a pass (issue 18, part 3): a run whose single pass takes seconds on the WASM engine (60
 * layers of 512 × 512: ~24 G multiply-adds a step) shows how far the pass is on the status line, moving, and
 * Cancel stops it within about a second (the Worker yields inside the pass, run-progress.ts); the charts keep
 * the last finished run and the page goes on running new experiments.
 */
import { describe, expect, it } from 'vitest';
import { builtAppFixture } from './setup';

const app = builtAppFixture();

const rows = () => document.querySelectorAll('[data-testid="stats-table"] tbody tr').length;

describe('progress within a pass', () => {
  it('shows a big pass moving, cancels it within about a second, and keeps the charts', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${app.server.url}?backend=wasm&depth=3&width=512&batch=512`);
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="stats-table"] tbody tr').length === 3,
      undefined,
      { timeout: 60_000 },
    );

    await page.getByRole('spinbutton', { name: 'Depth (hidden layers)' }).fill('60');
    const pass = page.getByTestId('pass-progress');
    await pass.waitFor({ timeout: 60_000 });
    expect(await pass.textContent()).toMatch(/This pass .*: \d+% done/);
    const first = Number(await pass.getAttribute('data-done'));
    const total = Number(await pass.getAttribute('data-total'));
    expect(total).toBe(3 * 60 - 1);
    await page.waitForFunction(
      (before) =>
        Number(document.querySelector('[data-testid="pass-progress"]')?.getAttribute('data-done')) > before,
      first,
      { timeout: 30_000 },
    );

    const pressed = Date.now();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('Cancelled; the charts show the last finished run.').waitFor({ timeout: 10_000 });
    const stopMs = Date.now() - pressed;
    console.log(`pass progress ${first} of ${total} products seen first; Cancel took effect in ${stopMs} ms`);
    expect(stopMs).toBeLessThan(2_000);
    // The last finished run (depth 3) stays on the charts.
    expect(await page.evaluate(rows)).toBe(3);

    await page.getByRole('spinbutton', { name: 'Depth (hidden layers)' }).fill('4');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="stats-table"] tbody tr').length === 4,
      undefined,
      {
        timeout: 60_000,
      },
    );
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
