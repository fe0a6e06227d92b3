/**
 * Statistics export: the CSV (RFC 4180, CRLF, header of the LayerStats keys, knob/knobGrad for the hybrid)
 * parses back to exactly the run's numbers, non-finite values included; the JSON is the CLI object and
 * round-trips.
 */
import { describe, expect, it } from 'vitest';
import { runExperiment } from '../../../src/engine/backend';
import type { Experiment, LayerStats, RunResult } from '../../../src/engine/experiment';
import { STATS_COLUMNS, statsColumns, statsCsv, statsJson } from '../../../src/engine/export/csv';
import { ReferenceBackend } from '../../../src/engine/reference/backend';
import { experimentWith } from '../../../src/state/schema';

async function run(e: Experiment): Promise<RunResult> {
  const backend = new ReferenceBackend();
  try {
    return await runExperiment(backend, e);
  } finally {
    backend.dispose();
  }
}

/** A minimal RFC 4180 reader for unquoted fields (all our fields are numbers or plain names). */
function parseCsv(text: string): string[][] {
  expect(text.endsWith('\r\n')).toBe(true);
  const records = text.slice(0, -2).split('\r\n');
  for (const r of records) expect(r).not.toMatch(/[\r\n"]/);
  return records.map((r) => r.split(','));
}

function expectCsvMatches(result: RunResult): void {
  const [header, ...rows] = parseCsv(statsCsv(result));
  expect(header).toEqual(statsColumns(result));
  expect(rows.length).toBe(result.layers.length);
  rows.forEach((row, i) => {
    expect(row.length).toBe(header.length);
    const layer = result.layers[i] as unknown as Record<string, number>;
    header.forEach((key, j) => {
      expect(
        Object.is(Number(row[j]), layer[key]),
        `${key} of layer ${i + 1}: ${row[j]} vs ${layer[key]}`,
      ).toBe(true);
    });
  });
}

describe('statsCsv', () => {
  it('has the LayerStats columns, one row per layer, and parses back to the exact numbers', async () => {
    const result = await run(
      experimentWith({ depth: 5, width: 10, batch: 7, act: 'relu', steps: 2, sb: 0.3 }),
    );
    expect(statsColumns(result)).toEqual([...STATS_COLUMNS]);
    expectCsvMatches(result);
    expect(statsCsv(result).split('\r\n')[0]).toBe(
      'layer,preMean,preVar,postMean,postVar,dead,saturated,gradNorm,weightGradNorm',
    );
  });

  it('adds knob and knobGrad for the hybrid', async () => {
    const result = await run(
      experimentWith({ depth: 4, width: 8, batch: 5, act: 'hybrid', knob: 0.4, steps: 3, lr: 0.2 }),
    );
    const header = statsCsv(result).split('\r\n')[0].split(',');
    expect(header.slice(-2)).toEqual(['knob', 'knobGrad']);
    expectCsvMatches(result);
    expect(result.layers.some((l) => l.knobGrad !== 0)).toBe(true);
  });

  it('writes NaN, ±Infinity, −0 and extreme values so that Number() reads them back', () => {
    const weird: LayerStats = {
      layer: 1,
      preMean: Number.NaN,
      preVar: Number.POSITIVE_INFINITY,
      postMean: -0,
      postVar: Number.NEGATIVE_INFINITY,
      dead: 0,
      saturated: 3,
      gradNorm: 5e-324,
      weightGradNorm: 0.1 + 0.2,
    };
    const result: RunResult = {
      backend: 'reference',
      experiment: experimentWith({ depth: 2 }),
      layers: [weird, { ...weird, layer: 2, preMean: 1.7976931348623157e308, postMean: -1e-300 }],
      accuracy: null,
      testAccuracy: null,
      loss: 1,
      ms: 0,
    };
    expectCsvMatches(result);
    expect(statsCsv(result).split('\r\n')[1]).toBe(
      '1,NaN,Infinity,-0,-Infinity,0,3,5e-324,0.30000000000000004',
    );
  });
});

describe('statsJson', () => {
  it('is the CLI object, pretty-printed, and round-trips', async () => {
    for (const act of ['selu', 'hybrid'] as const) {
      const result = await run(experimentWith({ depth: 3, width: 6, batch: 4, act, steps: 1 }));
      const text = statsJson(result);
      expect(text.endsWith('}\n')).toBe(true);
      expect(text).toContain('\n  "backend": "reference",\n');
      expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(result)));
      expect(JSON.parse(text)).toEqual(result);
      expect(Object.keys(JSON.parse(text))).toEqual([
        'backend',
        'experiment',
        'layers',
        'loss',
        'accuracy',
        'testAccuracy',
        'ms',
      ]);
    }
  });

  it('writes non-finite numbers as null, as the CLI does', () => {
    const result: RunResult = {
      backend: 'reference',
      experiment: experimentWith({ depth: 1 }),
      layers: [],
      accuracy: null,
      testAccuracy: null,
      loss: Number.NaN,
      ms: 1,
    };
    expect(JSON.parse(statsJson(result)).loss).toBeNull();
  });
});
