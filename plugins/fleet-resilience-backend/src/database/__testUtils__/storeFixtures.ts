/**
 * Fixtures of the store tests: a migrated database with every fleet store on
 * it, and inventory, snapshot and shift records to store.
 */
import type {
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  assessSurvivability,
  computeClusterCapacity,
  createEksClusterRef,
  EksClusterRef,
  ZonalShift,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type { Knex } from 'knex';
import type {
  ClusterInventoryRecord,
  KubernetesSnapshotRecord,
  ShiftRecord,
} from '../../domain/records';
import { createFleetStores, type FleetStores } from '..';
import { migrateDatabase } from '../migrations';

/** A migrated database of `databases` and the fleet stores on it. */
export async function openStores(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
  snapshotsPerCluster = 3,
): Promise<{ knex: Knex; stores: FleetStores }> {
  const client = await databases.init(databaseId);
  const knex = await migrateDatabase({ getClient: async () => client });
  return { knex, stores: createFleetStores(knex, { snapshotsPerCluster }) };
}

export const T0 = '2026-11-22T08:00:00.000Z';
export const T1 = '2026-11-22T08:01:00.000Z';
export const T2 = '2026-11-22T08:02:00.000Z';

export const ACCOUNT_A = '111122223333';
export const ACCOUNT_B = '444455556666';

export function ref(name: string, accountId = ACCOUNT_A, region = 'us-east-1') {
  return createEksClusterRef({ accountId, region, name });
}

export function inventory(
  clusterRef: EksClusterRef,
  overrides: Partial<ClusterInventoryRecord> = {},
): ClusterInventoryRecord {
  return {
    ref: clusterRef,
    sourceId: 'aws-config',
    version: '1.33',
    status: 'ACTIVE',
    endpoint: `https://${clusterRef.name}.example`,
    tags: { owner: 'team-a' },
    owner: 'team-a',
    subnetZones: [
      { name: 'us-east-1a', id: 'use1-az1' },
      { name: 'us-east-1b', id: 'use1-az2' },
    ],
    ...overrides,
  };
}

/** Two zones of 4 CPU each; `cpuRequested` millicores requested in total. */
export function snapshot(
  arn: string,
  capturedAt: string,
  cpuRequested: number,
): KubernetesSnapshotRecord {
  const zones = [
    { name: 'us-east-1a', id: 'use1-az1' },
    { name: 'us-east-1b', id: 'use1-az2' },
  ];
  const nodes = zones.map((zone, i) => ({
    name: `node-${i}`,
    zone,
    allocatable: { cpuMillicores: 4000, memoryBytes: 8 * 2 ** 30 },
    unschedulable: false,
  }));
  const pods = [
    {
      nodeName: 'node-0',
      phase: 'Running' as const,
      requests: { cpuMillicores: cpuRequested, memoryBytes: 2 ** 30 },
    },
  ];
  const capacity = computeClusterCapacity(nodes, pods);
  const assessment = assessSurvivability(capacity);
  return {
    arn,
    capturedAt,
    capacity,
    assessment,
    totals: {
      nodeCount: 2,
      schedulableNodeCount: 2,
      podCount: 1,
      pendingPodCount: 0,
      allocatable: { cpuMillicores: 8000, memoryBytes: 16 * 2 ** 30 },
      requested: { cpuMillicores: cpuRequested, memoryBytes: 2 ** 30 },
    },
    nodePools: [
      {
        name: 'default',
        resourceVersion: '7',
        zoneRequirements: [
          {
            key: 'topology.kubernetes.io/zone',
            operator: 'In',
            values: ['us-east-1a'],
          },
        ],
        allowedZones: [zones[0]],
        unrestricted: false,
        weight: 10,
        zoneAnnotations: {},
      },
    ],
    nodeZones: [...zones, { name: 'us-east-1c', id: 'use1-az4' }],
    karpenter: {
      installed: true,
      version: '1.12.0',
      nativeZonalShift: false,
      nodeClaimCount: 2,
    },
    problems: [],
  };
}

export function shift(
  clusterRef: EksClusterRef,
  overrides: Partial<ZonalShift> = {},
): ShiftRecord {
  return {
    zonalShiftId: 'shift-1',
    resourceIdentifier: clusterRef.arn,
    awayFrom: 'use1-az1',
    status: 'ACTIVE',
    shiftType: 'ZONAL_SHIFT',
    startTime: T0,
    expiryTime: '2026-11-22T09:00:00.000Z',
    comment: 'AZ impairment',
    accountId: clusterRef.accountId,
    region: clusterRef.region,
    ...overrides,
  };
}

export const ALL = { limit: 100, offset: 0 };
export const byName = { field: 'name' as const, order: 'asc' as const };
