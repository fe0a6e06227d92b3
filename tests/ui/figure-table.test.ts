import { describe, expect, it } from 'vitest';
import { figureTable } from '../../src/ui/charts/figure-table';
import type { Figure } from '../../src/ui/charts/figures';

const base = { id: 'f', title: 'T', xTitle: 'layer', series: [] } as const;

describe('figureTable', () => {
  it('lays series out by x, with — where a series has no value', () => {
    const f: Figure = {
      ...base,
      series: [
        { name: 'a', x: [1, 2], y: [0.5, null], kind: 'line', color: '#000' },
        { name: 'b', x: [2, 3], y: [1, 2], kind: 'line', color: '#000' },
      ],
    };
    expect(figureTable(f)).toEqual({
      caption: 'T',
      header: ['layer', 'a', 'b'],
      rows: [
        ['1', '0.500000', '—'],
        ['2', '—', '1'],
        ['3', '—', '2'],
      ],
    });
  });

  it('lays a heatmap out as its grid and arrows as rows', () => {
    const heat: Figure = {
      ...base,
      yTitle: 'y',
      heatmap: { x: [1, 2], y: [0], z: [[0.25, null]], zTitle: 'z' },
    };
    expect(figureTable(heat)).toEqual({
      caption: 'T: z',
      header: ['y ↓ · layer →', '1', '2'],
      rows: [['0', '0.250000', '—']],
    });
    const arrows: Figure = {
      ...base,
      yTitle: 'ν',
      arrows: { name: 'map', x0: [0], y0: [1], x1: [0.5], y1: [2], color: '#000' },
    };
    expect(figureTable(arrows)).toEqual({
      caption: 'map',
      header: ['layer', 'ν', 'layer →', 'ν →'],
      rows: [['0', '1', '0.500000', '2']],
    });
  });
});
