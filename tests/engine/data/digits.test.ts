/**
 * The shipped digits: file integrity (count, pixel range, class balance as in the UCI set, SHA-256 of the
 * decoded bytes, which scripts/build-digits.py writes from scikit-learn's copy), the fixed split, and the
 * standardisation every data set goes through.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadDataSet } from '../../../src/engine/data/dataset';
import {
  DIGITS_COUNT,
  DIGITS_TEST,
  DIGITS_TRAIN,
  loadDigitsImages,
  splitDigits,
} from '../../../src/engine/data/digits';
import { DIGITS_BASE64, DIGITS_SHA256 } from '../../../src/engine/data/digits-data';
import { experimentWith } from '../../../src/state/schema';

/** Images per class in the 1,797-image optdigits set scikit-learn ships (sklearn.datasets.load_digits). */
const CLASS_COUNTS = [178, 182, 177, 183, 181, 182, 181, 179, 174, 180];

describe('digits', () => {
  it('decodes 1,797 images of 64 pixel counts 0..16, with the checksum the build script wrote', async () => {
    const bytes = Buffer.from(DIGITS_BASE64, 'base64');
    expect(bytes.length).toBe(1797 * 65);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(DIGITS_SHA256);
    expect(DIGITS_SHA256).toBe('68aea062d35a127749050fa0e52dca09d6569ac08092c925610e0954e172dde2');
    const { pixels, labels } = await loadDigitsImages();
    expect(labels.length).toBe(DIGITS_COUNT);
    expect(pixels.every((p) => Number.isInteger(p) && p >= 0 && p <= 16)).toBe(true);
    const counts = new Array(10).fill(0);
    labels.forEach((c) => counts[c]++);
    expect(counts).toEqual(CLASS_COUNTS);
    // The first image of the set is a 0 (sklearn's digits.images[0]), its top row 0 0 5 13 9 1 0 0.
    expect(labels[0]).toBe(0);
    expect(Array.from(pixels.subarray(0, 8))).toEqual([0, 0, 5, 13, 9, 1, 0, 0]);
  });

  it('splits into 1,437 training and 360 test images, the same every time, every image once', async () => {
    const all = await loadDigitsImages();
    const a = splitDigits(all);
    expect(a.train.count).toBe(DIGITS_TRAIN);
    expect(a.test.count).toBe(DIGITS_TEST);
    expect(Array.from(splitDigits(all).testRows)).toEqual(Array.from(a.testRows));
    const testRows = new Set(a.testRows);
    expect(testRows.size).toBe(360);
    // Every class is in the test set, none with fewer than 20 images.
    const counts = new Array(10).fill(0);
    a.test.labels.forEach((c) => counts[c]++);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(20);
  });

  it('standardises with the training set: mean 0 and std 1 per feature there (constant features only centred)', async () => {
    for (const data of ['digits', 'spiral'] as const) {
      const set = await loadDataSet(experimentWith({ data, seed: 3 }));
      const { features, train } = set;
      let constant = 0;
      for (let f = 0; f < features; f++) {
        let sum = 0;
        let sq = 0;
        for (let i = 0; i < train.count; i++) sum += train.x[i * features + f];
        const mean = sum / train.count;
        for (let i = 0; i < train.count; i++) sq += (train.x[i * features + f] - mean) ** 2;
        const std = Math.sqrt(sq / train.count);
        expect(Math.abs(mean)).toBeLessThan(1e-12);
        if (std === 0) constant++;
        else expect(std).toBeCloseTo(1, 12);
        // The test set is mapped with the training set's numbers.
        expect(set.test.x[f]).toBeCloseTo((set.rawTest.x[f] - set.mean[f]) / set.scale[f], 12);
      }
      // Digits: a few border pixels are blank in every training image; the 2-D sets have none.
      if (data === 'digits') expect(constant).toBeGreaterThan(0);
      else expect(constant).toBe(0);
    }
  });
});
