/**
 * The PyTorch export of data-set experiments: the script carries the digits (embedded, or read from
 * scikit-learn's copy, SHA-256 checked); its draws (`--draws`) of the data points, their standardisation, the
 * digits' split, the minibatch order and the layer-1 and read-out weights equal the page's exactly; and a whole
 * run (minibatch SGD, xent or mse, the statistics of every hidden layer, the loss, accuracy and testAccuracy)
 * matches the reference engine's `runExperiment` to 1e-9 (runs.ts), in real torch and on the numpy stand-in.
 */
import { gzipSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDataSet } from '../../../src/engine/data/dataset';
import { DIGITS_COUNT, decodeDigits, permutation } from '../../../src/engine/data/digits';
import { DIGITS_BASE64, DIGITS_SHA256 } from '../../../src/engine/data/digits-data';
import { MinibatchFeed } from '../../../src/engine/data/minibatch';
import { TWO_D_TRAIN, twoDPoints, type TwoDKind } from '../../../src/engine/data/two-d';
import type { Experiment } from '../../../src/engine/experiment';
import { PYTHON_DATA } from '../../../src/engine/export/python-data';
import { pytorchScript, pytorchScriptWithData } from '../../../src/engine/export/pytorch';
import { initBias, initReadout, initWeights } from '../../../src/engine/init';
import { Rng, STREAM } from '../../../src/engine/random';
import { experimentWith } from '../../../src/state/schema';
import {
  FAKE_TORCH,
  HAS_NUMPY,
  HAS_TORCH,
  SKLEARN_PYTHON,
  ScriptDir,
  TORCH_PYTHON,
  evalInScript,
  python,
} from './python';
import { batchedRuns, expectSameRun, referenceRun } from './runs';

const dir = new ScriptDir();
afterAll(() => dir.cleanup());

/** The script of `e`, with the digits embedded when it uses them (what pytorchScriptWithData writes). */
const script = (e: Experiment): string =>
  dir.write(pytorchScript(e, undefined, { digitsBase64: e.data === 'digits' ? DIGITS_BASE64 : undefined }));

type Draws = Record<string, number[]>;

function draws(file: string, count: number, env?: Record<string, string>, interpreter?: string): Draws {
  return JSON.parse(python([file, '--draws', String(count)], env, interpreter)) as Draws;
}

const head = (v: ArrayLike<number>, count: number): number[] => Array.from(v).slice(0, count);

/** What `--draws count` must print for `e`, from the page's own code. */
async function expectedDraws(e: Experiment, count: number): Promise<Draws> {
  const data = await loadDataSet(e);
  const out: Draws = { w1: head(initWeights(e, 1), count), readout: head(initReadout(e), count) };
  if (e.sb > 0) out.b1 = head(initBias(e, 1), count);
  if (e.data === 'digits') out.split = head(permutation(DIGITS_COUNT, new Rng(0, STREAM.split, 0)), count);
  const raw =
    e.data === 'digits' ? data.rawTrain : twoDPoints(e.data as TwoDKind, e.seed, e.noise, 0, TWO_D_TRAIN);
  return {
    ...out,
    raw_train: head(raw.x, count),
    train_x: head(data.train.x, count),
    train_labels: head(data.train.labels, count),
    test_x: head(data.test.x, count),
    test_labels: head(data.test.labels, count),
    mean: Array.from(data.mean),
    scale: Array.from(data.scale),
    minibatch: Array.from(new MinibatchFeed(data, e.seed, count).rowsAt(0)),
  };
}

describe('pytorchScript, data sets: the digits in the script', () => {
  const digits = experimentWith({ data: 'digits', width: 32 });

  it('pytorchScriptWithData embeds the digits, base64, at the end; the header says so', async () => {
    const source = await pytorchScriptWithData(digits, 'https://example.org/?data=digits');
    expect(source).toBe(
      pytorchScript(digits, 'https://example.org/?data=digits', { digitsBase64: DIGITS_BASE64 }),
    );
    const block = source.slice(source.indexOf('\nDIGITS_BASE64 = (\n'), source.indexOf('\nif __name__'));
    const embedded = [...block.matchAll(/^ {4}"([A-Za-z0-9+/=]+)"$/gm)].map((m) => m[1]).join('');
    expect(embedded).toBe(DIGITS_BASE64);
    expect(source).toContain(
      '# the end of this file (116,805 bytes as base64, checked against their SHA-256)',
    );
    expect(source.length).toBeLessThan(220_000);
  });

  it('without them, the script reads scikit-learn’s copy (and says so); other data sets embed nothing', async () => {
    const source = pytorchScript(digits);
    expect(source).toContain('\nDIGITS_BASE64 = None\n');
    expect(source).toContain(
      "# The digits (1,797 8x8 images; UCI optdigits, CC BY 4.0) are read from scikit-learn's",
    );
    const spiral = experimentWith({ data: 'spiral', noise: 0.1 });
    expect(await pytorchScriptWithData(spiral, 'u')).toBe(pytorchScript(spiral, 'u'));
    expect(pytorchScript(spiral)).toContain('\nDIGITS_BASE64 = None\n');
    expect(pytorchScript(spiral).length).toBeLessThan(50_000);
  });

  it('checks the page’s SHA-256, and refuses anything but base64 as the digits', () => {
    expect(PYTHON_DATA).toContain(`DIGITS_SHA256 = "${DIGITS_SHA256}"`);
    expect(() => pytorchScript(digits, undefined, { digitsBase64: 'AAAA"\nimport os\n#' })).toThrow(/base64/);
  });

  it('reads scikit-learn’s digits.csv.gz when not embedded, and rejects altered digits', () => {
    // A stand-in scikit-learn holding only the CSV, in its format (64 pixels then the label, one image a row).
    const { pixels, labels } = decodeDigits(DIGITS_BASE64);
    const rows = Array.from({ length: DIGITS_COUNT }, (_, i) =>
      [...pixels.subarray(i * 64, (i + 1) * 64), labels[i]].join(','),
    );
    const site = (name: string, csv: string[]): Record<string, string> => {
      const folder = join(dir.path, name);
      mkdirSync(join(folder, 'sklearn', 'datasets', 'data'), { recursive: true });
      writeFileSync(join(folder, 'sklearn', '__init__.py'), '');
      writeFileSync(
        join(folder, 'sklearn', 'datasets', 'data', 'digits.csv.gz'),
        gzipSync(`${csv.join('\n')}\n`),
      );
      return { PYTHONPATH: folder };
    };
    const file = dir.write(pytorchScript(digits));
    const embedded = draws(script(digits), 400);
    expect(draws(file, 400, site('sklearn-good', rows))).toEqual(embedded);
    const altered = [...rows];
    altered[5] = altered[5].replace(/^0,/, '1,');
    expect(() => draws(file, 400, site('sklearn-altered', altered))).toThrow(/SHA-256 mismatch/);
    // The real scikit-learn, where some interpreter here has it.
    if (SKLEARN_PYTHON) expect(draws(file, 400, undefined, SKLEARN_PYTHON)).toEqual(embedded);
  });
});

describe('pytorchScript, data sets: --draws identical to the page', () => {
  const cases: [string, Experiment, number][] = [
    [
      'spiral, noise 0.2, he orthogonal ([2, 16] rows), seed 7',
      experimentWith({ data: 'spiral', noise: 0.2, init: 'he', dist: 'orthogonal', width: 16, seed: 7 }),
      1000,
    ],
    [
      'circles, no noise, uniform, nonneg, bias, seed 0',
      experimentWith({ data: 'circles', noise: 0, dist: 'uniform', nonneg: 1, sb: 0.3, seed: 0, width: 9 }),
      1000,
    ],
    [
      'xor, noise 0.5, xavier, seed 4294967295',
      experimentWith({ data: 'xor', noise: 0.5, init: 'xavier', seed: 4294967295, width: 12 }),
      1000,
    ],
    ['gauss, noise 1, seed 3', experimentWith({ data: 'gauss', noise: 1, seed: 3, width: 8 }), 1000],
    // Everything whole: 1,797 × 64 covers every pixel of both sets and 80 epochs of minibatch order.
    [
      'digits, lecun orthogonal ([64, 32] columns, read-out [32, 10]), seed 11',
      experimentWith({ data: 'digits', dist: 'orthogonal', width: 32, seed: 11 }),
      DIGITS_COUNT * 64,
    ],
  ];
  for (const [name, e, count] of cases) {
    it(`${name}: data points, standardisation, split, minibatch order, layer 1 and read-out`, async () => {
      const d = draws(script(e), count);
      expect(d).toEqual(await expectedDraws(e, count));
      expect(d.train_x.length).toBe(e.data === 'digits' ? 91_968 : 800); // the whole training set
    });
  }

  it('the rectangular orthogonal draws are the same bits with and without numpy', () => {
    const e = cases[4][1];
    const got = evalInScript(
      script(e),
      '[init_weights(EXPERIMENT, 1, False), init_weights(EXPERIMENT, 1, True), ' +
        'init_readout(EXPERIMENT, False), init_readout(EXPERIMENT, True), EXPERIMENT]',
    ) as unknown[];
    expect(got).toEqual([
      Array.from(initWeights(e, 1)),
      Array.from(initWeights(e, 1)),
      Array.from(initReadout(e)),
      Array.from(initReadout(e)),
      { ...e },
    ]);
  });
});

describe('pytorchScript, data sets: a whole run in PyTorch', () => {
  const net = { depth: 3, width: 16, batch: 32, steps: 20, lr: 0.1 };
  const cases: [string, Experiment][] = [
    ['spiral, relu, xent', experimentWith({ data: 'spiral', noise: 0.2, act: 'relu', ...net })],
    ['spiral, elu, xent', experimentWith({ data: 'spiral', noise: 0.2, act: 'elu', ...net })],
    ['circles, elu, mse', experimentWith({ data: 'circles', noise: 0.1, act: 'elu', loss: 'mse', ...net })],
    [
      'digits, elu, xent (depth 2, width 32, batch 16, 10 steps)',
      experimentWith({ data: 'digits', act: 'elu', depth: 2, width: 32, batch: 16, steps: 10, lr: 0.1 }),
    ],
    [
      'xor, leaky, he orthogonal, hidden biases N(0, 0.3²)',
      experimentWith({ data: 'xor', act: 'leaky', init: 'he', dist: 'orthogonal', sb: 0.3, seed: 5, ...net }),
    ],
    [
      'gauss, hybrid (k learnt), nonneg, uniform, batch 500 > 400 points (steps span epochs)',
      experimentWith({
        data: 'gauss',
        noise: 0.5,
        act: 'hybrid',
        knob: 0.5,
        nonneg: 1,
        dist: 'uniform',
        depth: 2,
        width: 8,
        batch: 500,
        steps: 4,
        lr: 0.2,
      }),
    ],
  ];
  const scripts = (): string[] => cases.map(([, e]) => script(e));
  const torchRuns = batchedRuns(scripts, TORCH_PYTHON ?? 'python3');
  const fakeRuns = batchedRuns(scripts, 'python3', FAKE_TORCH);

  cases.forEach(([name, e], i) => {
    it.skipIf(!HAS_TORCH)(`torch: loss, every layer, accuracy and testAccuracy match: ${name}`, async () => {
      expectSameRun(torchRuns(i), await referenceRun(e), e.depth);
    });
  });

  cases.forEach(([name, e], i) => {
    it.skipIf(!HAS_NUMPY)(`numpy stand-in for torch: the same: ${name}`, async () => {
      expectSameRun(fakeRuns(i), await referenceRun(e), e.depth);
    });
  });
});
