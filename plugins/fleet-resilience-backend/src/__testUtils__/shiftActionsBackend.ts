/**
 * The set-up the shift action tests share: the real plugin in a test
 * backend on one test database, the real ARC client against the simulator
 * serving examples/fleets/demo.yaml over HTTP, refreshed once. Signals and
 * notifications are captured by service mocks; permissions by a test policy
 * (see {@link testPolicy}) answered as the permission backend answers it,
 * conditions included. The ARC client's mutating calls are spied on in each
 * test.
 */
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  type TestBackend,
  type TestDatabaseId,
  type TestDatabases,
} from '@backstage/backend-test-utils';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  AuthorizeResult,
  isResourcePermission,
  type Permission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import {
  accessKeyIdFor,
  SIMULATOR_SECRET_ACCESS_KEY,
  startSimulator,
  type RunningSimulator,
} from '@fleet-resilience/fleet-simulator';
import {
  fleetClusterPath,
  fleetResilienceClusterReadPermission,
  RESOURCE_TYPE_FLEET_RESILIENCE_CLUSTER,
  type AuditEventsResponse,
  type FleetClusterDetail,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import {
  ArcZonalShiftClient,
  createFleetResilienceClusterConditionalDecision,
  fleetResilienceClusterConditions as conditions,
  type ZonalShiftSummary,
} from '@fleet-resilience/plugin-fleet-resilience-node';
import request from 'supertest';
import {
  API,
  clusterArnOf,
  DEMO_FLEET,
  refresh,
  simulatorConfig,
} from './fleetBackend';
import { policyPermissions } from './policyPermissions';
import { fleetResiliencePlugin } from '../plugin';

export const PROD = '111122223333';
export const SHARED = '444455556666';
export const PAYMENTS_USE1 = clusterArnOf(
  PROD,
  'us-east-1',
  'payments-prod-use1',
);
export const PLATFORM_TOOLS_USE1 = clusterArnOf(
  PROD,
  'us-east-1',
  'platform-tools-use1',
);
export const SEARCH_USE1 = clusterArnOf(
  SHARED,
  'us-east-1',
  'search-prod-use1',
);
export const SEARCH_INDEXER_USE1 = clusterArnOf(
  PROD,
  'us-east-1',
  'search-indexer-use1',
);
export const CHECKOUT_USE1 = clusterArnOf(
  SHARED,
  'us-east-1',
  'checkout-canary-use1',
);
export const IDENTITY_EUW1 = clusterArnOf(
  PROD,
  'eu-west-1',
  'identity-prod-euw1',
);
export const MALLORY = 'user:default/mallory';
export const NOBODY = 'user:default/nobody';
export const OTHER = 'user:default/other';
/** A payments developer: see {@link testPolicy}. */
export const DANA = 'user:default/dana';
export const PAYMENTS_TEAM = 'group:default/payments-team';

/**
 * Nobody may do nothing; Mallory may read every cluster and shift none;
 * Dana may read the clusters her team owns and every cluster of the prod
 * account, and shift (start, update, cancel) only her team's; everyone else
 * may do everything.
 */
export function testPolicy(
  user: string | undefined,
  permission: Permission,
): PolicyDecision {
  const read = permission.name === fleetResilienceClusterReadPermission.name;
  if (user === NOBODY || (user === MALLORY && !read)) {
    return { result: AuthorizeResult.DENY };
  }
  if (
    user === DANA &&
    isResourcePermission(permission, RESOURCE_TYPE_FLEET_RESILIENCE_CLUSTER)
  ) {
    const owned = conditions.isClusterOwner({ claims: [DANA, PAYMENTS_TEAM] });
    return createFleetResilienceClusterConditionalDecision(
      permission,
      read
        ? { anyOf: [owned, conditions.isInAccount({ accountIds: [PROD] })] }
        : owned,
    );
  }
  return { result: AuthorizeResult.ALLOW };
}

export const shiftsPath = (clusterArn: string) =>
  `${API}${fleetClusterPath(clusterArn)}/shifts`;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `over` merged into `base`, objects deeply. */
function merged(base: object, over: Record<string, unknown>): object {
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    result[key] =
      isObject(value) && isObject(result[key])
        ? merged(result[key] as object, value)
        : value;
  }
  return result;
}

/**
 * The real plugin in a test backend on `knex`, against the simulator, with
 * the mock policy above; `fleetResilience` is merged into the simulator's
 * config of that key (e.g. `actions`, `aws`).
 */
export async function startShiftActionsBackend(
  sim: RunningSimulator,
  knex: unknown,
  fleetResilience: Record<string, unknown> = {},
) {
  const signals = { publish: jest.fn(async (_signal: any) => {}) };
  const notifications = { send: jest.fn(async (_notification: any) => {}) };
  const started: { backend?: TestBackend } = {};
  const permissions = policyPermissions(testPolicy, () => started.backend!);
  const base = simulatorConfig(sim, { maxAttempts: 10 });
  const config = {
    ...base,
    fleetResilience: merged(base.fleetResilience, fleetResilience),
  };
  const backend = await startTestBackend({
    features: [
      fleetResiliencePlugin,
      mockServices.rootConfig.factory({ data: config as never }),
      mockServices.database.factory({ knex: knex as never }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      permissions,
      createServiceFactory({
        service: signalsServiceRef,
        deps: {},
        factory: () => signals,
      }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => notifications,
      }),
    ],
  });
  started.backend = backend;
  return { backend, signals, notifications };
}

export function arcClient(
  sim: RunningSimulator,
  accountId: string,
  region: string,
) {
  return new ArcZonalShiftClient({
    region,
    endpoint: sim.url,
    credentials: {
      accessKeyId: accessKeyIdFor(accountId),
      secretAccessKey: SIMULATOR_SECRET_ACCESS_KEY,
    },
  });
}

/** ARC's own list of a cluster's shifts, straight from the simulator. */
export async function arcShifts(
  sim: RunningSimulator,
  clusterArn: string,
): Promise<ZonalShiftSummary[]> {
  const [, , , region, accountId] = clusterArn.split(':');
  const items: ZonalShiftSummary[] = [];
  for await (const page of arcClient(
    sim,
    accountId,
    region,
  ).paginateZonalShifts({
    resourceIdentifier: clusterArn,
  })) {
    items.push(...page.items);
  }
  return items;
}

export const activeIn = (shifts: ZonalShiftSummary[]) =>
  shifts.filter(s => s.status === 'ACTIVE');

/** What a test sees; the fields are set before each test runs. */
export interface ShiftActionsFixture {
  sim: RunningSimulator;
  backend: TestBackend;
  signals: { publish: jest.Mock };
  notifications: { send: jest.Mock };
  startCalls: jest.SpyInstance;
  updateCalls: jest.SpyInstance;
  cancelCalls: jest.SpyInstance;
  http: () => ReturnType<typeof request>;
  /** The header that authenticates as `user`. */
  as: (user: string) => { Authorization: string };
  /** `GET /clusters/:clusterArn`, expected to answer 200. */
  detail: (clusterArn: string) => Promise<FleetClusterDetail>;
  /** `GET /audit?<query>`, expected to answer 200. */
  audit: (query: string) => Promise<AuditEventsResponse>;
}

/**
 * Registers the hooks of a `describe` block on one test database: the
 * simulator and the backend before all its tests, fresh spies and mocks and
 * no faults around each, both stopped after.
 */
export function setUpShiftActions(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
): ShiftActionsFixture {
  const fixture = {
    http: () => request(fixture.backend.server),
    as: (user: string) => ({
      Authorization: mockCredentials.user.header(user),
    }),
    detail: async (clusterArn: string) =>
      (
        await fixture
          .http()
          .get(`${API}${fleetClusterPath(clusterArn)}`)
          .expect(200)
      ).body as FleetClusterDetail,
    audit: async (query: string) =>
      (await fixture.http().get(`${API}/audit?${query}`).expect(200))
        .body as AuditEventsResponse,
  } as ShiftActionsFixture;

  beforeAll(async () => {
    fixture.sim = await startSimulator({ fleet: DEMO_FLEET, port: 0 });
    const started = await startShiftActionsBackend(
      fixture.sim,
      await databases.init(databaseId),
    );
    Object.assign(fixture, started);
    await refresh(fixture.backend);
  });

  beforeEach(() => {
    const client = ArcZonalShiftClient.prototype;
    fixture.startCalls = jest.spyOn(client, 'startZonalShift');
    fixture.updateCalls = jest.spyOn(client, 'updateZonalShift');
    fixture.cancelCalls = jest.spyOn(client, 'cancelZonalShift');
    fixture.signals.publish.mockClear();
    fixture.notifications.send.mockClear();
  });

  afterEach(() => {
    jest.restoreAllMocks();
    fixture.sim.setFaults({ seed: 1, services: {} });
  });

  afterAll(async () => {
    await fixture.backend?.stop();
    await fixture.sim?.stop();
  });

  return fixture;
}
