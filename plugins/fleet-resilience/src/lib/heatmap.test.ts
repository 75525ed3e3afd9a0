import {
  bandOf,
  heatmapCell,
  heatmapColumns,
  HEATMAP_BANDS,
  NO_DATA_BAND,
} from './heatmap';

const zone = { name: 'us-east-1a', id: 'use1-az1' };

describe('heatmapCell', () => {
  it('takes the higher of CPU and memory utilisation', () => {
    const cell = heatmapCell({
      zone,
      allocatable: { cpuMillicores: 4000, memoryBytes: 1000 },
      requested: { cpuMillicores: 1000, memoryBytes: 800 },
      cordoned: true,
    });
    expect(cell.cpu).toBe(0.25);
    expect(cell.memory).toBe(0.8);
    expect(cell.utilisation).toBe(0.8);
    expect(cell.cordoned).toBe(true);
  });

  it('is undefined without capacity or requests, infinite for requests without capacity', () => {
    const none = { cpuMillicores: 0, memoryBytes: 0 };
    expect(
      heatmapCell({ zone, allocatable: none, requested: none }).utilisation,
    ).toBeUndefined();
    expect(
      heatmapCell({
        zone,
        allocatable: none,
        requested: { cpuMillicores: 1, memoryBytes: 0 },
      }).utilisation,
    ).toBe(Infinity);
  });
});

describe('bandOf', () => {
  it('places values in the bands by their upper bounds', () => {
    expect(bandOf(0.1)).toBe(HEATMAP_BANDS[0]);
    expect(bandOf(0.5)).toBe(HEATMAP_BANDS[1]);
    expect(bandOf(0.7)).toBe(HEATMAP_BANDS[2]);
    expect(bandOf(0.85)).toBe(HEATMAP_BANDS[3]);
    expect(bandOf(0.95)).toBe(HEATMAP_BANDS[4]);
    expect(bandOf(Infinity)).toBe(HEATMAP_BANDS[4]);
    expect(bandOf(undefined)).toBe(NO_DATA_BAND);
  });
});

describe('heatmapColumns', () => {
  it('unions AZ IDs across clusters, ordered by ID', () => {
    const columns = heatmapColumns([
      [
        { name: 'us-east-1b', id: 'use1-az2' },
        { name: 'us-east-1a', id: 'use1-az1' },
      ],
      [{ name: 'us-east-1c', id: 'use1-az1' }],
      [{ name: 'eu-west-1a', id: 'euw1-az1' }],
    ]);
    expect(columns.map(c => c.id)).toEqual([
      'euw1-az1',
      'use1-az1',
      'use1-az2',
    ]);
  });
});
