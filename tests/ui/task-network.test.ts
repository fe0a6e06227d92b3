/**
 * Choosing a task in the controls: a network suited to the data set is set when the network is still the
 * default size (or the previous task's), the loss follows the task when it was the task's default, and a
 * network or loss the user chose stays. A link's keys never imply any of it.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_EXPERIMENT, DEFAULT_VIEW, parse } from '../../src/state';
import { TASK_NETWORKS, networkForTask } from '../../src/ui/task-network';
import { applyChange } from '../../src/ui/use-experiment';

const change = (query: string, data: Parameters<typeof networkForTask>[1]) =>
  applyChange(parse(query).experiment, DEFAULT_VIEW, { data });

describe('the network a task suits', () => {
  it('is set from the default size, with cross-entropy', () => {
    const e = applyChange(DEFAULT_EXPERIMENT, DEFAULT_VIEW, { data: 'spiral' });
    expect([e.data, e.depth, e.width, e.batch, e.lr, e.loss]).toEqual(['spiral', 8, 64, 64, 0.1, 'xent']);
    expect(TASK_NETWORKS.digits).toEqual({ depth: 4, width: 256, batch: 128, lr: 0.1 });
  });

  it('moves from one task’s size to the next, and back to the default size without a data set', () => {
    const spiral = change('data=spiral&depth=8&width=64&batch=64&lr=0.1', 'digits');
    expect([spiral.depth, spiral.width, spiral.batch, spiral.lr]).toEqual([4, 256, 128, 0.1]);
    const none = change('data=digits&depth=4&width=256&batch=128&lr=0.1', 'none');
    expect([none.depth, none.width, none.batch, none.lr, none.loss]).toEqual([20, 256, 256, 0.01, 'mse']);
    expect(change('data=xor&depth=8&width=64&batch=64&lr=0.1', 'circles').depth).toBe(8);
  });

  it('keeps a learning rate the user set while the size moves to the task’s', () => {
    const e = change('lr=0.03', 'spiral');
    expect([e.depth, e.width, e.batch, e.lr]).toEqual([8, 64, 64, 0.03]);
    expect(networkForTask(parse('lr=0.03').experiment, 'digits')).toEqual({
      depth: 4,
      width: 256,
      batch: 128,
    });
  });

  it('leaves a network the user sized, and a loss the user chose', () => {
    const e = change('depth=12&width=32', 'spiral');
    expect([e.depth, e.width, e.batch, e.lr]).toEqual([12, 32, 256, 0.01]);
    expect(networkForTask(parse('depth=12').experiment, 'spiral')).toBeNull();
    expect(change('data=spiral&loss=mse', 'digits').loss).toBe('mse');
    // The probe loss means nothing against labels: parse() mends it to cross-entropy.
    expect(change('loss=probe', 'gauss').loss).toBe('xent');
    expect(networkForTask(DEFAULT_EXPERIMENT, 'none')).toBeNull();
  });

  it('is never implied by a link', () => {
    const { experiment } = parse('data=spiral');
    expect([experiment.depth, experiment.width, experiment.batch, experiment.lr]).toEqual([
      20, 256, 256, 0.01,
    ]);
  });
});
