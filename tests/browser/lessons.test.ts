/**
 * The guided lessons in real headless Chromium: every scene opens in English and Chinese with its own text,
 * navigation keeps progress in the URL, presentation and embed modes, and each scene's key claim holds in
 * the numbers the page computes (from the engines, the theory and the scene models, never prepared data).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SCENES } from '../../src/lessons/scenes';
import { SCENE_IDS } from '../../src/state';
import { builtAppFixture } from './setup';

const app = builtAppFixture();

async function open(query: string): Promise<{ page: Page; errors: string[] }> {
  const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${app.server.url}?${query}`);
  return { page, errors };
}

/** The scene widget's key numbers (data-* attributes of its claim), once computed. */
async function claim(page: Page, testId = 'claim'): Promise<Record<string, string | undefined>> {
  const el = page.getByTestId(testId);
  await el.waitFor();
  return el.evaluate((e) => ({ ...(e as HTMLElement).dataset }));
}

/** Waits until the engine has answered for the experiment now in the URL. */
async function settled(page: Page): Promise<void> {
  await page.getByTestId('engine').waitFor();
  await page.waitForFunction(
    () => document.querySelector('.engine-status')?.getAttribute('data-state') !== 'running',
  );
}

describe('the lesson index', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`lists the seven scenes in ${lang}`, async () => {
      const { page, errors } = await open(`lesson=index&lang=${lang}`);
      const links = page.locator('[data-scene-link]');
      await links.first().waitFor();
      expect(await links.allTextContents()).toEqual(SCENES.map((s) => s.text[lang].title));
      await links.nth(4).click();
      await page.waitForURL(/lesson=monotone/);
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});

describe('every scene, in both languages', () => {
  for (const id of SCENE_IDS) {
    for (const lang of ['en', 'zh'] as const) {
      it(`${id} (${lang}) opens with its text, its widget, and next/previous in the URL`, async () => {
        const { page, errors } = await open(`lesson=${id}&lang=${lang}`);
        const scene = SCENES.find((s) => s.id === id)!;
        await page.locator('#lesson-title').waitFor();
        expect(await page.locator('#lesson-title').textContent()).toBe(scene.text[lang].title);
        expect(await page.locator('.lesson').textContent()).toContain(scene.text[lang].steps[0].tryThis);
        await page.locator('.scene-widget').first().waitFor();
        await page.locator('.lesson-nav').getByRole('link').last().click();
        await page.waitForURL(/step=2/);
        expect(await page.locator('.lesson').textContent()).toContain(scene.text[lang].steps[1].say);
        expect(errors).toEqual([]);
        await page.close();
      });
    }
  }
});

describe('the scenes’ key claims', () => {
  it('1: ReLU units die at a high learning rate; the knob gradient is exactly 0 when every input is positive', async () => {
    const { page } = await open('lesson=dying-relu&step=2');
    await settled(page);
    expect(Number((await claim(page)).dead)).toBeGreaterThan(0);
    await page.locator('.lesson-nav').getByRole('link').last().click();
    await page.waitForURL(/step=3/);
    // Step 3 compares learning rates: the main run stays a ReLU, the compared runs override lr only.
    expect(await page.getByRole('combobox', { name: 'Activation function' }).inputValue()).toBe('relu');
    expect(page.url()).toContain('vs=lr');
    await page.locator('.lesson-nav').getByRole('link').last().click();
    await page.waitForURL(/act=hybrid/);
    await settled(page);
    const positive = await claim(page, 'knob-claim');
    expect(positive.zeroLayers).toBe(positive.layers);
    await page.getByRole('spinbutton', { name: 'Input mean' }).fill('0');
    await page.waitForURL((u) => !u.search.includes('in_mean=3'));
    await page.waitForFunction(
      () => document.querySelector('[data-testid="knob-claim"]')?.getAttribute('data-zero-layers') === '0',
    );
    await page.close();
  });

  it('2: average slope of ReLU is exactly ½ and ELU’s is larger', async () => {
    const { page } = await open('lesson=gradients-through-time&step=1');
    await settled(page);
    expect(Number((await claim(page)).averageSlope)).toBeCloseTo(0.5, 12);
    await page.getByRole('combobox', { name: 'Activation function' }).selectOption('elu');
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="claim"]')?.getAttribute('data-average-slope')) > 0.5,
    );
    await page.close();
  });

  it('3: SELU pulls a badly scaled input back to mean 0, variance 1', async () => {
    const { page } = await open('lesson=selu&step=2');
    await settled(page);
    const c = await claim(page);
    expect(Number(c.firstVar)).toBeGreaterThan(3);
    expect(Math.abs(Number(c.lastMean))).toBeLessThan(0.15);
    expect(Math.abs(Number(c.lastVar) - 1)).toBeLessThan(0.2);
    await page.close();
  });

  it('4: on a heterophilous graph ReLU erases negative messages and ELU keeps their sign', async () => {
    const { page } = await open('lesson=heterophily&act=elu');
    const c = await claim(page);
    expect(Number(c.signPreserved)).toBe(1);
    expect(Number(c.reluSignPreserved)).toBe(0);
    expect(Number(c.accuracy)).toBeGreaterThan(Number(c.reluAccuracy) + 0.1);
    await page.close();
  });

  it('5: non-negative weights with ELU never decrease; signed weights do', async () => {
    const { page } = await open('lesson=monotone&act=elu');
    const c = await claim(page);
    expect(Number(c.largestDrop)).toBeLessThanOrEqual(1e-12);
    expect(Number(c.signedDrop)).toBeGreaterThan(1e-3);
    await page.close();
  });

  it('6: the convexity test passes at α = 1 and fails at α = 1.5', async () => {
    const { page } = await open('lesson=icnn&act=elu&alpha=1');
    expect((await claim(page)).convex).toBe('true');
    await page.getByRole('spinbutton', { name: 'α (negative saturation)' }).fill('1.5');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="claim"]')?.getAttribute('data-convex') === 'false',
    );
    expect(Number((await claim(page)).violation)).toBeGreaterThan(1e-3);
    await page.close();
  });

  it('7: at Δt = 0.7 the ELU update leaves the unit circle and blows up; SiLU (φ′(0) = ½) stays stable', async () => {
    const { page } = await open('lesson=pde&act=elu');
    const elu = await claim(page);
    expect(Number(elu.radius)).toBeGreaterThan(1);
    expect(Number(elu.growth)).toBeGreaterThan(1);
    await page.getByRole('combobox', { name: 'Activation function' }).selectOption('silu');
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="claim"]')?.getAttribute('data-radius')) <= 1 + 1e-9,
    );
    expect(Number((await claim(page)).growth)).toBeLessThan(1);
    await page.close();
  });
});

describe('contrast scenes show both sides at once', () => {
  /** The names of a chart's plotly traces, once the chart has been drawn with `runs` runs. */
  async function traceNames(page: Page, chart: string, runs: number): Promise<string[]> {
    await page.locator(`[data-chart="${chart}"]`).scrollIntoViewIfNeeded();
    const handle = await page.waitForFunction(
      ({ chart, runs }) => {
        const plot = document.querySelector(`[data-chart="${chart}"] .plot`) as
          (HTMLElement & { data?: { name: string }[] }) | null;
        const names = (plot?.data ?? []).map((t) => t.name);
        return new Set(names.map((n) => n.split(' · ')[0])).size === runs ? names : null;
      },
      { chart, runs },
    );
    return (await handle.jsonValue()) as string[];
  }

  it('dying-relu step 2 shows ReLU, ELU and the hybrid trained side by side: every run on the signal chart and in its legend', async () => {
    const { page, errors } = await open('lesson=dying-relu&step=2');
    await settled(page);
    expect(page.url()).toMatch(/vs=act(:|%3A)elu/);
    const labels = ['ReLU', 'ELU', 'hybrid'];
    for (const chart of ['signal', 'dead']) {
      const names = await traceNames(page, chart, labels.length);
      for (const label of labels)
        expect(
          names.some((n) => n.startsWith(`${label} · `)),
          `${chart}: ${label}`,
        ).toBe(true);
      const legend = await page.locator(`[data-chart="${chart}"] .legend`).innerText();
      for (const label of labels) expect(legend, chart).toContain(`${label} · `);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('pde computes ELU and SiLU side by side: at Δt = 0.7 ELU leaves the circle and grows, SiLU stays and decays', async () => {
    const { page, errors } = await open('lesson=pde&act=elu');
    const row = async (act: string) => {
      const el = page.locator(`.scene-widget p[data-act="${act}"]`);
      await el.waitFor();
      return el.evaluate((e) => ({ ...(e as HTMLElement).dataset }));
    };
    const elu = await row('elu');
    const silu = await row('silu');
    expect(Number(elu.radius)).toBeGreaterThan(1);
    expect(Number(elu.growth)).toBeGreaterThan(1);
    expect(Number(silu.radius)).toBeLessThanOrEqual(1 + 1e-9);
    expect(Number(silu.growth)).toBeLessThan(1);
    for (const chart of ['pde-eigenvalues', 'pde-rollout']) {
      const names = await traceNames(page, chart, chart === 'pde-rollout' ? 2 : 3);
      for (const label of ['ELU', 'SiLU'])
        expect(
          names.some((n) => n.startsWith(`${label} · `)),
          `${chart}: ${label}`,
        ).toBe(true);
    }
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('presentation and embed modes', () => {
  it('present=1 shows large type and only the scene’s controls', async () => {
    const { page } = await open('lesson=icnn&present=1&act=elu');
    await page.locator('.present').waitFor();
    expect(await page.getByRole('spinbutton', { name: 'α (negative saturation)' }).count()).toBe(1);
    expect(await page.getByRole('spinbutton', { name: 'Depth (hidden layers)' }).count()).toBe(0);
    const size = await page.evaluate(() =>
      parseFloat(getComputedStyle(document.querySelector('.present')!).fontSize),
    );
    expect(size).toBeGreaterThan(18);
    await page.close();
  });

  it('embed=1 drops the page header and links to the full playground', async () => {
    const { page } = await open('lesson=selu&embed=1');
    await page.locator('.lesson').waitFor();
    expect(await page.locator('.page-header').count()).toBe(0);
    expect(await page.locator('.embed-link a').getAttribute('href')).toContain('lesson=selu');
    await page.close();
  });
});
