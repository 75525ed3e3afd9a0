/**
 * The fleet heatmap's model: utilisation (requests / allocatable) per
 * cluster and AZ, and the colour scale with its legend.
 */
import type {
  ResourceAmounts,
  Zone,
} from '@fleet-resilience/plugin-fleet-resilience-common';

/** Per-AZ capacity in short, as the heatmap needs it. */
export interface ZoneUsage {
  zone: Zone;
  allocatable: ResourceAmounts;
  requested: ResourceAmounts;
  /** Some of the AZ's nodes are cordoned or NotReady. */
  cordoned?: boolean;
}

/** One cell: the higher of CPU and memory utilisation. */
export interface HeatmapCell {
  zone: Zone;
  /** 0..n (over 1 when requests exceed allocatable); undefined without capacity. */
  utilisation?: number;
  cpu?: number;
  memory?: number;
  cordoned: boolean;
}

function ratio(requested: number, allocatable: number): number | undefined {
  if (allocatable > 0) return requested / allocatable;
  return requested > 0 ? Infinity : undefined;
}

export function heatmapCell(usage: ZoneUsage): HeatmapCell {
  const cpu = ratio(
    usage.requested.cpuMillicores,
    usage.allocatable.cpuMillicores,
  );
  const memory = ratio(
    usage.requested.memoryBytes,
    usage.allocatable.memoryBytes,
  );
  const known = [cpu, memory].filter((v): v is number => v !== undefined);
  return {
    zone: usage.zone,
    cpu,
    memory,
    utilisation: known.length > 0 ? Math.max(...known) : undefined,
    cordoned: usage.cordoned ?? false,
  };
}

/** A band of the colour scale: utilisation below `upTo` (the last has none). */
export interface HeatmapBand {
  upTo?: number;
  label: string;
  colour: string;
  /** Text colour readable on `colour`. */
  text: string;
}

// 66% is the most a 3-AZ cluster of equal AZs can use and still lose one.
export const HEATMAP_BANDS: readonly HeatmapBand[] = [
  { upTo: 0.5, label: 'under 50%', colour: '#1b7837', text: '#ffffff' },
  { upTo: 0.66, label: '50–66%', colour: '#a6dba0', text: '#000000' },
  { upTo: 0.8, label: '66–80%', colour: '#fee08b', text: '#000000' },
  { upTo: 0.9, label: '80–90%', colour: '#f46d43', text: '#000000' },
  { label: '90% and over', colour: '#a50026', text: '#ffffff' },
];

export const NO_DATA_BAND: HeatmapBand = {
  label: 'no data',
  colour: '#e0e0e0',
  text: '#000000',
};

export function bandOf(utilisation: number | undefined): HeatmapBand {
  if (utilisation === undefined || Number.isNaN(utilisation)) {
    return NO_DATA_BAND;
  }
  return (
    HEATMAP_BANDS.find(
      band => band.upTo !== undefined && utilisation < band.upTo,
    ) ?? HEATMAP_BANDS[HEATMAP_BANDS.length - 1]
  );
}

/** Every AZ ID of the rows, ordered by ID, with the first name seen. */
export function heatmapColumns(rows: ReadonlyArray<readonly Zone[]>): Zone[] {
  const byId = new Map<string, Zone>();
  for (const zones of rows) {
    for (const zone of zones) {
      if (!byId.has(zone.id)) byId.set(zone.id, zone);
    }
  }
  return [...byId.values()].sort((a, b) =>
    a.id < b.id ? -1 : Number(a.id > b.id),
  );
}
