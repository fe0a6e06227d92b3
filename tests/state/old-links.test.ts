/**
 * Shared links are a promise: links made before compared runs (`vs`) existed compute exactly the numbers they
 * did then (tests/fixtures/old-links.json: the reference engine's output at commit e150fc6), and read as a
 * view of one run (no compared runs, no sweep).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { runExperiment } from '../../src/engine/backend';
import type { LayerStats } from '../../src/engine/experiment';
import { ReferenceBackend } from '../../src/engine/reference/backend';
import { parse, runList } from '../../src/state';

const { links } = JSON.parse(readFileSync('tests/fixtures/old-links.json', 'utf8')) as {
  links: { query: string; layers: LayerStats[]; loss: number }[];
};

describe('old links', () => {
  it.each(links.map((l) => [l.query, l] as const))('%s keeps its numbers exactly', async (_, link) => {
    const { experiment, compare, sweep, warnings } = parse(link.query);
    expect(warnings).toEqual([]);
    expect(compare).toEqual([]);
    expect(sweep).toBeNull();
    expect(runList(experiment, compare).map((r) => r.experiment)).toEqual([experiment]);
    const result = await runExperiment(new ReferenceBackend(), experiment);
    expect(result.layers).toEqual(link.layers);
    expect(result.loss).toBe(link.loss);
  });
});
