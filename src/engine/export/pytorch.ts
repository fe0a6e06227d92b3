/**
 * Export of an experiment as a runnable, readable Python 3 script that reproduces it in PyTorch (issue 8), so a
 * student can continue in a notebook. The script's draws (weights, biases, inputs, targets; with a data set its
 * points, the digits' split and the minibatch order) are bit-identical to the page's in float64: it carries a
 * port of random.ts and init.ts (python-draws.ts) and of data/ (python-data.ts), and its network, SGD,
 * statistics and accuracies follow the reference engine (python-torch.ts). `python3 script.py --draws N` runs
 * without torch and prints the first N draws as JSON, which is how tests/engine/export proves them identical.
 *
 * The digits: `pytorchScriptWithData` embeds their 116,805 bytes (base64, ~160 kB) at the end of the script,
 * so it runs offline and without scikit-learn, which is what a student opening it in a notebook wants; it
 * loads them by a dynamic import, keeping them out of the page's first bundle. The synchronous `pytorchScript`
 * embeds them only when given them; without, a digits script reads scikit-learn's copy (digits.csv.gz). Either
 * way the script checks their SHA-256.
 */
import type { Experiment } from '../experiment';
import { PYTHON_DATA } from './python-data';
import { PYTHON_DRAWS } from './python-draws';
import { PYTHON_TORCH } from './python-torch';

type PyKind = 'int' | 'float' | 'str';

/** Every experiment key, in the order of the URL schema, with the Python type it is written as. */
const EXPERIMENT_KEYS: Readonly<Record<keyof Experiment, PyKind>> = {
  v: 'int',
  act: 'str',
  alpha: 'float',
  lambda: 'float',
  slope: 'float',
  knob: 'float',
  depth: 'int',
  width: 'int',
  batch: 'int',
  init: 'str',
  dist: 'str',
  sw: 'float',
  sb: 'float',
  in_mean: 'float',
  in_std: 'float',
  seed: 'int',
  lr: 'float',
  steps: 'int',
  loss: 'str',
  tied: 'int',
  nonneg: 'int',
  data: 'str',
  noise: 'float',
};

/** A Python float literal that reads back as exactly `x` (JavaScript's shortest round-trip digits). */
export function pythonFloat(x: number): string {
  if (Number.isNaN(x)) return 'float("nan")';
  if (!Number.isFinite(x)) return x > 0 ? 'float("inf")' : '-float("inf")';
  if (Object.is(x, -0)) return '-0.0';
  const s = String(x);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

function pythonValue(key: keyof Experiment, value: unknown): string {
  const kind = EXPERIMENT_KEYS[key];
  if (kind === 'str') return JSON.stringify(String(value)); // a JSON string is a valid Python literal
  if (typeof value !== 'number') throw new TypeError(`pytorchScript: ${key} must be a number`);
  if (kind === 'float') return pythonFloat(value);
  if (!Number.isSafeInteger(value))
    throw new RangeError(`pytorchScript: ${key} must be an integer, not ${value}`);
  return String(value);
}

/** The experiment as a Python dict literal, one key a line, in schema order. */
export function pythonExperimentDict(experiment: Experiment): string {
  const keys = Object.keys(EXPERIMENT_KEYS) as (keyof Experiment)[];
  const lines = keys.map((key) => `    ${JSON.stringify(key)}: ${pythonValue(key, experiment[key])},`);
  return `EXPERIMENT = {\n${lines.join('\n')}\n}`;
}

/**
 * The share link made safe for a Python comment: every character outside the printable URL characters
 * (control characters, line breaks, quotes, backslashes, non-ASCII) is percent-encoded, so a hostile link
 * cannot end the comment and inject code.
 */
export function commentSafeUrl(url: string): string {
  let out = '';
  for (const ch of url) {
    if (/^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]$/.test(ch)) out += ch;
    else {
      try {
        out += encodeURIComponent(ch);
      } catch {
        out += '%EF%BF%BD'; // a lone surrogate: U+FFFD
      }
    }
  }
  return out;
}

// The imports lead the draws part; the experiment dict goes right after them, near the top where a student
// sees and edits it.
const FIRST_DEF = PYTHON_DRAWS.indexOf('\n\n');
const PYTHON_DRAWS_IMPORTS = PYTHON_DRAWS.slice(0, FIRST_DEF);
const PYTHON_DRAWS_BODY = PYTHON_DRAWS.slice(FIRST_DEF + 2);

/** What `pytorchScript` embeds besides the experiment. */
export interface PytorchScriptData {
  /**
   * The digits records, base64 (DIGITS_BASE64 of data/digits-data.ts): embedded when the experiment uses the
   * digits. Without them a digits script reads scikit-learn's copy.
   */
  readonly digitsBase64?: string;
}

/** Characters per line of the embedded base64 (the width of data/digits-data.ts's lines). */
const BASE64_LINE = 116;

const RULE = `# ${'-'.repeat(105)}`;

/** The end of the script before the main guard: the digits' records (embedded, or None). */
function digitsBlock(experiment: Experiment, digitsBase64: string | undefined): string {
  if (experiment.data !== 'digits' || digitsBase64 === undefined) {
    const why =
      experiment.data === 'digits'
        ? 'not embedded in this export'
        : 'not embedded (this experiment does not use them)';
    return `# The digits are ${why}:\n# with data=digits, digits_bytes() reads scikit-learn's copy.\nDIGITS_BASE64 = None`;
  }
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(digitsBase64) || digitsBase64.length % 4 !== 0)
    throw new Error('pytorchScript: digitsBase64 is not base64');
  const lines: string[] = [];
  for (let i = 0; i < digitsBase64.length; i += BASE64_LINE)
    lines.push(`    "${digitsBase64.slice(i, i + BASE64_LINE)}"`);
  return [
    RULE,
    '# The digits: 1,797 records of 65 bytes (64 pixel counts 0..16, row-major, then the label 0..9), base64.',
    '# E. Alpaydin and C. Kaynak, Optical Recognition of Handwritten Digits, UCI Machine Learning Repository,',
    '# 1998, https://doi.org/10.24432/C50P49, CC BY 4.0; as scikit-learn ships them (digits.csv.gz), in order.',
    RULE,
    'DIGITS_BASE64 = (',
    ...lines,
    ')',
  ].join('\n');
}

/** The header comment's lines about the draws, the data and the ways to run the script. */
function headerLines(experiment: Experiment, digitsEmbedded: boolean): string[] {
  const notebook = [
    '# In a notebook: run this file (%run this_file.py), or import it and call',
    '#   import torch; net, dphi = build(torch, EXPERIMENT); stats = run(EXPERIMENT)',
    '# then edit EXPERIMENT below (keys and meanings as in the share link) and run again.',
  ];
  if (experiment.data === 'none') {
    return [
      "# Weights, biases, inputs and targets are drawn by a port of the playground's seeded generator, so they",
      "# are bit-identical to the page's; the network, the SGD steps and the statistics follow its reference",
      '# engine (same formulas, float64): the numbers agree to rounding (sums run in another order), which',
      '# deep or chaotic networks can amplify over many layers and steps.',
      '#',
      '#   python3 this_file.py              needs torch: trains "steps" SGD steps, then prints per-layer',
      '#                                     statistics of one more forward + backward pass as JSON',
      '#   python3 this_file.py --draws 10   no torch needed: the first 10 weights of layer 1, inputs,',
      '#                                     targets (and biases), to compare with the page',
      '#',
      ...notebook,
    ];
  }
  let data: string[];
  if (experiment.data !== 'digits')
    data = [`# The ${experiment.data} points (400 to train on, 200 to test) are drawn from the seed too.`];
  else if (digitsEmbedded)
    data = [
      '# The digits (1,797 8x8 images; UCI optdigits, CC BY 4.0, as scikit-learn ships them) are embedded at',
      '# the end of this file (116,805 bytes as base64, checked against their SHA-256), so it runs offline',
      '# and needs no scikit-learn. Their split into 1,437 training and 360 test images is fixed.',
    ];
  else
    data = [
      "# The digits (1,797 8x8 images; UCI optdigits, CC BY 4.0) are read from scikit-learn's copy",
      '# (pip install scikit-learn; sklearn/datasets/data/digits.csv.gz) and checked against their SHA-256.',
      '# Their split into 1,437 training and 360 test images is fixed.',
    ];
  return [
    "# Weights, biases, the data, its split and the minibatch order are drawn by a port of the playground's",
    "# seeded generator, so they are bit-identical to the page's; the network, the SGD steps on minibatches,",
    '# the statistics and the accuracies follow its reference engine (same formulas, float64): the numbers',
    '# agree to rounding (sums run in another order), which deep or chaotic networks can amplify over many',
    '# layers and steps.',
    '#',
    ...data,
    '#',
    '#   python3 this_file.py              needs torch: trains "steps" SGD steps, then prints per-layer',
    '#                                     statistics of one more forward + backward pass, its loss and the',
    '#                                     accuracy on the training and on the test set as JSON',
    '#   python3 this_file.py --draws 10   no torch needed: the first 10 weights of layer 1 and of the',
    '#                                     read-out, data points, split and minibatch rows, to compare',
    '#',
    ...notebook,
  ];
}

/**
 * A complete Python 3 script reproducing `experiment` in PyTorch (float64, torch autograd, `steps` plain SGD
 * steps, then one measured forward + backward pass printing per layer the keys of the CLI's `layers` output
 * and the loss, and with a data set `accuracy` and `testAccuracy`, as JSON). `shareUrl`, when given, is written
 * into the header comment (percent-encoded where needed). torch is imported lazily: `python3 script.py
 * --draws N` needs only the standard library. A digits experiment's script embeds `data.digitsBase64` when
 * given (see `pytorchScriptWithData`), and otherwise reads scikit-learn's copy of the digits.
 */
export function pytorchScript(
  experiment: Experiment,
  shareUrl?: string,
  data: PytorchScriptData = {},
): string {
  const link = shareUrl === undefined ? [] : [`# Share link: ${commentSafeUrl(shareUrl)}`, '#'];
  const embedded = experiment.data === 'digits' && data.digitsBase64 !== undefined;
  const header = [
    '#!/usr/bin/env python3',
    '# Left of Zero: this experiment, reproduced in PyTorch (float64).',
    '#',
    ...link,
    ...headerLines(experiment, embedded),
  ];
  const doc = '"""Left of Zero experiment, reproduced in PyTorch (float64)."""';
  return [
    `${header.join('\n')}\n${doc}`,
    PYTHON_DRAWS_IMPORTS,
    pythonExperimentDict(experiment),
    PYTHON_DRAWS_BODY.trimEnd(),
    PYTHON_DATA.trimEnd(),
    PYTHON_TORCH.trimEnd(),
    digitsBlock(experiment, data.digitsBase64),
    'if __name__ == "__main__":\n    main()\n',
  ].join('\n\n\n');
}

/**
 * `pytorchScript` with the data it can embed: for a digits experiment the digits' records (loaded on first use
 * by a dynamic import, as data/digits.ts does, so they stay out of the page's first bundle), making a script
 * that runs offline and without scikit-learn.
 */
export async function pytorchScriptWithData(experiment: Experiment, shareUrl?: string): Promise<string> {
  const digitsBase64 =
    experiment.data === 'digits' ? (await import('../data/digits-data')).DIGITS_BASE64 : undefined;
  return pytorchScript(experiment, shareUrl, { digitsBase64 });
}
