/**
 * The impact of a shift end to end: `GET .../shift-impact` on the real
 * router, the fleet dry run, and the cluster's documents right after the
 * portal starts a shift, against the simulator serving
 * examples/fleets/demo.yaml, on every test database engine. They must all
 * say the same, before and after the Kubernetes read sees EKS's cordon.
 */
import {
  mockCredentials,
  TestDatabases,
  type TestBackend,
} from '@backstage/backend-test-utils';
import {
  startSimulator,
  type RunningSimulator,
} from '@fleet-resilience/fleet-simulator';
import {
  fleetClusterPath,
  type FleetClusterDetail,
  type FleetListResponse,
  type FleetShiftResponse,
  type ShiftActionResponse,
  type ShiftImpact,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import request from 'supertest';
import {
  API,
  clusterArnOf,
  DEMO_FLEET,
  refresh,
  simulatorConfig,
  startFleetBackend,
} from '../__testUtils__/fleetBackend';

jest.setTimeout(180_000);

const PROD = '111122223333';
const SHARED = '444455556666';
const arn = clusterArnOf;
const PAYMENTS_USE1 = arn(PROD, 'us-east-1', 'payments-prod-use1');
const SEARCH_USE1 = arn(SHARED, 'us-east-1', 'search-prod-use1');
const SEARCH_STAGING_USW2 = arn(SHARED, 'us-west-2', 'search-staging-usw2');
const NOBODY = 'user:default/nobody';

/*
 * payments-prod-use1 (demoFleet.test.ts has the arithmetic): 11760m per AZ
 * in 3 AZs, 12900m requested. Shifting away from one AZ leaves 23520m
 * (182%): enough. While shifted, losing a second AZ leaves 11760m (91%):
 * N-1 is at risk for as long as the shift lasts.
 */
const PAYMENTS_AWAY_FROM_AZ1 =
  'Shifting away from us-east-1a (use1-az1) leaves 182% of the CPU and 331% of the memory your pods request: enough to run everything.';

const databases = TestDatabases.create();

describe.each(databases.eachSupportedId())('shift impact on %p', databaseId => {
  let sim: RunningSimulator;
  let backend: TestBackend;

  const http = () => request(backend.server);
  const impactPath = (clusterArn: string) =>
    `${API}${fleetClusterPath(clusterArn)}/shift-impact`;
  const impact = async (clusterArn: string, awayFrom: string) =>
    (await http().get(impactPath(clusterArn)).query({ awayFrom }).expect(200))
      .body as ShiftImpact;
  const detail = async (clusterArn: string) =>
    (
      await http()
        .get(`${API}${fleetClusterPath(clusterArn)}`)
        .expect(200)
    ).body as FleetClusterDetail;
  const names = async (query: string) =>
    (
      (await http().get(`${API}/clusters?${query}&limit=500`).expect(200))
        .body as FleetListResponse
    ).items.map(c => c.ref.name);

  beforeAll(async () => {
    sim = await startSimulator({ fleet: DEMO_FLEET, port: 0 });
    // Everyone may read and shift, except NOBODY, who may do nothing.
    backend = await startFleetBackend({
      config: simulatorConfig(sim, { maxAttempts: 10 }),
      knex: (await databases.init(databaseId)) as never,
      denyUsers: [NOBODY],
    });
    await refresh(backend);
  });

  afterAll(async () => {
    await backend?.stop();
    await sim?.stop();
  });

  it('computes the impact of a shift from the stored snapshot and NodePools', async () => {
    const payments = await impact(PAYMENTS_USE1, 'use1-az1');
    expect(payments).toMatchObject({
      awayFrom: { name: 'us-east-1a', id: 'use1-az1' },
      verdict: 'survives',
      reason: PAYMENTS_AWAY_FROM_AZ1,
      zoneLoss: {
        cpu: { remaining: 23_520, requested: 12_900 },
        survives: true,
      },
      afterShift: { verdict: 'at-risk' },
      blockedNodePools: [],
    });
    expect(payments.afterShift?.reason).toMatch(
      /^N-1 while traffic is shifted away from us-east-1a \(use1-az1\): computed with that AZ counted as lost/,
    );
    // The AZ by name: the same answer.
    expect(await impact(PAYMENTS_USE1, 'us-east-1a')).toEqual(payments);

    // Account 444455556666 calls use1-az1 us-east-1c.
    expect(await impact(SEARCH_USE1, 'use1-az1')).toMatchObject({
      awayFrom: { name: 'us-east-1c', id: 'use1-az1' },
      verdict: 'at-risk',
      reason:
        'Shifting away from us-east-1c (use1-az1) leaves 85% of the CPU your pods request: not enough CPU.',
    });

    // Every node and the only NodePool are in us-west-2a.
    expect(await impact(SEARCH_STAGING_USW2, 'us-west-2a')).toMatchObject({
      awayFrom: { name: 'us-west-2a', id: 'usw2-az2' },
      verdict: 'at-risk',
      reason:
        'Every schedulable node is in us-west-2a (usw2-az2): shifting away from it leaves no capacity for your pods.',
      blockedNodePools: ['default'],
    });
    expect(
      (await impact(SEARCH_STAGING_USW2, 'us-west-2b')).blockedNodePools,
    ).toEqual([]);
  });

  it('refuses bad input with a 400 naming it, an unknown cluster with 404, and a reader without permission with 403', async () => {
    const cases: Array<[string, () => request.Test, number, RegExp]> = [
      [
        'no awayFrom',
        () => http().get(impactPath(PAYMENTS_USE1)),
        400,
        /^Query parameter awayFrom is required/,
      ],
      [
        'empty awayFrom',
        () => http().get(impactPath(PAYMENTS_USE1)).query({ awayFrom: '' }),
        400,
        /^Query parameter awayFrom is required/,
      ],
      [
        'foreign AZ',
        () =>
          http().get(impactPath(PAYMENTS_USE1)).query({ awayFrom: 'use1-az6' }),
        400,
        /^Invalid awayFrom "use1-az6": not an AZ of payments-prod-use1; choose one of use1-az1 \(us-east-1a\), use1-az2 \(us-east-1b\), use1-az4 \(us-east-1c\)$/,
      ],
      [
        'twice',
        () =>
          http().get(
            `${impactPath(PAYMENTS_USE1)}?awayFrom=use1-az1&awayFrom=use1-az2`,
          ),
        400,
        /awayFrom must be given once/,
      ],
      [
        'unknown parameter',
        () =>
          http()
            .get(impactPath(PAYMENTS_USE1))
            .query({ awayFrom: 'use1-az1', force: 'yes' }),
        400,
        /Unknown query parameter "force"/,
      ],
      [
        'bad ARN',
        () =>
          http()
            .get(
              `${API}/clusters/${encodeURIComponent(
                'arn:aws:s3:::bucket',
              )}/shift-impact`,
            )
            .query({ awayFrom: 'use1-az1' }),
        400,
        /Invalid cluster ARN/,
      ],
      [
        'unknown cluster',
        () =>
          http()
            .get(impactPath(arn(PROD, 'us-east-1', 'nope')))
            .query({ awayFrom: 'use1-az1' }),
        404,
        /No cluster arn:aws:eks:us-east-1:111122223333:cluster\/nope in the fleet/,
      ],
      [
        'no permission',
        () =>
          http()
            .get(impactPath(PAYMENTS_USE1))
            .query({ awayFrom: 'use1-az1' })
            .set('Authorization', mockCredentials.user.header(NOBODY)),
        403,
        /Not allowed to read the fleet/,
      ],
    ];
    for (const [name, send, status, message] of cases) {
      const response = await send();
      expect({ name, status: response.status }).toEqual({ name, status });
      expect(response.body.error.message).toMatch(message);
    }
  });

  it('gives the fleet dry run the verdict and reason of the confirm step', async () => {
    const dry = (
      await http()
        .post(`${API}/fleet-shifts`)
        .send({
          awayFrom: 'use1-az1',
          expiresIn: '1h',
          comment: 'dry',
          dryRun: true,
        })
        .expect(200)
    ).body as FleetShiftResponse;
    expect(dry.items.length).toBeGreaterThanOrEqual(3);
    for (const item of dry.items) {
      const confirm = await impact(item.cluster.arn, 'use1-az1');
      expect({
        cluster: item.cluster.name,
        verdict: item.verdict,
        reason: item.verdictReason,
      }).toEqual({
        cluster: item.cluster.name,
        verdict: confirm.verdict,
        reason: confirm.reason,
      });
    }
    const payments = dry.items.find(i => i.cluster.arn === PAYMENTS_USE1)!;
    expect(payments.verdictReason).toBe(PAYMENTS_AWAY_FROM_AZ1);
  });

  it('shows the after-shift N-1 on the card the moment the portal starts a shift, and the same after the cordon is read', async () => {
    const beforeShift = await detail(PAYMENTS_USE1);
    expect(beforeShift.summary.survivability.verdict).toBe('survives');
    expect(beforeShift.shiftImpact).toBeUndefined();
    const confirm = await impact(PAYMENTS_USE1, 'use1-az1');

    const started = (
      await http()
        .post(`${API}${fleetClusterPath(PAYMENTS_USE1)}/shifts`)
        .send({ awayFrom: 'use1-az1', expiresIn: '1h', comment: 'impact test' })
        .expect(201)
    ).body as ShiftActionResponse;

    // No refresh in between: what the actions layer stored is enough.
    const atOnce = await detail(PAYMENTS_USE1);
    expect(atOnce.summary.shiftState).toBe('zonal-shift');
    expect(atOnce.summary.survivability).toEqual({
      verdict: 'at-risk',
      reason: confirm.afterShift!.reason,
      bindingZone: confirm.afterShift!.bindingZone!.zone,
    });
    expect(atOnce.shiftImpact).toEqual(confirm);
    // The node reading has not seen the cordon yet.
    expect(
      atOnce.capacity?.zones.every(z => z.schedulableNodeCount === 3),
    ).toBe(true);
    expect(await names('verdict=at-risk')).toContain('payments-prod-use1');
    expect(await names('verdict=survives')).not.toContain('payments-prod-use1');
    const list = (
      (await http().get(`${API}/clusters?zone=use1-az1&limit=500`).expect(200))
        .body as FleetListResponse
    ).items.find(c => c.ref.arn === PAYMENTS_USE1)!;
    expect(list.survivability).toEqual(atOnce.summary.survivability);

    await refresh(backend);
    const cordonRead = await detail(PAYMENTS_USE1);
    expect(
      cordonRead.capacity?.zones.map(z => [z.zone.id, z.schedulableNodeCount]),
    ).toEqual([
      ['use1-az1', 0],
      ['use1-az2', 3],
      ['use1-az4', 3],
    ]);
    expect(cordonRead.summary.survivability).toEqual(
      atOnce.summary.survivability,
    );
    expect(cordonRead.shiftImpact).toEqual(atOnce.shiftImpact);

    await http()
      .delete(
        `${API}${fleetClusterPath(PAYMENTS_USE1)}/shifts/${
          started.shift.zonalShiftId
        }`,
      )
      .expect(200);
    const canceled = await detail(PAYMENTS_USE1);
    expect(canceled.summary.shiftState).not.toBe('zonal-shift');
    expect(canceled.shiftImpact).toBeUndefined();
    await refresh(backend);
    expect((await detail(PAYMENTS_USE1)).summary.survivability).toEqual(
      beforeShift.summary.survivability,
    );
  });
});
