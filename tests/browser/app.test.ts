/**
 * The built app in real headless Chromium (Debian's, via playwright-core), served from 127.0.0.1.
 */
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import type { RunResult } from '../../src/engine/experiment';
import { formatNumber } from '../../src/engine/format';
import { builtAppFixture } from './setup';

const run = promisify(execFile);
const app = builtAppFixture();

/** Opens the app at `query`, collecting console errors and uncaught exceptions. */
async function open(query: string): Promise<{ page: Page; errors: string[] }> {
  const page = await app.browser.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${app.server.url}?${query}`);
  return { page, errors };
}

/** What the CLI prints for a query, parsed. */
async function cli(query: string): Promise<RunResult> {
  const { stdout } = await run('npx', [
    'tsx',
    'src/cli.ts',
    'run',
    query,
    '--backend',
    'reference',
    '--json',
  ]);
  return JSON.parse(stdout) as RunResult;
}

describe('the first page', () => {
  it('loads without console errors, has navigator.gpu, and shows the numbers the CLI prints', async () => {
    const query = 'depth=4&width=24&batch=8&act=selu&seed=7&backend=reference';
    const [{ page, errors }, expected] = await Promise.all([open(query), cli(query)]);
    await page.getByTestId('stats-table').waitFor({ state: 'attached' });
    expect(await page.evaluate(() => 'gpu' in navigator && navigator.gpu !== undefined)).toBe(true);

    const rows = await page.getByTestId('stats-table').locator('tbody tr').all();
    expect(rows).toHaveLength(4);
    for (const [i, layer] of expected.layers.entries()) {
      for (const key of [
        'preMean',
        'preVar',
        'postMean',
        'postVar',
        'dead',
        'saturated',
        'gradNorm',
        'weightGradNorm',
      ] as const) {
        const cell = rows[i].locator(`td[data-key="${key}"]`);
        expect(await cell.textContent(), `layer ${i + 1} ${key}`).toBe(formatNumber(layer[key]));
      }
    }
    expect(await page.getByTestId('engine').getAttribute('data-kind')).toBe('reference');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('window.loz.run returns the object the CLI prints, and window.loz.backend says what runs and why', async () => {
    const query = 'depth=3&width=16&batch=4&act=hybrid&knob=0.5&steps=2&lr=0.1';
    const [{ page, errors }, expected] = await Promise.all([open('depth=2&width=8&batch=2'), cli(query)]);
    await page.getByTestId('stats-table').waitFor({ state: 'attached' });
    const got = await page.evaluate((q) => window.loz.run(q, { backend: 'reference' }), query);
    expect(got.backend).toBe('reference');
    expect(got.experiment).toEqual(expected.experiment);
    expect(Object.keys(got).sort()).toEqual([
      'accuracy',
      'backend',
      'experiment',
      'layers',
      'loss',
      'ms',
      'testAccuracy',
    ]);
    for (const [i, layer] of expected.layers.entries()) {
      for (const [key, value] of Object.entries(layer)) {
        expect(got.layers[i][key as keyof typeof layer]).toBeCloseTo(value as number, 10);
      }
    }
    expect(got.loss).toBeCloseTo(expected.loss, 10);

    const backend = await page.evaluate(() => window.loz.backend);
    expect(backend?.kind).toMatch(/^(webgpu|wasm|reference)$/);
    expect(backend?.reason.length).toBeGreaterThan(10);
    await expect(page.evaluate(() => window.loz.run('act=elux'))).rejects.toThrow(/act="elux" is not one of/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens a hostile link as a working page with its warnings shown as text', async () => {
    const hostile =
      'act=<script>window.pwned=1</script>&depth=1e999&width=abc&__proto__=1&<img src=x onerror=window.pwned=1>=2&batch=2&' +
      'x='.repeat(20_000);
    const { page, errors } = await open(hostile);
    await page.getByTestId('stats-table').waitFor({ state: 'attached' });
    const warnings = await page.getByTestId('warnings').textContent();
    expect(warnings).toContain('<script>window.pwned=1</script>');
    expect(warnings).toContain('depth=1e999 is outside [1, 1000]');
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    // Only the app's own scripts: none inline, none from elsewhere, no <img> injected from the link.
    expect(await page.locator('script:not([src])').count()).toBe(0);
    const sources = await page
      .locator('script[src]')
      .evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).src));
    for (const src of sources) expect(src.startsWith(app.server.url)).toBe(true);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.getByTestId('stats-table').locator('tbody tr').count()).toBe(1000);
    expect(errors).toEqual([]);
    await page.close();
  });
});
