/**
 * The backend's metrics, recorded by the real code against the simulator over
 * HTTP (real AWS and Kubernetes clients) on each test database, and read as an
 * exporter would (the OpenTelemetry SDK's MeterProvider and a reader):
 * refresh reads and runs (and ARC failing through the simulator's faults),
 * the cluster gauge read from the store, shift actions, the shifts the
 * reconciler sees, its lag, and a NodePool patch the cluster's RBAC forbids.
 */
import { resolve as resolvePath } from 'node:path';
import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  createWallClock,
  startSimulator,
  type RunningSimulator,
} from '@fleet-resilience/fleet-simulator';
import {
  AwsArcStateReader,
  AwsClientFactory,
  AwsConfigInventorySource,
  AwsEksClusterDescriber,
  AwsResilienceHubReader,
  KubernetesApiClusterReader,
} from '@fleet-resilience/plugin-fleet-resilience-node';
import type { Knex } from 'knex';
import { simulatorConfig } from '../__testUtils__/fleetBackend';
import { shiftActionsOn } from '../actions/__testUtils__/shiftActionsOn';
import type { ShiftActions } from '../actions/ShiftActions';
import { readFleetResilienceConfig } from '../config/fleetConfig';
import { createFleetStores, type FleetStores } from '../database';
import { ALL_CLUSTERS } from '../database/clusterAccessSql';
import { countClustersByState } from '../database/clusterCounts';
import { migrateDatabase } from '../database/migrations';
import { ReconcileStore } from '../database/ReconcileStore';
import type { ReconcileRecord } from '../database/ReconcileStore';
import { FleetRefresher } from '../ingestion/FleetRefresher';
import { collectedMetrics } from '../metrics/__testUtils__/collectedMetrics';
import { createFleetMetrics, METRIC_NAMES } from '../metrics/fleetMetrics';
import {
  control,
  eventually,
} from '../reconciler/__testUtils__/reconcilerBackend';
import { RECONCILE_TASK_ID } from '../reconciler/scheduleReconciler';
import { setUpReconciler } from '../reconciler/setUpReconciler';
import {
  parseFleetShiftInput,
  startShiftInput,
} from '../service/parseActionInput';

jest.setTimeout(180_000);

const DEMO_FLEET = resolvePath(
  __dirname,
  '../../../../examples/fleets/demo.yaml',
);
const PAYMENTS_USE1 =
  'arn:aws:eks:us-east-1:111122223333:cluster/payments-prod-use1';
const ALICE = {
  credentials: mockCredentials.user('user:default/alice'),
  channel: 'portal' as const,
};
const BOT = {
  credentials: mockCredentials.service('incident-bot'),
  channel: 'api' as const,
};

const databases = TestDatabases.create();

describe.each(databases.eachSupportedId())('metrics on %s', databaseId => {
  let sim: RunningSimulator;
  let stopClock: () => void;
  let knex: Knex;
  let stores: FleetStores;
  let refresher: FleetRefresher;
  let metrics: ReturnType<typeof collectedMetrics>;
  let fleetMetrics: ReturnType<typeof createFleetMetrics>;
  const logger = mockServices.logger.mock();
  const scheduler = mockServices.scheduler();
  let holding: Promise<void>;
  let reconcileStore: ReconcileStore;
  let actions: ShiftActions;

  /** ARC's account/regions of the fleet: one ARC read each per refresh. */
  async function arcScopes(): Promise<number> {
    const clusters = await stores.clusters.listAllClusters();
    return new Set(clusters.map(c => `${c.ref.accountId}/${c.ref.region}`))
      .size;
  }

  beforeAll(async () => {
    // ARC's start times follow real time, as the reconcile lag needs.
    const wall = createWallClock(50);
    stopClock = wall.stop;
    sim = await startSimulator({
      fleet: DEMO_FLEET,
      port: 0,
      clock: wall.clock,
    });
    const base = simulatorConfig(sim, { maxAttempts: 1 });
    const config = new ConfigReader({
      ...base,
      fleetResilience: {
        ...base.fleetResilience,
        reconciler: {
          pollInterval: { milliseconds: 500 },
          lease: { seconds: 60 },
          clusterTimeout: { seconds: 5 },
          inventoryRefresh: { seconds: 1 },
          kickCheckInterval: { milliseconds: 50 },
        },
      },
    });
    knex = await migrateDatabase({
      getClient: async () => databases.init(databaseId),
    });
    const settings = readFleetResilienceConfig(config);
    const clients = AwsClientFactory.fromConfig(config);
    stores = createFleetStores(knex);
    metrics = collectedMetrics();
    fleetMetrics = createFleetMetrics({
      metrics: metrics.service,
      countClusters: () => countClustersByState(knex),
      logger,
    });
    refresher = new FleetRefresher({
      stores,
      logger,
      readers: {
        inventorySources: [
          AwsConfigInventorySource.fromConfig(config, { clients }),
        ],
        arc: new AwsArcStateReader({ clients }),
        resilienceHub: new AwsResilienceHubReader({ clients }),
        eks: new AwsEksClusterDescriber({ clients }),
        kubernetes: KubernetesApiClusterReader.fromConfig(config, { clients }),
      },
      settings: {
        tags: settings.tags,
        awsConcurrency: settings.awsConcurrency,
        kubernetesConcurrency: settings.kubernetes.concurrency,
        kubernetesTimeoutMs: settings.kubernetes.timeoutMs,
        eksRecheckMs: settings.eksRecheckMs,
      },
      metrics: fleetMetrics,
    });
    await refresher.refreshAws();
    await refresher.refreshKubernetes();

    reconcileStore = new ReconcileStore(knex);
    const wiring = await setUpReconciler({
      config,
      scheduler,
      logger,
      clients,
      store: reconcileStore,
      clusterQueries: stores.clusters,
      metrics: fleetMetrics,
    });
    holding = scheduler.triggerTask(RECONCILE_TASK_ID);
    actions = shiftActionsOn(knex, [], {
      clusters: stores.clusters,
      arc: target => clients.arc(target),
      onShiftChanged: wiring.kick,
      metrics: fleetMetrics,
    });
  });

  afterAll(async () => {
    await scheduler.cancelTask(RECONCILE_TASK_ID).catch(() => undefined);
    await holding;
    await metrics?.shutdown();
    await sim?.stop();
    stopClock?.();
  });

  /** Waits for the reconciler's pass of PAYMENTS_USE1 to match. */
  function reconciled(matches: (record: ReconcileRecord) => boolean) {
    return eventually(
      async () => {
        const record = await reconcileStore.get(PAYMENTS_USE1);
        return record && matches(record) ? record : undefined;
      },
      20_000,
      'the reconcile status of payments-prod-use1',
    );
  }

  const shiftActionsOf = (
    outcome: string,
    principal = 'user',
    channel = 'portal',
  ) =>
    metrics.point(METRIC_NAMES.shiftActions, {
      action: 'shift.start',
      scope: 'cluster',
      channel,
      principal,
      outcome,
    });

  it('times each read of each source and each run', async () => {
    const scopes = await arcScopes();
    const targets = await stores.kubernetes.listKubernetesTargets();
    expect(scopes).toBeGreaterThan(1);
    const duration = (source: string, outcome: string) =>
      metrics.point(METRIC_NAMES.refreshDuration, { source, outcome });
    expect(await duration('inventory:aws-config', 'success')).toMatchObject({
      count: 1,
    });
    expect(await duration('arc', 'success')).toMatchObject({ count: scopes });
    expect(await duration('resiliencehub', 'success')).toMatchObject({
      count: scopes,
    });
    expect(await duration('eks', 'success')).toMatchObject({ count: 1 });
    // Each cluster's Kubernetes API is one read, succeeded or failed.
    const kubernetes = [
      (await duration('kubernetes', 'success'))?.count ?? 0,
      (await duration('kubernetes', 'failure'))?.count ?? 0,
    ];
    expect(kubernetes[0] + kubernetes[1]).toBe(targets.length);
    expect(
      (
        await metrics.point(METRIC_NAMES.refreshFailures, {
          source: 'kubernetes',
        })
      )?.value ?? 0,
    ).toBe(kubernetes[1]);
    for (const run of ['aws', 'kubernetes']) {
      const point = await metrics.point(METRIC_NAMES.refreshRunDuration, {
        run,
        outcome: 'success',
      });
      expect(point).toMatchObject({ count: 1 });
      expect(point!.sum).toBeGreaterThan(0);
      expect(point!.sum).toBeLessThan(60);
    }
  });

  it('counts the ARC reads that fail, per source', async () => {
    const scopes = await arcScopes();
    expect(
      await metrics.point(METRIC_NAMES.refreshFailures, { source: 'arc' }),
    ).toBeUndefined();
    sim.setFaults({
      seed: 1,
      services: { 'arc-zonal-shift': { errorRate: 1 } },
    });
    try {
      await refresher.refreshAws();
    } finally {
      sim.setFaults({ seed: 1, services: {} });
    }
    expect(
      await metrics.point(METRIC_NAMES.refreshFailures, { source: 'arc' }),
    ).toMatchObject({ value: scopes });
    expect(
      await metrics.point(METRIC_NAMES.refreshDuration, {
        source: 'arc',
        outcome: 'failure',
      }),
    ).toMatchObject({ count: scopes });
    // The other sources still answered.
    expect(
      await metrics.point(METRIC_NAMES.refreshFailures, {
        source: 'resiliencehub',
      }),
    ).toBeUndefined();
  });

  it('reports the stored clusters by shift state and N-1 verdict', async () => {
    const clusters = await stores.clusters.listAllClusters();
    const expected = new Map<string, number>();
    for (const c of clusters) {
      const key = JSON.stringify([c.shiftState, c.verdict]);
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    const points = await metrics.points(METRIC_NAMES.clusters);
    expect(
      new Map(
        points.map(p => [
          JSON.stringify([p.attributes.shift_state, p.attributes.verdict]),
          p.value,
        ]),
      ),
    ).toEqual(expected);
    // More than one series: the demo fleet has clusters that survive and at risk.
    expect(points.map(p => p.attributes.verdict)).toEqual(
      expect.arrayContaining(['survives', 'at-risk']),
    );
  });

  it('a shift through the actions: counted by outcome, seen by the reconciler, its lag timed', async () => {
    await reconciled(r => r.state === 'converged');
    const before = await metrics.point(METRIC_NAMES.shiftsObserved, {
      shift_type: 'zonal-shift',
    });
    const started = Date.now();
    const { shift } = await actions.start(
      ALICE,
      PAYMENTS_USE1,
      startShiftInput({ awayFrom: 'use1-az2', expiresIn: '1h', comment: 'm' }),
    );
    await reconciled(
      r => r.awayZoneIds.includes('use1-az2') && r.state === 'converged',
    );
    const elapsed = (Date.now() - started) / 1000;
    expect(await shiftActionsOf('success')).toMatchObject({ value: 1 });
    // The cluster's new shift state is in the gauge at the next collection.
    expect(
      (await metrics.points(METRIC_NAMES.clusters))
        .filter(p => p.attributes.shift_state === 'zonal-shift')
        .reduce((sum, p) => sum + p.value, 0),
    ).toBe(1);
    expect(
      await metrics.point(METRIC_NAMES.shiftsObserved, {
        shift_type: 'zonal-shift',
      }),
    ).toMatchObject({ value: (before?.value ?? 0) + 1 });
    const lag = await metrics.point(METRIC_NAMES.reconcileLag, {
      shift_type: 'zonal-shift',
    });
    expect(lag).toMatchObject({ count: 1 });
    expect(lag!.sum).toBeGreaterThan(0);
    // From ARC's start time (at most a clock tick before the call) to converged.
    expect(lag!.sum).toBeLessThanOrEqual(elapsed + 0.2);

    // A refused start and a cancel are counted with their own outcome.
    await expect(
      actions.start(
        BOT,
        PAYMENTS_USE1,
        startShiftInput({
          awayFrom: 'use1-az9',
          expiresIn: '1h',
          comment: 'm',
        }),
      ),
    ).rejects.toMatchObject({ name: 'InputError' });
    expect(await shiftActionsOf('invalid', 'service', 'api')).toMatchObject({
      value: 1,
    });
    await actions.cancel(ALICE, PAYMENTS_USE1, shift.zonalShiftId);
    expect(
      await metrics.point(METRIC_NAMES.shiftActions, {
        action: 'shift.cancel',
        scope: 'cluster',
        channel: 'portal',
        principal: 'user',
        outcome: 'success',
      }),
    ).toMatchObject({ value: 1 });
    await reconciled(
      r => r.awayZoneIds.length === 0 && r.state === 'converged',
    );
  });

  it('counts a NodePool the cluster’s RBAC forbids patching, by reason', async () => {
    expect(await metrics.points(METRIC_NAMES.nodePoolPatchFailures)).toEqual(
      [],
    );
    await control(sim, 'PUT', 'kubernetes/forbidden', {
      clusterArn: PAYMENTS_USE1,
      rules: [{ verb: 'patch', resource: 'nodepools', group: 'karpenter.sh' }],
    });
    try {
      const { shift } = await actions.start(
        ALICE,
        PAYMENTS_USE1,
        startShiftInput({
          awayFrom: 'use1-az4',
          expiresIn: '1h',
          comment: 'm',
        }),
      );
      await reconciled(
        r => r.awayZoneIds.includes('use1-az4') && r.state === 'pending',
      );
      // One per pass that tried (failed passes are retried): at least one.
      const failures = await metrics.point(METRIC_NAMES.nodePoolPatchFailures, {
        reason: 'forbidden',
      });
      expect(failures?.value).toBeGreaterThanOrEqual(1);
      expect(await metrics.points(METRIC_NAMES.nodePoolPatchFailures)).toEqual([
        failures,
      ]);
      // Not converged: no lag for this shift.
      expect(
        await metrics.point(METRIC_NAMES.reconcileLag, {
          shift_type: 'zonal-shift',
        }),
      ).toMatchObject({ count: 1 });
      await control(sim, 'DELETE', 'kubernetes/forbidden');
      await actions.cancel(ALICE, PAYMENTS_USE1, shift.zonalShiftId);
      await reconciled(
        r => r.awayZoneIds.length === 0 && r.state === 'converged',
      );
    } finally {
      await control(sim, 'DELETE', 'kubernetes/forbidden');
    }
  });

  it('counts each cluster a fleet-wide shift starts; a dry run counts nothing', async () => {
    const fleet = (dryRun: boolean) =>
      actions.fleetShift(
        { ...ALICE, channel: 'mcp' },
        parseFleetShiftInput({
          awayFrom: 'use1-az1',
          expiresIn: '1h',
          comment: 'm',
          dryRun,
          clusters: [PAYMENTS_USE1],
        }),
        ALL_CLUSTERS,
      );
    const fleetStarts = () =>
      metrics.point(METRIC_NAMES.shiftActions, {
        action: 'shift.start',
        scope: 'fleet',
        channel: 'mcp',
        principal: 'user',
        outcome: 'success',
      });
    expect((await fleet(true)).items).toMatchObject([{ outcome: 'eligible' }]);
    expect(await fleetStarts()).toBeUndefined();
    const run = await fleet(false);
    expect(run.items).toMatchObject([{ outcome: 'started' }]);
    expect(await fleetStarts()).toMatchObject({ value: 1 });
    await actions.cancel(
      ALICE,
      PAYMENTS_USE1,
      run.items[0].shift!.zonalShiftId,
    );
    await reconciled(
      r => r.awayZoneIds.length === 0 && r.state === 'converged',
    );
  });
});
