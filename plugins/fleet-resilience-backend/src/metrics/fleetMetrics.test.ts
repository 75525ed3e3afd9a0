import { mockServices } from '@backstage/backend-test-utils';
import { collectedMetrics } from './__testUtils__/collectedMetrics';
import {
  createFleetMetrics,
  METRIC_NAMES,
  type ClusterStateCount,
} from './fleetMetrics';

const ARN = 'arn:aws:eks:us-east-1:111122223333:cluster/c1';
const T0 = Date.parse('2026-12-07T10:00:00.000Z');

function setUp(counts: () => Promise<readonly ClusterStateCount[]>) {
  const collected = collectedMetrics();
  const logger = mockServices.logger.mock();
  const metrics = createFleetMetrics({
    metrics: collected.service,
    countClusters: counts,
    logger,
  });
  return { ...collected, metrics, logger };
}

describe('createFleetMetrics', () => {
  it('names every instrument in the plugin’s area, with its unit and description', async () => {
    const { metrics, collect } = setUp(async () => [
      { shiftState: 'none', verdict: 'unknown', count: 1 },
    ]);
    metrics.sourceRead('arc', true, 10);
    metrics.sourceRead('arc', false, 10);
    metrics.runFinished('aws', true, 10);
    metrics.actionFinished({
      action: 'shift.start',
      scope: 'cluster',
      channel: 'mcp',
      principal: 'user',
      outcome: 'success',
    });
    metrics.passFinished({
      clusterArn: ARN,
      awayZoneIds: ['use1-az1'],
      applied: { shiftType: 'ZONAL_SHIFT', startedAt: T0 },
      state: 'converged',
      nodePools: 1,
      startedAt: T0,
      finishedAt: T0 + 2_000,
    });
    metrics.nodePoolPatchFailed('forbidden');
    const all = await collect();
    expect(
      [...all.values()]
        .map(m => [m.name, m.type, m.unit])
        .sort((a, b) => a[0].localeCompare(b[0])),
    ).toEqual([
      [METRIC_NAMES.clusters, 'gauge', '{cluster}'],
      [METRIC_NAMES.nodePoolPatchFailures, 'counter', '{nodepool}'],
      [METRIC_NAMES.reconcileLag, 'histogram', 's'],
      [METRIC_NAMES.refreshDuration, 'histogram', 's'],
      [METRIC_NAMES.refreshFailures, 'counter', '{read}'],
      [METRIC_NAMES.refreshRunDuration, 'histogram', 's'],
      [METRIC_NAMES.shiftActions, 'counter', '{action}'],
      [METRIC_NAMES.shiftsObserved, 'counter', '{shift}'],
    ]);
    for (const metric of all.values()) {
      expect(metric.name).toMatch(/^fleet_resilience\.[a-z_.]+$/);
      expect(metric.description).not.toBe('');
    }
  });

  it('counts a shift action by action, scope, channel, principal and outcome', async () => {
    const { metrics, points } = setUp(async () => []);
    const facts = {
      action: 'shift.cancel',
      scope: 'fleet' as const,
      principal: 'service',
      outcome: 'denied',
    };
    metrics.actionFinished({ ...facts, channel: 'mcp' });
    metrics.actionFinished({ ...facts, channel: 'mcp' });
    metrics.actionFinished({ ...facts, channel: 'portal' });
    expect(await points(METRIC_NAMES.shiftActions)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          attributes: { ...facts, channel: 'mcp' },
          value: 2,
        }),
        expect.objectContaining({
          attributes: { ...facts, channel: 'portal' },
          value: 1,
        }),
      ]),
    );
    expect(await points(METRIC_NAMES.shiftActions)).toHaveLength(2);
  });

  it('reads the cluster gauge at each collection, and reports 0 for a series that emptied', async () => {
    let counts: ClusterStateCount[] = [
      { shiftState: 'none', verdict: 'survives', count: 3 },
      { shiftState: 'zonal-shift', verdict: 'at-risk', count: 1 },
    ];
    const countClusters = jest.fn(async () => counts);
    const { point } = setUp(countClusters);
    expect(countClusters).not.toHaveBeenCalled();
    expect(
      await point(METRIC_NAMES.clusters, {
        shift_state: 'zonal-shift',
        verdict: 'at-risk',
      }),
    ).toMatchObject({ value: 1 });
    counts = [{ shiftState: 'none', verdict: 'survives', count: 4 }];
    expect(
      await point(METRIC_NAMES.clusters, {
        shift_state: 'zonal-shift',
        verdict: 'at-risk',
      }),
    ).toMatchObject({ value: 0 });
    expect(
      await point(METRIC_NAMES.clusters, {
        shift_state: 'none',
        verdict: 'survives',
      }),
    ).toMatchObject({ value: 4 });
  });

  it('a failed count is logged and observes nothing; the collection goes on', async () => {
    const { points, logger } = setUp(async () => {
      throw new Error('database down');
    });
    expect(await points(METRIC_NAMES.clusters)).toEqual([]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('clusters not counted: database down'),
    );
  });

  it('counts a shift the reconciler sees once, by shift type, and records its lag', async () => {
    const { metrics, points } = setUp(async () => []);
    const facts = {
      clusterArn: ARN,
      awayZoneIds: ['use1-az1'],
      applied: { shiftType: 'ZONAL_AUTOSHIFT', startedAt: T0 },
      state: 'pending',
      nodePools: 2,
      startedAt: T0 + 1_000,
      finishedAt: T0 + 2_000,
    };
    metrics.passFinished(facts);
    metrics.passFinished({
      ...facts,
      state: 'converged',
      finishedAt: T0 + 8_000,
    });
    metrics.passFinished({
      ...facts,
      state: 'converged',
      finishedAt: T0 + 9_000,
    });
    expect(await points(METRIC_NAMES.shiftsObserved)).toEqual([
      { attributes: { shift_type: 'autoshift' }, value: 1 },
    ]);
    expect(await points(METRIC_NAMES.reconcileLag)).toEqual([
      {
        attributes: { shift_type: 'autoshift' },
        value: 8,
        count: 1,
        sum: 8,
      },
    ]);
    // The shift ends; the same zone shifted again is a new shift.
    metrics.passFinished({ ...facts, awayZoneIds: [], state: 'converged' });
    metrics.passFinished({ ...facts, state: 'converged' });
    expect(await points(METRIC_NAMES.shiftsObserved)).toEqual([
      { attributes: { shift_type: 'autoshift' }, value: 2 },
    ]);
  });

  it('refresh reads: duration in seconds by source and outcome, failures by source', async () => {
    const { metrics, point } = setUp(async () => []);
    metrics.sourceRead('inventory:aws-config', true, 1_500);
    metrics.sourceRead('arc', false, 250);
    metrics.sourceRead('arc', false, 750);
    expect(
      await point(METRIC_NAMES.refreshDuration, {
        source: 'inventory:aws-config',
        outcome: 'success',
      }),
    ).toMatchObject({ count: 1, sum: 1.5 });
    expect(
      await point(METRIC_NAMES.refreshDuration, {
        source: 'arc',
        outcome: 'failure',
      }),
    ).toMatchObject({ count: 2, sum: 1 });
    expect(
      await point(METRIC_NAMES.refreshFailures, { source: 'arc' }),
    ).toMatchObject({ value: 2 });
    expect(
      await point(METRIC_NAMES.refreshFailures, {
        source: 'inventory:aws-config',
      }),
    ).toBeUndefined();
  });
});
