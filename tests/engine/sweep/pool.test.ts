/**
 * A sweep's cells over worker threads (Node's worker_threads here, Workers in the page): the same values as
 * one engine measuring them in turn, every cell once, and a stop that does not wait for the cells in flight.
 */
import '../../wasm/relaxed-simd';
import { afterAll, describe, expect, it } from 'vitest';
import { ReferenceBackend } from '../../../src/engine/reference/backend';
import { CellPool, sweepOn } from '../../../src/engine/sweep/pool';
import { runSweep } from '../../../src/engine/sweep/run';
import { spawnNodeCellWorker } from '../../../src/engine/sweep/spawn-node';
import { parse, sweepGrid } from '../../../src/state';
import { WasmBackend } from '../../../src/wasm/backend';

const pool = new CellPool(spawnNodeCellWorker, 2);
afterAll(() => pool.dispose());

const gridOf = (query: string) => {
  const r = parse(query);
  return sweepGrid(r.experiment, r.sweep!);
};

describe('a pooled sweep', () => {
  it('gives every cell the value one engine gives it, on WASM and on the reference', async () => {
    const grid = gridOf('act=elu&depth=4&width=19&batch=5&loss=probe&sx=sw:0.6:1.8:4&sy=sb:0:0.4:3');
    for (const [kind, backend] of [
      ['wasm', new WasmBackend()],
      ['reference', new ReferenceBackend()],
    ] as const) {
      const alone = await runSweep(backend, grid);
      backend.dispose();
      const seen = new Set<string>();
      const pooled = await pool.run(grid, kind, {
        onCell: ({ row, column }) => void seen.add(`${row},${column}`),
      });
      expect(pooled.complete).toBe(true);
      expect(seen.size).toBe(12);
      expect(pooled.cells).toEqual(alone.cells);
    }
  });

  it('runs a second sweep on the same workers, and cells of a data set with its accuracy', async () => {
    const grid = gridOf(
      'act=elu&depth=2&width=6&batch=8&data=xor&steps=3&lr=0.1&sx=seed:1:4:4&metric=accuracy',
    );
    const backend = new WasmBackend();
    const alone = await runSweep(backend, grid);
    backend.dispose();
    expect((await pool.run(grid, 'wasm')).cells).toEqual(alone.cells);
  });

  it('stops when asked without waiting for the cells in flight, and the pool runs the next sweep', async () => {
    const grid = gridOf('depth=40&width=256&batch=256&sx=sw:0.5:2:16');
    let cells = 0;
    let stop = false;
    setTimeout(() => (stop = true), 300);
    const started = performance.now();
    const run = await pool.run(grid, 'wasm', { onCell: () => void cells++, stopped: () => stop });
    expect(run.complete).toBe(false);
    expect(cells).toBeLessThan(16);
    expect(performance.now() - started).toBeLessThan(10_000);
    const small = gridOf('depth=2&width=4&batch=2&sx=sw:1:2:3');
    expect((await pool.run(small, 'wasm')).complete).toBe(true);
  });

  it('sweepOn keeps a small sweep on the engine itself, and WebGPU sweeps always', async () => {
    const grid = gridOf('depth=2&width=4&batch=2&sx=sw:1:2:3');
    const backend = new ReferenceBackend();
    let pooled = 0;
    const counting = {
      size: 2,
      run: async () => (pooled++, { cells: [], ms: 0, complete: true }),
    } as unknown as CellPool;
    await sweepOn({ kind: 'reference', backend }, grid, counting, { minFlops: 1e12 });
    expect(pooled).toBe(0);
    await sweepOn({ kind: 'reference', backend }, grid, counting);
    expect(pooled).toBe(1);
    // Cells so big that two side by side would not fit the engine's budget run one at a time.
    const big = gridOf('depth=100&width=1024&batch=2048&sx=sw:1:2:2');
    const wasm = { kind: 'wasm' as const, backend: { measureMany: undefined } as never };
    await sweepOn(wasm, big, counting, { stopped: () => true }).catch(() => {});
    expect(pooled).toBe(1);
    backend.dispose();
  });
});
