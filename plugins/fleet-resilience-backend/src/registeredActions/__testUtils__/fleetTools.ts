/**
 * The fleet's tools registered on Backstage's mock actions registry (the
 * registry's own zod path: input parsed, output parsed), over fakes of
 * FleetReads and ShiftActions that record what they are asked and answer
 * fixed bodies, each with a field no output schema names.
 */
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import type { JsonObject } from '@backstage/types';
import type { ClusterAccess } from '../../database/clusterAccessSql';
import { registerFleetActions } from '../registerFleetActions';

export const ARN = 'arn:aws:eks:us-east-1:123456789012:cluster/payments-prod';
export const SHIFT_ID = 'a1b2c3d4-0000-4000-8000-000000000001';
/** The caller's read access, as FleetReads.access decides it. */
export const ACCESS: ClusterAccess = { kind: 'all' };

const ref = {
  arn: ARN,
  name: 'payments-prod',
  accountId: '123456789012',
  region: 'us-east-1',
};
const zone = { id: 'use1-az2', name: 'us-east-1b' };
const page = { limit: 50, offset: 0 };
const shift = {
  zonalShiftId: SHIFT_ID,
  resourceIdentifier: ARN,
  awayFrom: 'use1-az2',
  status: 'ACTIVE',
  shiftType: 'ZONAL_SHIFT',
  startTime: '2026-12-07T10:00:00.000Z',
  expiryTime: '2026-12-07T10:30:00.000Z',
  comment: 'INC-1: 5xx in use1-az2',
  actor: 'user:default/jane',
};
const summary = {
  ref,
  zones: [zone],
  shiftState: 'none',
  survivability: { verdict: 'survives', reason: 'fits', bindingZone: zone },
  health: { freshness: 'fresh' },
};

/** What each fake answers: every body carries `unnamed`, in every object. */
export const ANSWERS = {
  list: { items: [summary], totalCount: 1, paging: page, unnamed: 1 },
  detail: {
    summary,
    tags: { team: 'payments' },
    activeShifts: [shift],
    pastShifts: [],
    unnamed: { deep: true },
  },
  impact: {
    awayFrom: zone,
    verdict: 'at-risk',
    reason: 'short of CPU',
    blockedNodePools: ['gpu'],
    zoneLoss: { unnamed: 2 },
  },
  history: {
    items: [{ ...shift, cluster: ref, lastSeenAt: shift.startTime }],
    totalCount: 1,
    paging: page,
  },
  active: {
    items: [
      {
        cluster: ref,
        entityRef: 'resource:default/payments-prod',
        shiftType: 'ZONAL_SHIFT',
        awayFrom: zone,
        zonalShiftId: SHIFT_ID,
        startTime: shift.startTime,
        applied: true,
      },
    ],
    totalCount: 1,
    paging: page,
  },
  audit: {
    items: [
      {
        id: 'e1',
        time: shift.startTime,
        actor: 'user:default/jane',
        action: 'shift.start',
        cluster: ref,
        inputs: { awayFrom: 'use1-az2', expiresIn: '30m' },
        outcome: 'success',
        channel: 'mcp',
      },
    ],
    totalCount: 1,
    paging: { limit: 50, offset: 0, nextOffset: 50 },
  },
  shiftAction: { shift, auditEventId: 'e2', replayed: false, unnamed: 'x' },
  plan: {
    dryRun: true,
    awayFrom: 'use1-az2',
    items: [
      {
        cluster: ref,
        entityRef: 'resource:default/payments-prod',
        zone,
        verdict: 'survives',
        verdictReason: 'fits',
        outcome: 'eligible',
      },
    ],
    counts: { eligible: 1, started: 0, skipped: 0, denied: 0, failed: 0 },
    hidden: 2,
  },
  readinessSummary: {
    clusterCount: 2,
    byVerdict: { ready: 1, 'at-risk': 0, 'not-ready': 1, unknown: 0 },
    checks: {
      'zonal-shift': { pass: 1, warn: 0, fail: 1, unknown: 0 },
    },
    workloadsAtRisk: 3,
    singleReplicaWorkloads: 1,
    hidden: 2,
  },
};

export function fleetTools(options: { allowedServices?: string[] } = {}) {
  const registry = actionsRegistryServiceMock();
  const reads = {
    listClustersJson: jest.fn(async () => JSON.stringify(ANSWERS.list)),
    clusterDetailJson: jest.fn(async () => JSON.stringify(ANSWERS.detail)),
    shiftImpact: jest.fn(async () => ANSWERS.impact as never),
    shiftHistory: jest.fn(async () => ANSWERS.history as never),
    activeShifts: jest.fn(async () => ANSWERS.active as never),
    auditEvents: jest.fn(async () => ANSWERS.audit as never),
    readinessSummary: jest.fn(async () => ANSWERS.readinessSummary as never),
    access: jest.fn(async () => ACCESS),
  };
  const shiftActions = {
    start: jest.fn(async () => ANSWERS.shiftAction as never),
    update: jest.fn(async () => ANSWERS.shiftAction as never),
    cancel: jest.fn(async () => ANSWERS.shiftAction as never),
    fleetShift: jest.fn(async () => ANSWERS.plan as never),
    planFleetShift: jest.fn(async () => ANSWERS.plan as never),
  };
  registerFleetActions({
    actionsRegistry: registry,
    reads,
    shiftActions,
    allowedServices: new Set(options.allowedServices ?? []),
  });
  const invoke = async (
    name: string,
    input: JsonObject,
    credentials: BackstageCredentials = mockCredentials.user(),
  ) =>
    (await registry.invoke({ id: `test:${name}`, input, credentials })).output;
  return { registry, reads, shiftActions, invoke };
}
