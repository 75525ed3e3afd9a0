/**
 * API payloads for component tests, computed with the common package's own
 * capacity and N-1 functions so that they are consistent with each other.
 */
import {
  assessSurvivability,
  computeClusterCapacity,
  type CapacityNode,
  type CapacityPod,
  type FleetClusterDetail,
  type FleetClusterSummary,
  type ZonalShift,
  type Zone,
} from '@fleet-resilience/plugin-fleet-resilience-common';

export const CLUSTER_ARN =
  'arn:aws:eks:us-east-1:111122223333:cluster/payments-prod';
export const ENTITY_REF =
  'resource:default/payments-prod-us-east-1-111122223333';
export const BASE_URL = 'http://fleet.test/api/fleet-resilience';

export const ZONES: Zone[] = [
  { name: 'us-east-1a', id: 'use1-az1' },
  { name: 'us-east-1b', id: 'use1-az2' },
  { name: 'us-east-1c', id: 'use1-az4' },
];

const GIB = 1024 ** 3;

function node(
  name: string,
  zone: Zone,
  cpuMillicores: number,
  unschedulable = false,
): CapacityNode {
  return {
    name,
    zone,
    allocatable: { cpuMillicores, memoryBytes: 16 * GIB },
    unschedulable,
  };
}

function pod(nodeName: string, cpuMillicores: number): CapacityPod {
  return {
    nodeName,
    phase: 'Running',
    requests: { cpuMillicores, memoryBytes: 2 * GIB },
  };
}

/**
 * Three AZs: us-east-1a 4 cores, us-east-1b 8, us-east-1c 8 of which 4 are
 * cordoned. Requests of 9 cores and 6 GiB: losing us-east-1b leaves 8
 * schedulable cores (88% of the CPU, not enough); losing either other AZ
 * leaves 12 (133%).
 */
export function capacityFixture() {
  const nodes = [
    node('a-1', ZONES[0], 4000),
    node('b-1', ZONES[1], 4000),
    node('b-2', ZONES[1], 4000),
    node('c-1', ZONES[2], 4000, true),
    node('c-2', ZONES[2], 4000),
  ];
  const pods = [pod('a-1', 3000), pod('b-1', 3000), pod('b-2', 3000)];
  const capacity = computeClusterCapacity(nodes, pods);
  return { capacity, survivability: assessSurvivability(capacity) };
}

export function shiftFixture(overrides: Partial<ZonalShift> = {}): ZonalShift {
  return {
    zonalShiftId: 'zs-1111',
    resourceIdentifier: CLUSTER_ARN,
    awayFrom: 'use1-az2',
    status: 'ACTIVE',
    shiftType: 'ZONAL_SHIFT',
    startTime: '2026-12-01T10:00:00.000Z',
    expiryTime: '2026-12-01T12:00:00.000Z',
    comment: 'Elevated 5xx in use1-az2',
    actor: 'user:default/jane.doe',
    ...overrides,
  };
}

export function summaryFixture(
  overrides: Partial<FleetClusterSummary> = {},
): FleetClusterSummary {
  const { survivability } = capacityFixture();
  return {
    ref: {
      accountId: '111122223333',
      region: 'us-east-1',
      name: 'payments-prod',
      arn: CLUSTER_ARN,
    },
    entityRef: ENTITY_REF,
    version: '1.33',
    status: 'ACTIVE',
    zones: ZONES,
    zonalShiftEnabled: true,
    autoshiftStatus: 'DISABLED',
    shiftState: 'none',
    survivability: {
      verdict: survivability.verdict,
      reason: survivability.reason,
      bindingZone: survivability.bindingZone?.zone,
    },
    capacity: {
      nodeCount: 5,
      schedulableNodeCount: 4,
      podCount: 3,
      pendingPodCount: 0,
      allocatable: { cpuMillicores: 20000, memoryBytes: 80 * GIB },
      requested: { cpuMillicores: 9000, memoryBytes: 6 * GIB },
    },
    health: {
      freshness: 'fresh',
      lastSuccessAt: '2026-12-01T10:30:00.000Z',
      ageSeconds: 120,
    },
    firstSeenAt: '2026-11-01T00:00:00.000Z',
    lastSeenAt: '2026-12-01T10:30:00.000Z',
    ...overrides,
  };
}

export function detailFixture(
  overrides: Partial<FleetClusterDetail> = {},
  summary: Partial<FleetClusterSummary> = {},
): FleetClusterDetail {
  const { capacity, survivability } = capacityFixture();
  return {
    summary: summaryFixture(summary),
    tags: {},
    capacity,
    capacityCapturedAt: '2026-12-01T10:30:00.000Z',
    survivability,
    nodePools: [
      {
        name: 'general',
        zoneRequirements: [],
        allowedZones: ZONES,
        unrestricted: true,
        zoneAnnotations: {},
      },
      {
        name: 'gpu-b-only',
        zoneRequirements: [
          {
            key: 'topology.kubernetes.io/zone',
            operator: 'In',
            values: ['us-east-1b'],
          },
        ],
        allowedZones: [ZONES[1]],
        unrestricted: false,
        zoneAnnotations: {},
      },
    ],
    activeShifts: [],
    pastShifts: [],
    appliedWeights: {},
    autoshifts: [],
    resilienceApps: [],
    refresh: [],
    problems: [],
    ...overrides,
  };
}

/** An error body as Backstage's error middleware renders it. */
export function errorBody(
  statusCode: number,
  name: string,
  message: string,
  extra: Record<string, unknown> = {},
) {
  return {
    error: { name, message, ...extra },
    request: { method: 'POST', url: '/api/fleet-resilience' },
    response: { statusCode },
  };
}
