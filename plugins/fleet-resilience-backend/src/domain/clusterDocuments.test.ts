import {
  assessShiftImpact,
  assessSurvivability,
  computeClusterCapacity,
  type CapacityNode,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type {
  NodePoolRecord,
  StoredCluster,
  StoredShift,
  StoredSnapshot,
} from './records';
import {
  buildDetailDocument,
  buildSummaryDocument,
  detailJson,
  healthOf,
  summaryJson,
} from './clusterDocuments';

const NOW = new Date('2026-11-22T08:10:00.000Z');
const A = { name: 'us-east-1a', id: 'use1-az1' };
const B = { name: 'us-east-1b', id: 'use1-az2' };

const cluster: StoredCluster = {
  ref: {
    arn: 'arn:aws:eks:us-east-1:111122223333:cluster/payments',
    accountId: '111122223333',
    region: 'us-east-1',
    name: 'payments',
  },
  sourceId: 'aws-config',
  version: '1.33',
  tags: { owner: 'payments-team' },
  owner: 'payments-team',
  zones: [A, B],
  shiftState: 'none',
  verdict: 'unknown',
  verdictReason: '',
  freshness: 'never',
  problems: [],
  firstSeenAt: '2026-11-22T08:00:00.000Z',
  lastSeenAt: '2026-11-22T08:09:00.000Z',
};

function shift(
  id: string,
  status: StoredShift['status'],
  startTime: string,
): StoredShift {
  return {
    zonalShiftId: id,
    resourceIdentifier: cluster.ref.arn,
    awayFrom: 'use1-az1',
    status,
    shiftType: 'ZONAL_SHIFT',
    startTime,
    expiryTime: '2026-11-22T09:00:00.000Z',
    comment: '',
    accountId: '111122223333',
    region: 'us-east-1',
    firstSeenAt: startTime,
    lastSeenAt: startTime,
  };
}

describe('cluster documents', () => {
  it('summarises a cluster never read, with the lowest Resilience Hub score', () => {
    const summary = buildSummaryDocument(cluster, [
      {
        appArn: 'a',
        accountId: '1',
        region: 'r',
        name: 'a',
        resiliencyScore: 78.5,
        clusterArns: [],
      },
      {
        appArn: 'b',
        accountId: '1',
        region: 'r',
        name: 'b',
        resiliencyScore: 41,
        clusterArns: [],
      },
      { appArn: 'c', accountId: '1', region: 'r', name: 'c', clusterArns: [] },
    ]);
    expect(summary.survivability).toEqual({
      verdict: 'unknown',
      reason: 'The Kubernetes API of this cluster has not been read yet.',
    });
    expect(summary.resilienceScore).toBe(41);
    // The catalog module's entity for this cluster, so search and the UI link to it.
    expect(summary.entityRef).toBe(
      'resource:default/payments-us-east-1-111122223333',
    );
    expect('capacity' in summary).toBe(false);
    expect(buildSummaryDocument(cluster, []).resilienceScore).toBeUndefined();
  });

  it('gives the list each AZ’s capacity from the latest snapshot, a fully cordoned AZ marked', () => {
    const node = (name: string, zone: typeof A, unschedulable: boolean) => ({
      name,
      zone,
      allocatable: { cpuMillicores: 4000, memoryBytes: 16 * 2 ** 30 },
      unschedulable,
      ready: true,
    });
    const capacity = computeClusterCapacity(
      [node('a1', A, false), node('a2', A, true), node('b1', B, true)],
      [
        {
          nodeName: 'a1',
          phase: 'Running',
          requests: { cpuMillicores: 1500, memoryBytes: 2 ** 30 },
        },
      ],
    );
    const summary = buildSummaryDocument(cluster, [], {
      id: 1,
      clusterArn: cluster.ref.arn,
      capturedAt: NOW.toISOString(),
      capacity,
      assessment: assessSurvivability(capacity),
    });
    expect(summary.zoneUsage).toEqual([
      {
        zone: A,
        allocatable: { cpuMillicores: 8000, memoryBytes: 32 * 2 ** 30 },
        schedulableAllocatable: {
          cpuMillicores: 4000,
          memoryBytes: 16 * 2 ** 30,
        },
        requested: { cpuMillicores: 1500, memoryBytes: 2 ** 30 },
        nodeCount: 2,
        cordoned: false,
      },
      {
        zone: B,
        allocatable: { cpuMillicores: 4000, memoryBytes: 16 * 2 ** 30 },
        schedulableAllocatable: { cpuMillicores: 0, memoryBytes: 0 },
        requested: { cpuMillicores: 0, memoryBytes: 0 },
        nodeCount: 1,
        cordoned: true,
      },
    ]);
    expect(buildSummaryDocument(cluster, []).zoneUsage).toBeUndefined();
  });

  it('splits shifts into active and past, and keeps the autoshifts of the cluster’s AZs only', () => {
    const detail = buildDetailDocument({
      cluster,
      nodePools: [],
      shifts: [
        shift('new', 'ACTIVE', '2026-11-22T08:05:00.000Z'),
        shift('old', 'EXPIRED', '2026-11-21T08:00:00.000Z'),
      ],
      arcResource: {
        arn: cluster.ref.arn,
        accountId: '111122223333',
        region: 'us-east-1',
        availabilityZones: ['use1-az1', 'use1-az2'],
        appliedWeights: { 'use1-az1': 0, 'use1-az2': 1 },
        practiceRunStatus: 'ENABLED',
      },
      autoshifts: [
        {
          accountId: '111122223333',
          region: 'us-east-1',
          awayFrom: 'use1-az2',
          startTime: '2026-11-20T00:00:00.000Z',
          status: 'COMPLETED',
        },
        {
          accountId: '111122223333',
          region: 'us-east-1',
          awayFrom: 'use1-az6',
          startTime: '2026-11-20T00:00:00.000Z',
          status: 'ACTIVE',
        },
      ],
      resilienceApps: [],
    });
    expect(detail.activeShifts.map(s => s.zonalShiftId)).toEqual(['new']);
    expect(detail.pastShifts.map(s => s.zonalShiftId)).toEqual(['old']);
    expect(detail.autoshifts.map(a => a.awayFrom)).toEqual(['use1-az2']);
    expect(detail.practiceRunStatus).toBe('ENABLED');
    expect(detail.appliedWeights).toEqual({ 'use1-az1': 0, 'use1-az2': 1 });
  });

  it('computes the data’s age at the time of the response and shows the error only when stale', () => {
    expect(
      healthOf(
        {
          freshness: 'stale',
          lastSuccessAt: '2026-11-22T08:00:00.000Z',
          lastAttemptAt: '2026-11-22T08:09:00.000Z',
          lastError: 'HTTP 500',
        },
        NOW,
      ),
    ).toEqual({
      freshness: 'stale',
      lastSuccessAt: '2026-11-22T08:00:00.000Z',
      lastAttemptAt: '2026-11-22T08:09:00.000Z',
      lastError: 'HTTP 500',
      ageSeconds: 600,
    });
    expect(
      healthOf(
        {
          freshness: 'fresh',
          lastSuccessAt: '2026-11-22T08:10:00.000Z',
          lastError: 'old',
        },
        NOW,
      ),
    ).toEqual({
      freshness: 'fresh',
      lastSuccessAt: '2026-11-22T08:10:00.000Z',
      ageSeconds: 0,
    });
    expect(healthOf({ freshness: 'never' }, NOW)).toEqual({
      freshness: 'never',
    });
  });

  it('assembles stored documents into the API’s JSON', () => {
    const summaryDocument = JSON.stringify(buildSummaryDocument(cluster, []));
    const status = {
      freshness: 'fresh' as const,
      lastSuccessAt: '2026-11-22T08:09:30.000Z',
      lastAttemptAt: '2026-11-22T08:09:30.000Z',
      durationMs: 120,
    };
    const summary = JSON.parse(summaryJson(summaryDocument, status, NOW));
    expect(summary).toEqual({
      ...JSON.parse(summaryDocument),
      health: healthOf(status, NOW),
    });
    expect(summary.health.ageSeconds).toBe(30);

    const detail = JSON.parse(
      detailJson(
        summaryDocument,
        '{"tags":{"a":"b"},"nodePools":[]}',
        status,
        NOW,
      ),
    );
    expect(detail).toEqual({
      summary,
      tags: { a: 'b' },
      nodePools: [],
      refresh: [
        {
          source: 'kubernetes',
          lastAttemptAt: status.lastAttemptAt,
          ok: true,
          lastSuccessAt: status.lastSuccessAt,
          durationMs: 120,
        },
      ],
    });
    // An empty detail document and a cluster never read.
    expect(
      JSON.parse(
        detailJson(summaryDocument, '{}', { freshness: 'never' }, NOW),
      ),
    ).toEqual({
      summary: {
        ...JSON.parse(summaryDocument),
        health: { freshness: 'never' },
      },
      refresh: [],
    });
  });
});

describe('cluster documents while ARC applies a shift', () => {
  const C = { name: 'us-east-1c', id: 'use1-az3' };
  const three: StoredCluster = { ...cluster, zones: [A, B, C] };
  const shifted: StoredCluster = {
    ...three,
    shiftState: 'zonal-shift',
    shiftAwayFrom: B,
  };
  const GiB = 2 ** 30;

  /** 4 cores per AZ, B's node cordoned or not; pods request 5 cores. */
  function snapshot(cordonedB: boolean): StoredSnapshot {
    const node = (zone: typeof A, unschedulable: boolean): CapacityNode => ({
      name: `n-${zone.id}`,
      zone,
      allocatable: { cpuMillicores: 4000, memoryBytes: 16 * GiB },
      unschedulable,
    });
    const capacity = computeClusterCapacity(
      [node(A, false), node(B, cordonedB), node(C, false)],
      [
        {
          nodeName: 'n-use1-az1',
          phase: 'Running',
          requests: { cpuMillicores: 5000, memoryBytes: GiB },
        },
      ],
    );
    return {
      id: 1,
      clusterArn: cluster.ref.arn,
      capturedAt: NOW.toISOString(),
      capacity,
      assessment: assessSurvivability(capacity),
    };
  }
  const nodePools: NodePoolRecord[] = [
    {
      name: 'b-only',
      resourceVersion: '1',
      zoneRequirements: [],
      allowedZones: [B],
      unrestricted: false,
      zoneAnnotations: {},
    },
    {
      name: 'default',
      resourceVersion: '1',
      zoneRequirements: [],
      allowedZones: [A, B, C],
      unrestricted: true,
      zoneAnnotations: {},
    },
  ];
  const detailOf = (c: StoredCluster, snap?: StoredSnapshot) =>
    buildDetailDocument({
      cluster: c,
      snapshot: snap,
      nodePools,
      shifts: [],
      autoshifts: [],
      resilienceApps: [],
    });

  it('summarises N-1 with the shifted AZ counted as lost, before Kubernetes shows the cordon', () => {
    const read = snapshot(false);
    // Without the shift: 8 of 12 cores remain after any loss, for 5: survives.
    expect(buildSummaryDocument(three, [], read).survivability.verdict).toBe(
      'survives',
    );
    const summary = buildSummaryDocument(shifted, [], read).survivability;
    // With B lost, losing A or C as well leaves 4 cores for 5.
    expect(summary).toEqual({
      verdict: 'at-risk',
      reason: expect.stringMatching(
        /^N-1 while traffic is shifted away from us-east-1b \(use1-az2\): computed with that AZ counted as lost/,
      ),
      bindingZone: A,
    });
  });

  it('summarises the same once the cordon is read', () => {
    expect(
      buildSummaryDocument(shifted, [], snapshot(true)).survivability,
    ).toEqual(buildSummaryDocument(shifted, [], snapshot(false)).survivability);
  });

  it('carries the applied shift’s impact in the detail, NodePools included', () => {
    const read = snapshot(false);
    const detail = detailOf(shifted, read);
    expect(detail.shiftImpact).toEqual(
      assessShiftImpact({
        capacity: read.capacity,
        zones: [A, B, C],
        awayFrom: B.id,
        nodePools,
      }),
    );
    expect(detail.shiftImpact).toMatchObject({
      verdict: 'survives',
      blockedNodePools: ['b-only'],
    });
    expect(detail.shiftImpact?.afterShift?.verdict).toBe(
      buildSummaryDocument(shifted, [], read).survivability.verdict,
    );
    // The detail's survivability stays the snapshot's own.
    expect(detail.survivability).toEqual(read.assessment);
    expect(detailOf(shifted, snapshot(true)).shiftImpact).toEqual(
      detail.shiftImpact,
    );
  });

  it('has no shift impact when no shift applies', () => {
    expect('shiftImpact' in detailOf(three, snapshot(false))).toBe(false);
  });

  it('says the verdict is unknown for a shifted cluster never read', () => {
    expect(buildSummaryDocument(shifted, []).survivability).toEqual({
      verdict: 'unknown',
      reason: 'The Kubernetes API of this cluster has not been read yet.',
    });
    expect(detailOf(shifted).shiftImpact).toMatchObject({
      verdict: 'unknown',
      blockedNodePools: ['b-only'],
    });
  });

  it('uses the snapshot, not the stored verdict fields, which are written from the summary', () => {
    const stale: StoredCluster = {
      ...three,
      verdict: 'at-risk',
      verdictReason: 'old',
    };
    expect(
      buildSummaryDocument(stale, [], snapshot(false)).survivability.verdict,
    ).toBe('survives');
  });
});
