/**
 * Hard to break: sizes the device cannot hold are refused with a specific message, overflow is reported per
 * layer, long runs show progress and can be cancelled, and the page stays usable throughout.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { builtAppFixture } from './setup';

const app = builtAppFixture();

async function open(query: string): Promise<{ page: Page; errors: string[] }> {
  const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${app.server.url}?${query}`);
  return { page, errors };
}

describe('budgets and broken numbers', () => {
  it('refuses an experiment the device cannot hold, says why, and keeps working', async () => {
    const { page, errors } = await open('depth=1000&width=4096&batch=8192');
    const error = page.getByTestId('run-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(
      /needs about [\d.]+ GiB \(depth 1000 × batch 8192 × width 4096\)/,
    );
    await page.getByRole('spinbutton', { name: 'Depth (hidden layers)' }).fill('3');
    await page.getByRole('spinbutton', { name: 'Width (units per layer)' }).fill('8');
    await page.getByRole('spinbutton', { name: 'Batch (examples)' }).fill('4');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="stats-table"] tbody tr').length === 3,
    );
    expect(await page.getByTestId('run-error').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('reports the layer where the variance overflows float32', async () => {
    const { page } = await open('act=relu&init=custom&sw=10&depth=30&width=64&batch=8&in_std=100');
    const alert = page.getByTestId('overflow');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/pre-activation variance overflows float32 at layer \d+/);
    const layer = Number(await alert.getAttribute('data-layer'));
    expect(layer).toBeGreaterThan(15);
    expect(layer).toBeLessThan(26);
    await page.close();
  });

  it('shows a long run’s progress, cancels it, and stays usable', async () => {
    const { page, errors } = await open('depth=20&width=256&batch=256&steps=100000&backend=reference');
    await page.getByRole('progressbar').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('Cancelled; the charts show the last finished run.').waitFor();
    await page.getByRole('spinbutton', { name: 'Width (units per layer)' }).fill('8');
    await page.getByRole('spinbutton', { name: 'Depth (hidden layers)' }).fill('2');
    await page.waitForURL(/depth=2&/);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('hostile links', () => {
  it('opens a 100 kB link with every enum misspelt as a working page that lists what it ignored', async () => {
    const misspelt = 'act=elux&init=hee&dist=normall&loss=mes&backend=cuda&lang=fr&lesson=nope';
    const padding = Array.from({ length: 6000 }, (_, i) => `junk${i}=${'z'.repeat(10)}`).join('&');
    const query = `${misspelt}&depth=2&width=4&batch=2&${padding}`;
    expect(query.length).toBeGreaterThan(100_000);
    const page = await app.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${app.server.url}?${query}`);
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="stats-table"] tbody tr').length === 2,
    );
    const warnings = (await page.getByTestId('warnings').textContent()) ?? '';
    for (const key of ['act', 'init', 'dist', 'loss', 'backend', 'lang', 'lesson'])
      expect(warnings).toContain(`${key}="`);
    expect(warnings).toMatch(/more problems in this link/);
    expect(await page.getByRole('combobox', { name: 'Activation function' }).inputValue()).toBe('elu');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('the WebGPU engine in the page', () => {
  it('runs when asked for, and shows per-kernel GPU times from timestamp queries', async () => {
    const page = await app.browser.newPage();
    await page.goto(`${app.server.url}?backend=webgpu&depth=2&width=8&batch=4`);
    const engine = page.getByTestId('engine');
    await engine.waitFor({ timeout: 120_000 });
    expect(await engine.getAttribute('data-kind')).toBe('webgpu');
    await page.getByText('GPU time per kernel').click();
    await page.getByRole('button', { name: 'Measure one pass' }).click();
    const table = page.getByTestId('kernel-timings');
    await table.waitFor({ timeout: 120_000 });
    const kernels = await table.locator('tbody th').allTextContents();
    expect(kernels).toEqual(expect.arrayContaining(['forward', 'backward']));
    const total = await table.locator('caption').textContent();
    expect(Number(total?.match(/([\d.]+) ms/)?.[1])).toBeGreaterThan(0);
    await page.close();
  });
});
