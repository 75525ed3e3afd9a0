import type { Zone } from '@fleet-resilience/plugin-fleet-resilience-common';
import { contrastRatio } from '../__testUtils__/contrast';
import {
  bandOf,
  cellBand,
  clusterZones,
  HEATMAP_BANDS,
  heatmapColumns,
  heatmapRow,
  HeatmapRowInput,
  IDLE_BAND,
  LEGEND_BANDS,
  NO_CAPACITY_BAND,
  NO_DATA_BAND,
  RISK_COLOURS,
  rowRiskText,
  zoneCell,
  ZoneUsage,
} from './heatmap';

const A: Zone = { name: 'us-east-1a', id: 'use1-az1' };
const B: Zone = { name: 'us-east-1b', id: 'use1-az2' };
const C: Zone = { name: 'us-east-1c', id: 'use1-az4' };
const EU: Zone = { name: 'eu-west-1a', id: 'euw1-az1' };
const NONE = { cpuMillicores: 0, memoryBytes: 0 };

function usage(zone: Zone, overrides: Partial<ZoneUsage> = {}): ZoneUsage {
  return {
    zone,
    allocatable: { cpuMillicores: 4000, memoryBytes: 1000 },
    requested: { cpuMillicores: 1000, memoryBytes: 100 },
    nodeCount: 2,
    ...overrides,
  };
}

function row(overrides: Partial<HeatmapRowInput> = {}): HeatmapRowInput {
  return {
    zones: [A, B, C],
    usage: [usage(A), usage(B), usage(C)],
    verdict: 'survives',
    ...overrides,
  };
}

describe('zoneCell', () => {
  it('takes the higher of CPU and memory of the schedulable capacity', () => {
    const cell = zoneCell(
      A,
      usage(A, {
        allocatable: { cpuMillicores: 8000, memoryBytes: 1000 },
        schedulableAllocatable: { cpuMillicores: 4000, memoryBytes: 1000 },
        requested: { cpuMillicores: 3000, memoryBytes: 500 },
      }),
      true,
    );
    expect(cell).toEqual({
      kind: 'usage',
      zone: A,
      cpu: 0.75,
      memory: 0.5,
      utilisation: 0.75,
      cordoned: true,
    });
  });

  it('uses the allocatable capacity when the schedulable one is not known', () => {
    const cell = zoneCell(A, usage(A), true);
    expect(cell).toMatchObject({ kind: 'usage', utilisation: 0.25 });
    expect(cell).toMatchObject({ cordoned: false });
  });

  it('marks cordoned nodes reported by the source', () => {
    expect(zoneCell(A, usage(A, { cordoned: true }), true)).toMatchObject({
      kind: 'usage',
      cordoned: true,
    });
  });

  it('is no capacity for an AZ without nodes while the cluster has requests', () => {
    expect(zoneCell(B, undefined, true)).toEqual({
      kind: 'no-capacity',
      zone: B,
      nodeCount: 0,
    });
  });

  it('is no capacity for an AZ whose nodes all refuse pods, with its node count', () => {
    const cordoned = usage(B, {
      schedulableAllocatable: NONE,
      nodeCount: 3,
      cordoned: true,
    });
    expect(zoneCell(B, cordoned, true)).toEqual({
      kind: 'no-capacity',
      zone: B,
      nodeCount: 3,
    });
  });

  it('is no capacity when either CPU or memory is missing', () => {
    const noMemory = usage(B, {
      schedulableAllocatable: { cpuMillicores: 4000, memoryBytes: 0 },
    });
    expect(zoneCell(B, noMemory, true).kind).toBe('no-capacity');
  });

  it('is idle without schedulable capacity when nothing is requested', () => {
    expect(zoneCell(B, undefined, false)).toEqual({ kind: 'idle', zone: B });
  });
});

describe('heatmapRow', () => {
  const columns = [EU, A, B, C];

  it('reads a cluster with every node in one AZ as at risk, its empty AZs as no capacity', () => {
    const result = heatmapRow(row({ usage: [usage(A)] }), columns);
    expect(result.cells.map(c => c.kind)).toEqual([
      'absent',
      'usage',
      'no-capacity',
      'no-capacity',
    ]);
    expect(result.concentratedIn).toEqual([A]);
    expect(result.atRisk).toBe(true);
    // Even when the stored verdict says otherwise.
    expect(result.verdict).toBe('survives');
    expect(rowRiskText(result)).toBe('At risk: all capacity in use1-az1');
  });

  it('counts an AZ with only cordoned nodes as without capacity', () => {
    const result = heatmapRow(
      row({
        usage: [
          usage(A),
          usage(B, { schedulableAllocatable: NONE }),
          usage(C, { schedulableAllocatable: NONE }),
        ],
      }),
      columns,
    );
    expect(result.concentratedIn).toEqual([A]);
    expect(result.atRisk).toBe(true);
  });

  it('reads a cluster with no schedulable capacity anywhere as at risk', () => {
    const result = heatmapRow(
      row({ usage: [], requested: { cpuMillicores: 100, memoryBytes: 0 } }),
      columns,
    );
    expect(result.cells.map(c => c.kind)).toEqual([
      'absent',
      'no-capacity',
      'no-capacity',
      'no-capacity',
    ]);
    expect(result.concentratedIn).toEqual([]);
    expect(rowRiskText(result)).toBe('At risk: no AZ has schedulable capacity');
  });

  it('takes pending requests of the cluster into account', () => {
    const idle = { requested: NONE };
    const result = heatmapRow(
      row({
        usage: [usage(A, idle)],
        requested: { cpuMillicores: 0, memoryBytes: 1 },
      }),
      columns,
    );
    expect(result.cells[2].kind).toBe('no-capacity');
    expect(result.atRisk).toBe(true);
  });

  it('is idle, not at risk, for a cluster with nothing requested', () => {
    const idle = { requested: NONE };
    const result = heatmapRow(
      row({ usage: [usage(A, idle)], verdict: 'unknown' }),
      columns,
    );
    expect(result.cells.map(c => c.kind)).toEqual([
      'absent',
      'usage',
      'idle',
      'idle',
    ]);
    expect(result.concentratedIn).toBeUndefined();
    expect(result.atRisk).toBe(false);
    expect(rowRiskText(result)).toBe('N-1 unknown');
  });

  it('keeps no data for a cluster whose capacity was never read', () => {
    const result = heatmapRow(
      row({ usage: undefined, verdict: 'unknown' }),
      columns,
    );
    expect(result.cells.map(c => c.kind)).toEqual([
      'absent',
      'no-data',
      'no-data',
      'no-data',
    ]);
    expect(result.atRisk).toBe(false);
  });

  it('carries the N-1 verdict of a cluster spread over its AZs', () => {
    const survives = heatmapRow(row(), columns);
    expect(survives.cells.map(c => c.kind)).toEqual([
      'absent',
      'usage',
      'usage',
      'usage',
    ]);
    expect(survives.atRisk).toBe(false);
    expect(rowRiskText(survives)).toBe('Survives losing an AZ');

    const atRisk = heatmapRow(row({ verdict: 'at-risk' }), columns);
    expect(atRisk.atRisk).toBe(true);
    expect(atRisk.concentratedIn).toBeUndefined();
    expect(rowRiskText(atRisk)).toBe('At risk if an AZ is lost');

    const neverRead = heatmapRow(
      row({ usage: undefined, verdict: 'at-risk' }),
      columns,
    );
    expect(neverRead.atRisk).toBe(true);
  });

  it('includes AZs only the nodes report', () => {
    const input = row({ zones: [A], usage: [usage(A), usage(B)] });
    expect(clusterZones(input)).toEqual([A, B]);
    expect(heatmapRow(input, [A, B, C]).cells.map(c => c.kind)).toEqual([
      'usage',
      'usage',
      'absent',
    ]);
  });
});

describe('bandOf and cellBand', () => {
  it('places values in the bands by their upper bounds', () => {
    expect(bandOf(0)).toBe(HEATMAP_BANDS[0]);
    expect(bandOf(0.4999)).toBe(HEATMAP_BANDS[0]);
    expect(bandOf(0.5)).toBe(HEATMAP_BANDS[1]);
    expect(bandOf(0.7)).toBe(HEATMAP_BANDS[2]);
    expect(bandOf(0.85)).toBe(HEATMAP_BANDS[3]);
    expect(bandOf(0.9)).toBe(HEATMAP_BANDS[4]);
    expect(bandOf(3)).toBe(HEATMAP_BANDS[4]);
  });

  it('draws each kind of cell with its own band', () => {
    expect(cellBand(zoneCell(A, usage(A), true))).toBe(HEATMAP_BANDS[0]);
    expect(cellBand({ kind: 'no-capacity', zone: A, nodeCount: 0 })).toBe(
      NO_CAPACITY_BAND,
    );
    expect(cellBand({ kind: 'idle', zone: A })).toBe(IDLE_BAND);
    expect(cellBand({ kind: 'no-data', zone: A })).toBe(NO_DATA_BAND);
    expect(cellBand({ kind: 'absent', zone: A })).toBeUndefined();
  });
});

describe('heatmap colours (WCAG)', () => {
  const WHITE = '#ffffff';

  it.each(LEGEND_BANDS.map(band => [band.label, band]))(
    '%s: text at least 4.5:1 on its fill and on its hatch',
    (_label, band) => {
      const surfaces = band.stripe ? [band.colour, band.stripe] : [band.colour];
      for (const surface of surfaces) {
        expect(contrastRatio(band.text, surface)).toBeGreaterThanOrEqual(4.5);
      }
    },
  );

  it.each(LEGEND_BANDS.map(band => [band.label, band]))(
    '%s: swatch at least 3:1 against the white card, by its fill or its border',
    (_label, band) => {
      const edge =
        contrastRatio(band.colour, WHITE) >= 3 ? band.colour : band.border;
      expect(edge).toBeDefined();
      expect(contrastRatio(edge!, WHITE)).toBeGreaterThanOrEqual(3);
    },
  );

  it('keeps adjacent bands of the scale at least 1.5:1 apart in lightness', () => {
    const scale = [...HEATMAP_BANDS, NO_CAPACITY_BAND];
    for (let i = 1; i < scale.length; i++) {
      expect([
        scale[i - 1].label,
        scale[i].label,
        contrastRatio(scale[i - 1].colour, scale[i].colour) >= 1.5,
      ]).toEqual([scale[i - 1].label, scale[i].label, true]);
    }
  });

  it('hatches no capacity, so that it is told apart without colour', () => {
    expect(NO_CAPACITY_BAND.stripe).toBeDefined();
    expect(
      contrastRatio(NO_CAPACITY_BAND.colour, NO_CAPACITY_BAND.stripe!),
    ).toBeGreaterThanOrEqual(1.5);
  });

  it('sets the neutral states apart from the scale', () => {
    for (const neutral of [IDLE_BAND, NO_DATA_BAND]) {
      for (const band of [...HEATMAP_BANDS, NO_CAPACITY_BAND]) {
        expect(neutral.colour).not.toBe(band.colour);
      }
    }
    expect(IDLE_BAND.colour).not.toBe(NO_DATA_BAND.colour);
  });

  it.each(Object.entries(RISK_COLOURS))(
    'risk label %s: white text at least 4.5:1',
    (_name, colour) => {
      expect(contrastRatio(WHITE, colour)).toBeGreaterThanOrEqual(4.5);
    },
  );
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
