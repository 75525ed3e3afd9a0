/**
 * The read routes with a per-cluster read permission: the router and the
 * reconcile routes on real stores (both databases), the real
 * ClusterAuthorizer and the registered rules' transformer, and a permission
 * service that answers ALLOW to the admin, a CONDITIONAL decision (owner
 * payments) to the developer and DENY to an outsider.
 */
import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  fleetResilienceClusterReadPermission,
  type ActiveShiftsResponse,
  type ReconcileStatusResponse,
  type RefreshStatusResponse,
  type ShiftHistoryResponse,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import {
  createFleetResilienceClusterConditionalDecision,
  fleetResilienceClusterConditions as is,
} from '@fleet-resilience/plugin-fleet-resilience-node';
import express from 'express';
import request from 'supertest';
import {
  ReconcileStore,
  type ReconcileRecord,
} from '../database/ReconcileStore';
import { registeredTransformer } from '../database/__testUtils__/clusterAccessFixtures';
import {
  ACCOUNT_A,
  ACCOUNT_B,
  inventory,
  openStores,
  ref,
  shift,
  T0,
} from '../database/__testUtils__/storeFixtures';
import { ClusterAuthorizer } from '../permissions/ClusterAuthorizer';
import { createReconcileRoutes } from './reconcileRoutes';
import { createRouter } from './router';

jest.setTimeout(60_000);

const databases = TestDatabases.create();

const ADMIN = 'user:default/admin';
const DEVELOPER = 'user:default/dev';
const OUTSIDER = 'user:default/outsider';

const PAY_1 = ref('pay-1');
const PAY_2 = ref('pay-2', ACCOUNT_B);
const SEARCH = ref('search-1');
const UNKNOWN = ref('nowhere');

/** The readers' answers, by user; the developer's depends on ownership. */
const permissions = mockServices.permissions.mock({
  authorizeConditional: async (requests, options) => {
    const user = (options.credentials.principal as { userEntityRef?: string })
      .userEntityRef;
    return requests.map(({ permission }) => {
      if (user === ADMIN) {
        return { result: AuthorizeResult.ALLOW };
      }
      if (user === DEVELOPER) {
        return createFleetResilienceClusterConditionalDecision(
          permission as typeof fleetResilienceClusterReadPermission,
          is.isClusterOwner({ claims: [DEVELOPER, 'group:default/payments'] }),
        );
      }
      return { result: AuthorizeResult.DENY };
    }) as never;
  },
});

function reconcileRecord(clusterRef: typeof PAY_1): ReconcileRecord {
  return {
    cluster: clusterRef,
    mode: 'keep-nodes',
    awayZoneIds: [],
    state: 'converged',
    nodePools: [],
    markedNodeCount: 0,
    markedNodes: [],
    failures: 0,
  };
}

describe.each(databases.eachSupportedId())('read routes on %p', databaseId => {
  let server: express.Express;

  beforeAll(async () => {
    const { knex, stores } = await openStores(databases, databaseId);
    await stores.inventory.applyInventory(
      'aws-config',
      [
        inventory(PAY_1, { owner: 'payments' }),
        inventory(PAY_2, { owner: 'group:default/Payments' }),
        inventory(SEARCH, { owner: 'search' }),
      ],
      T0,
    );
    for (const [accountId, shifts] of [
      [
        ACCOUNT_A,
        [
          shift(PAY_1, { zonalShiftId: 'shift-pay' }),
          shift(SEARCH, { zonalShiftId: 'shift-search' }),
        ],
      ],
      [ACCOUNT_B, []],
    ] as const) {
      await stores.arc.applyArcRegion(
        {
          accountId,
          region: 'us-east-1',
          resources: [],
          shifts: [...shifts],
          autoshifts: [],
          clusterShiftStates: [],
        },
        T0,
      );
    }
    const reconcileStore = new ReconcileStore(knex);
    await reconcileStore.put(reconcileRecord(PAY_1), T0);
    await reconcileStore.put(reconcileRecord(SEARCH), T0);
    const clusterAuthorizer = new ClusterAuthorizer({
      permissions,
      transform: registeredTransformer(knex),
    });
    const httpAuth = mockServices.httpAuth();
    server = express().use(
      await createRouter({
        stores,
        httpAuth,
        permissions,
        clusterAuthorizer,
        logger: mockServices.logger.mock(),
        triggerRefresh: async () => true,
        // While the stored shifts are active (they expire at 09:00).
        now: () => new Date('2026-11-22T08:30:00.000Z'),
        reconcileRoutes: createReconcileRoutes({
          store: reconcileStore,
          fleetStore: stores.clusters,
          modeSettings: { mode: 'keep-nodes', overrides: new Map() },
          httpAuth,
          clusterAuthorizer,
        }),
      }),
    );
  });

  const get = (user: string, path: string) =>
    request(server)
      .get(path)
      .set('Authorization', mockCredentials.user.header(user));
  const names = (items: Array<{ cluster?: { name: string } }>) =>
    items.map(item => item.cluster?.name);

  it('lists only the developer’s clusters, with their total, page by page', async () => {
    const all = await get(DEVELOPER, '/clusters').expect(200);
    expect(all.body.totalCount).toBe(2);
    expect(all.body.items.map((c: any) => c.ref.name)).toEqual([
      'pay-1',
      'pay-2',
    ]);
    const second = await get(DEVELOPER, '/clusters?limit=1&offset=1').expect(
      200,
    );
    expect(second.body.totalCount).toBe(2);
    expect(second.body.items.map((c: any) => c.ref.name)).toEqual(['pay-2']);
    expect(second.body.paging).toEqual({ limit: 1, offset: 1 });
    const admin = await get(ADMIN, '/clusters').expect(200);
    expect(admin.body.totalCount).toBe(3);
  });

  it('answers 404 for a foreign cluster exactly as for an unknown one', async () => {
    const paths = (arn: string) => [
      `/clusters/${encodeURIComponent(arn)}`,
      `/clusters/${encodeURIComponent(arn)}/shift-impact?awayFrom=use1-az1`,
      `/clusters/${encodeURIComponent(arn)}/reconcile`,
    ];
    const normalized = (body: unknown, arn: string) =>
      JSON.parse(
        JSON.stringify(body)
          .split(encodeURIComponent(arn))
          .join('<arn>')
          .split(arn)
          .join('<arn>'),
      );
    const foreign = paths(SEARCH.arn);
    const unknown = paths(UNKNOWN.arn);
    for (const [i, path] of foreign.entries()) {
      const refused = await get(DEVELOPER, path).expect(404);
      const missing = await get(DEVELOPER, unknown[i]).expect(404);
      expect(normalized(refused.body, SEARCH.arn)).toEqual(
        normalized(missing.body, UNKNOWN.arn),
      );
      expect(refused.body.error.message).toBe(
        `No cluster ${SEARCH.arn} in the fleet`,
      );
      // The admin reads it; the developer its own.
      await get(ADMIN, path).expect(200);
      await get(DEVELOPER, paths(PAY_1.arn)[i]).expect(200);
    }
    // Known, not reconciled yet, readable: the pending status, not a 404.
    const pending = await get(
      DEVELOPER,
      `/clusters/${encodeURIComponent(PAY_2.arn)}/reconcile`,
    ).expect(200);
    expect(pending.body.state).toBe('pending');
  });

  it('filters the shift history, the active shifts and the reconcile list', async () => {
    const shifts = async (user: string) => {
      const body: ShiftHistoryResponse = (
        await get(user, '/shifts').expect(200)
      ).body;
      return [body.items.map(s => s.zonalShiftId), body.totalCount];
    };
    expect(await shifts(DEVELOPER)).toEqual([['shift-pay'], 1]);
    expect(await shifts(ADMIN)).toEqual([['shift-pay', 'shift-search'], 2]);

    const active = async (user: string) => {
      const body: ActiveShiftsResponse = (
        await get(user, '/active-shifts').expect(200)
      ).body;
      return [names(body.items).sort(), body.totalCount];
    };
    expect(await active(DEVELOPER)).toEqual([['pay-1'], 1]);
    expect(await active(ADMIN)).toEqual([['pay-1', 'search-1'], 2]);

    const reconcile = async (user: string) =>
      names(
        (
          (await get(user, '/reconcile').expect(200))
            .body as ReconcileStatusResponse
        ).items,
      );
    expect(await reconcile(DEVELOPER)).toEqual(['pay-1']);
    expect(await reconcile(ADMIN)).toEqual(['pay-1', 'search-1']);
  });

  it('counts only the readable clusters in the refresh status', async () => {
    const counts = async (user: string) =>
      (
        (await get(user, '/refresh-status').expect(200))
          .body as RefreshStatusResponse
      ).clusters.total;
    expect(await counts(DEVELOPER)).toBe(2);
    expect(await counts(ADMIN)).toBe(3);
  });

  it('answers 403 naming the permission to a caller it denies, on every read route', async () => {
    for (const path of [
      '/clusters',
      `/clusters/${encodeURIComponent(PAY_1.arn)}`,
      `/clusters/${encodeURIComponent(
        PAY_1.arn,
      )}/shift-impact?awayFrom=use1-az1`,
      `/clusters/${encodeURIComponent(UNKNOWN.arn)}/reconcile`,
      '/shifts',
      '/active-shifts',
      '/refresh-status',
      '/reconcile',
      '/inventory',
      '/readiness-summary',
      // Decided before the query is parsed: a bad filter is still a 403.
      '/readiness-summary?check=nope',
    ]) {
      const response = await get(OUTSIDER, path);
      expect({ path, status: response.status }).toEqual({ path, status: 403 });
      expect(response.body.error.message).toContain(
        fleetResilienceClusterReadPermission.name,
      );
    }
  });

  it('serves the inventory of the readable clusters only', async () => {
    const developer = await get(DEVELOPER, '/inventory').expect(200);
    expect(developer.body.totalCount).toBe(2);
    expect(developer.body.items.map((c: any) => c.ref.name)).toEqual([
      'pay-1',
      'pay-2',
    ]);
    expect((await get(ADMIN, '/inventory').expect(200)).body.totalCount).toBe(
      3,
    );
  });
});
