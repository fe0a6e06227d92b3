/**
 * The CLI as a script uses it: a child process, its stdout, stderr and exit code.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { parse } from '../../src/state';
import { ReferenceBackend } from '../../src/engine/reference/backend';
import { runExperiment } from '../../src/engine/backend';

function loz(...args: string[]) {
  const r = spawnSync('npx', ['tsx', 'src/cli.ts', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('loz run', () => {
  it('prints the JSON object of EXPERIMENT.md, equal to a direct reference run', async () => {
    const query =
      'act=leaky&slope=0.2&depth=5&width=33&batch=7&init=he&sb=0.1&steps=3&lr=0.05&loss=probe&seed=9';
    const r = loz('run', `?${query}`, '--backend', 'reference', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual([
      'backend',
      'experiment',
      'layers',
      'loss',
      'accuracy',
      'testAccuracy',
      'ms',
    ]);
    expect(out.backend).toBe('reference');
    expect(out.experiment).toEqual(parse(query).experiment);
    expect(Object.keys(out.layers[0])).toEqual([
      'layer',
      'preMean',
      'preVar',
      'postMean',
      'postVar',
      'dead',
      'saturated',
      'gradNorm',
      'weightGradNorm',
    ]);
    const direct = await runExperiment(new ReferenceBackend(), parse(query).experiment);
    expect(out.layers).toEqual(direct.layers);
    expect(out.loss).toBe(direct.loss);
  });

  it('accepts a whole share URL', () => {
    const r = loz(
      'run',
      'http://127.0.0.1:5173/?depth=2&width=3&batch=2&act=relu',
      '--backend',
      'reference',
      '--json',
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.layers).toHaveLength(2);
    expect(out.experiment.act).toBe('relu');
  });

  it.each(['reference', 'wasm'])(
    'adds "compare" (with %s): each compared run equals `loz run` of its own query',
    (backend) => {
      const query = 'act=relu&depth=4&width=12&batch=5&steps=2&lr=0.1&seed=3&vs=act:elu&vs=act:selu,seed:4';
      const r = loz('run', query, '--backend', backend, '--json');
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(Object.keys(out)).toEqual([
        'backend',
        'experiment',
        'layers',
        'loss',
        'accuracy',
        'testAccuracy',
        'ms',
        'compare',
      ]);
      expect(out.experiment.act).toBe('relu');
      expect(out.compare).toHaveLength(2);
      const own = [
        'act=elu&depth=4&width=12&batch=5&steps=2&lr=0.1&seed=3',
        'act=selu&depth=4&width=12&batch=5&steps=2&lr=0.1&seed=4',
      ];
      own.forEach((q, i) => {
        const alone = JSON.parse(loz('run', q, '--backend', backend, '--json').stdout);
        expect(Object.keys(out.compare[i])).toEqual([
          'experiment',
          'layers',
          'loss',
          'accuracy',
          'testAccuracy',
        ]);
        expect(out.compare[i].experiment).toEqual(alone.experiment);
        expect(out.compare[i].layers).toEqual(alone.layers);
        expect(out.compare[i].loss).toBe(alone.loss);
      });
      // The main run is what the link without vs prints.
      const main = JSON.parse(loz('run', query.replace(/&vs=.*/, ''), '--backend', backend, '--json').stdout);
      expect(out.layers).toEqual(main.layers);
    },
  );

  it('prints one table per run, each headed by its label', () => {
    const r = loz('run', 'act=relu&depth=2&width=3&batch=2&vs=act:elu', '--backend', 'reference');
    expect(r.code).toBe(0);
    const blocks = r.stdout.trim().split('\n\n');
    expect(blocks).toHaveLength(2);
    expect(blocks[0]).toMatch(/^ReLU \(v=1&act=relu&depth=2&width=3&batch=2\)\nlayer/);
    expect(blocks[1]).toMatch(/^ELU \(v=1&depth=2&width=3&batch=2\)\nlayer/);
  });

  it('warns on stderr about unknown keys and clamped values, and still runs', () => {
    const r = loz('run', 'depth=2&width=3000000&batch=1&colour=red', '--backend', 'reference', '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('loz: warning: width=3000000 is outside [1, 4096]: clamped to 4096.');
    expect(r.stderr).toContain('loz: warning: Unknown key "colour" ignored.');
    expect(JSON.parse(r.stdout).experiment.width).toBe(4096);
  });

  it.each([
    [
      ['run', 'act=elux', '--backend', 'reference'],
      /act="elux" is not one of relu, leaky, elu, selu, silu, hybrid/,
    ],
    [['run', 'depth=abc', '--backend', 'reference'], /depth="abc" is not a number/],
    [['run', '--backend', 'reference'], /missing query/],
    [['run', 'depth=2', '--backend', 'cuda'], /--backend must be reference or wasm, not "cuda"/],
    [['run', 'depth=2', '--backend', 'webgpu'], /runs only in the browser/],
    [['run', 'depth=2', '--frobnicate'], /unknown option "--frobnicate"/],
    [['fly', 'depth=2'], /unknown command "fly"/],
    [['run', 'depth=2&colour=red', '--strict'], /Unknown key "colour"/],
    [
      ['run', 'tied=1&steps=2&depth=2&width=3&batch=2', '--backend', 'wasm'],
      /training tied weights runs on the float64 reference/,
    ],
    [[], /usage: loz run/],
    [['run', 'depth=2&vs=act:elux', '--backend', 'reference'], /In vs="act:elux": act="elux" is not one of/],
    [['run', 'depth=2&vs=lang:zh', '--backend', 'reference'], /"lang" is a page setting/],
    [
      ['run', 'depth=2&width=3&batch=2&vs=tied:1,steps:2', '--backend', 'wasm'],
      /training tied weights runs on the float64 reference/,
    ],
    [
      ['run', 'depth=2&vs=depth:1000,width:4096,batch:8192', '--backend', 'reference'],
      /needs about .* \(in one of the compared runs\)/,
    ],
    [
      ['run', 'depth=1000&width=4096&batch=8192', '--backend', 'reference'],
      /needs about \d+(\.\d)? GiB .*reduce the depth/,
    ],
  ])('exits 2 with one line on stderr for bad input %j', (args, message) => {
    const r = loz(...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
