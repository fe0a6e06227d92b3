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
        await page.locator('.lesson-nav button').last().click();
        await page.waitForURL(/step=2/);
        expect(await page.locator('.lesson').textContent()).toContain(scene.text[lang].steps[1].say);
        expect(errors).toEqual([]);
        await page.close();
      });
    }
  }
});

describe('the scenes’ key claims', () => {
  it('1: ReLU units die at a high learning rate and ELU units do not; the knob gradient is exactly 0 when every input is positive', async () => {
    const { page } = await open('lesson=dying-relu&step=1');
    await settled(page);
    expect(Number((await claim(page)).dead)).toBeGreaterThan(0);
    await page.locator('.lesson-nav button').last().click();
    await page.waitForURL(/step=2/);
    expect(await page.getByRole('combobox', { name: 'Activation function' }).inputValue()).toBe('elu');
    await settled(page);
    expect(Number((await claim(page)).dead)).toBe(0);
    await page.locator('.lesson-nav button').last().click();
    await page.waitForURL(/act=hybrid/);
    await settled(page);
    const positive = await claim(page, 'knob-claim');
    expect(positive.zeroLayers).toBe(positive.layers);
    await page.getByRole('spinbutton', { name: 'Input mean' }).fill('0');
    await page.waitForURL((u) => !u.search.includes('in_mean'));
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
