/**
 * The fleet heatmap's model: per cluster and AZ, how much of the AZ's
 * schedulable capacity is requested, with an AZ that has none (while the
 * cluster runs pods) as the worst state; per cluster, whether losing an AZ
 * is survivable; and the colour scale with its legend.
 */
import type {
  ResourceAmounts,
  SurvivabilityVerdict,
  Zone,
} from '@fleet-resilience/plugin-fleet-resilience-common';

/** Per-AZ capacity in short, as the heatmap needs it. */
export interface ZoneUsage {
  zone: Zone;
  allocatable: ResourceAmounts;
  /** Allocatable of the nodes that accept pods; `allocatable` when unknown. */
  schedulableAllocatable?: ResourceAmounts;
  requested: ResourceAmounts;
  nodeCount?: number;
  /** Some of the AZ's nodes are cordoned or NotReady. */
  cordoned?: boolean;
}

/** An AZ of the cluster whose utilisation is known. */
export interface UsageCell {
  kind: 'usage';
  zone: Zone;
  /** The higher of CPU and memory: requests / schedulable allocatable. */
  utilisation: number;
  cpu: number;
  memory: number;
  /** Some capacity is cordoned or NotReady. */
  cordoned: boolean;
}

/**
 * One cell of a row:
 * - `usage`: the AZ has schedulable capacity;
 * - `no-capacity`: an AZ of the cluster where no node accepts pods (none
 *   there, or all cordoned) while the cluster has requests: the worst state,
 *   for its pods have nowhere to go in that AZ;
 * - `idle`: no schedulable capacity, but nothing is requested in the cluster;
 * - `no-data`: the cluster's capacity was never read;
 * - `absent`: not an AZ of the cluster.
 */
export type HeatmapCell =
  | UsageCell
  | { kind: 'no-capacity'; zone: Zone; nodeCount: number }
  | { kind: 'idle'; zone: Zone }
  | { kind: 'no-data'; zone: Zone }
  | { kind: 'absent'; zone: Zone };

/** The input of one row: a cluster as the fleet list describes it. */
export interface HeatmapRowInput {
  /** The cluster's AZs (subnets and nodes). */
  zones: readonly Zone[];
  /** Per AZ with nodes; undefined when the capacity was never read. */
  usage: readonly ZoneUsage[] | undefined;
  verdict: SurvivabilityVerdict;
  /** Requests of the whole cluster, pending pods included, when known. */
  requested?: ResourceAmounts;
}

export interface HeatmapRow {
  cells: HeatmapCell[];
  verdict: SurvivabilityVerdict;
  /**
   * The AZs with schedulable capacity, when the cluster has requests and at
   * most one such AZ: losing it (or already having none) leaves the pods
   * nowhere to run.
   */
  concentratedIn?: Zone[];
  /** At risk of losing an AZ: by the N-1 verdict or by concentration. */
  atRisk: boolean;
}

function hasAmount(amounts: ResourceAmounts): boolean {
  return amounts.cpuMillicores > 0 || amounts.memoryBytes > 0;
}

function sum(amounts: readonly ResourceAmounts[]): ResourceAmounts {
  return amounts.reduce(
    (total, a) => ({
      cpuMillicores: total.cpuMillicores + a.cpuMillicores,
      memoryBytes: total.memoryBytes + a.memoryBytes,
    }),
    { cpuMillicores: 0, memoryBytes: 0 },
  );
}

/** The cell of one AZ with nodes (or of one without, for `usage` undefined). */
export function zoneCell(
  zone: Zone,
  usage: ZoneUsage | undefined,
  clusterHasRequests: boolean,
): HeatmapCell {
  const schedulable = usage?.schedulableAllocatable ?? usage?.allocatable;
  // A node with CPU but no memory (or the reverse) cannot take pods either.
  if (
    !usage ||
    !schedulable ||
    schedulable.cpuMillicores <= 0 ||
    schedulable.memoryBytes <= 0
  ) {
    return clusterHasRequests
      ? { kind: 'no-capacity', zone, nodeCount: usage?.nodeCount ?? 0 }
      : { kind: 'idle', zone };
  }
  const cpu = usage.requested.cpuMillicores / schedulable.cpuMillicores;
  const memory = usage.requested.memoryBytes / schedulable.memoryBytes;
  return {
    kind: 'usage',
    zone,
    cpu,
    memory,
    utilisation: Math.max(cpu, memory),
    cordoned:
      (usage.cordoned ?? false) ||
      schedulable.cpuMillicores < usage.allocatable.cpuMillicores ||
      schedulable.memoryBytes < usage.allocatable.memoryBytes,
  };
}

/** A cluster's AZs: its own and any its nodes report, by ID. */
export function clusterZones(input: HeatmapRowInput): Zone[] {
  const byId = new Map<string, Zone>();
  for (const zone of input.zones) byId.set(zone.id, zone);
  for (const usage of input.usage ?? []) {
    if (!byId.has(usage.zone.id)) byId.set(usage.zone.id, usage.zone);
  }
  return [...byId.values()];
}

/** One row: a cell per column, and the cluster's risk of losing an AZ. */
export function heatmapRow(
  input: HeatmapRowInput,
  columns: readonly Zone[],
): HeatmapRow {
  const own = new Map(clusterZones(input).map(zone => [zone.id, zone]));
  const usage = input.usage;
  if (!usage) {
    return {
      cells: columns.map(column => {
        const zone = own.get(column.id);
        return zone
          ? { kind: 'no-data', zone }
          : { kind: 'absent', zone: column };
      }),
      verdict: input.verdict,
      atRisk: input.verdict === 'at-risk',
    };
  }
  const hasRequests = hasAmount(
    input.requested ?? sum(usage.map(u => u.requested)),
  );
  const cellOf = (zone: Zone) =>
    zoneCell(
      zone,
      usage.find(u => u.zone.id === zone.id),
      hasRequests,
    );
  const withCapacity = [...own.values()].filter(
    zone => cellOf(zone).kind === 'usage',
  );
  const concentratedIn =
    hasRequests && withCapacity.length <= 1 ? withCapacity : undefined;
  return {
    cells: columns.map(column => {
      const zone = own.get(column.id);
      return zone ? cellOf(zone) : { kind: 'absent', zone: column };
    }),
    verdict: input.verdict,
    concentratedIn,
    atRisk: input.verdict === 'at-risk' || concentratedIn !== undefined,
  };
}

/** What a row says about losing an AZ, in words. */
export function rowRiskText(row: HeatmapRow): string {
  if (row.concentratedIn) {
    return row.concentratedIn.length === 0
      ? 'At risk: no AZ has schedulable capacity'
      : `At risk: all capacity in ${row.concentratedIn[0].id}`;
  }
  switch (row.verdict) {
    case 'at-risk':
      return 'At risk if an AZ is lost';
    case 'survives':
      return 'Survives losing an AZ';
    default:
      return 'N-1 unknown';
  }
}

/** A band of the colour scale. */
export interface HeatmapBand {
  /** Utilisation bands: utilisation below `upTo` (the last has none). */
  upTo?: number;
  label: string;
  colour: string;
  /** Text colour readable on `colour` (and on `stripe`). */
  text: string;
  /**
   * Outline for a fill too light to stand out from the white card on its
   * own (under 3:1).
   */
  border?: string;
  /** Second colour of a diagonal hatch, for states not told by colour alone. */
  stripe?: string;
}

// 66% is the most a 3-AZ cluster of equal AZs can use and still lose one.
// Adjacent bands alternate in lightness (at least 1.5:1 apart) so that they
// differ without relying on hue.
export const HEATMAP_BANDS: readonly HeatmapBand[] = [
  { upTo: 0.5, label: 'under 50%', colour: '#1b7837', text: '#ffffff' },
  {
    upTo: 0.66,
    label: '50–66%',
    colour: '#5aae61',
    text: '#000000',
    border: '#1b7837',
  },
  {
    upTo: 0.8,
    label: '66–80%',
    colour: '#fee08b',
    text: '#000000',
    border: '#7a5901',
  },
  {
    upTo: 0.9,
    label: '80–90%',
    colour: '#f46d43',
    text: '#000000',
    border: '#a63603',
  },
  { label: '90% and over', colour: '#a50026', text: '#ffffff' },
];

/** Worse than any utilisation: hatched and darker than the last band. */
export const NO_CAPACITY_BAND: HeatmapBand = {
  label: 'no capacity (AZ with no schedulable node)',
  colour: '#67001f',
  stripe: '#000000',
  text: '#ffffff',
};

export const IDLE_BAND: HeatmapBand = {
  label: 'no capacity, nothing requested',
  colour: '#ffffff',
  text: '#000000',
  border: '#616161',
};

export const NO_DATA_BAND: HeatmapBand = {
  label: 'no data',
  colour: '#eeeeee',
  text: '#000000',
  border: '#616161',
};

/** The utilisation band of `utilisation`. */
export function bandOf(utilisation: number): HeatmapBand {
  return (
    HEATMAP_BANDS.find(
      band => band.upTo !== undefined && utilisation < band.upTo,
    ) ?? HEATMAP_BANDS[HEATMAP_BANDS.length - 1]
  );
}

/** The band of a cell; undefined for an AZ that is not the cluster's. */
export function cellBand(cell: HeatmapCell): HeatmapBand | undefined {
  switch (cell.kind) {
    case 'usage':
      return bandOf(cell.utilisation);
    case 'no-capacity':
      return NO_CAPACITY_BAND;
    case 'idle':
      return IDLE_BAND;
    case 'no-data':
      return NO_DATA_BAND;
    default:
      return undefined;
  }
}

/** Every band in the legend's order: best to worst, then the neutral ones. */
export const LEGEND_BANDS: readonly HeatmapBand[] = [
  ...HEATMAP_BANDS,
  NO_CAPACITY_BAND,
  IDLE_BAND,
  NO_DATA_BAND,
];

/** Fills of the row risk labels, under white text. */
export const RISK_COLOURS = {
  atRisk: '#a50026',
  survives: '#1b7837',
  unknown: '#616161',
} as const;

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
