/**
 * Exports from the built app: the PyTorch script (valid Python, the page's own link in it), the statistics
 * as CSV and JSON equal to what the page shows, and every chart as SVG and PNG.
 */
import { DIGITS_BASE64, DIGITS_SHA256 } from '../../src/engine/data/digits-data';
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import type { RunResult } from '../../src/engine/experiment';
import { builtAppFixture } from './setup';

const app = builtAppFixture();

async function saved(
  page: Page,
  click: () => Promise<void>,
): Promise<{ name: string; text: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await (download as Download).path();
  const bytes = readFileSync(path);
  return { name: (download as Download).suggestedFilename(), text: bytes.toString('utf8'), bytes };
}

describe('exports', () => {
  it('downloads the PyTorch script of a digits experiment with the digits embedded', async () => {
    const context = await app.browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${app.server.url}?data=digits&depth=1&width=8&batch=4&backend=reference`);
    await page.getByRole('button', { name: 'PyTorch script (.py)' }).waitFor();
    const script = await saved(page, () =>
      page.getByRole('button', { name: 'PyTorch script (.py)' }).click(),
    );
    expect(script.text).toContain(DIGITS_SHA256);
    // The embedded block: the base64 in quoted lines (as pytorchScript writes it), all of it.
    const block = script.text.slice(
      script.text.indexOf('\nDIGITS_BASE64 = (\n'),
      script.text.indexOf('\nif __name__'),
    );
    const embedded = [...block.matchAll(/^ {4}"([A-Za-z0-9+/=]+)"$/gm)].map((m) => m[1]).join('');
    expect(embedded).toBe(DIGITS_BASE64);
    const dir = mkdtempSync(join(tmpdir(), 'loz-export-'));
    writeFileSync(join(dir, 'digits.py'), script.text);
    execFileSync('python3', ['-m', 'py_compile', join(dir, 'digits.py')]);
    await context.close();
  });

  it('downloads a valid PyTorch script, CSV and JSON of the numbers on the page, and charts as SVG and PNG', async () => {
    const context = await app.browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(
      `${app.server.url}?act=hybrid&knob=0.3&depth=3&width=8&batch=4&steps=2&backend=reference`,
    );
    await page.getByRole('button', { name: 'PyTorch script (.py)' }).waitFor();

    const script = await saved(page, () =>
      page.getByRole('button', { name: 'PyTorch script (.py)' }).click(),
    );
    expect(script.name).toMatch(/^left-of-zero-act-hybrid.*\.py$/);
    expect(script.text).toContain('act=hybrid');
    const dir = mkdtempSync(join(tmpdir(), 'loz-export-'));
    writeFileSync(join(dir, 'exp.py'), script.text);
    execFileSync('python3', ['-m', 'py_compile', join(dir, 'exp.py')]);

    const json = await saved(page, () => page.getByRole('button', { name: 'Statistics (JSON)' }).click());
    const result = JSON.parse(json.text) as RunResult;
    expect(result.layers).toHaveLength(3);
    expect(result.experiment.knob).toBe(0.3);
    const shown = await page.evaluate(
      (q) => window.loz.run(q, { backend: 'reference' }),
      'act=hybrid&knob=0.3&depth=3&width=8&batch=4&steps=2',
    );
    expect(result.layers).toEqual(shown.layers);

    const csv = await saved(page, () => page.getByRole('button', { name: 'Statistics (CSV)' }).click());
    const [header, ...rows] = csv.text.trim().split(/\r?\n/);
    expect(header.split(',')).toEqual([
      'layer',
      'preMean',
      'preVar',
      'postMean',
      'postVar',
      'dead',
      'saturated',
      'gradNorm',
      'weightGradNorm',
      'knob',
      'knobGrad',
    ]);
    expect(rows.map((r) => Number(r.split(',')[2]))).toEqual(shown.layers.map((l) => l.preVar));

    await page.locator('[data-chart="signal"]').scrollIntoViewIfNeeded();
    await page.waitForSelector('[data-chart="signal"] .plot .main-svg');
    const svg = await saved(page, () =>
      page.getByRole('button', { name: 'Download Mean and variance per layer as SVG' }).click(),
    );
    expect(svg.text).toMatch(/^<svg/);
    // The page's legend is HTML; a saved chart carries plotly's, so it stands alone on a slide.
    expect(svg.text).toContain('post-activation variance (mean-field theory)');
    const png = await saved(page, () =>
      page.getByRole('button', { name: 'Download Mean and variance per layer as PNG' }).click(),
    );
    expect(png.bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
    await context.close();
  });
});
