/**
 * The module is what decides: Backstage's permission backend with this
 * module as its policy, asked over HTTP (`POST /api/permission/authorize`).
 * A stand-in `fleet-resilience` plugin registers the cluster resource with
 * the real rules and three clusters, so conditional answers are applied to
 * clusters by the permission framework, as in a portal.
 */
import {
  coreServices,
  createBackendPlugin,
  type PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  type TestBackend,
} from '@backstage/backend-test-utils';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import permissionBackend from '@backstage/plugin-permission-backend';
import {
  AuthorizeResult,
  type Permission,
} from '@backstage/plugin-permission-common';
import {
  fleetResilienceClusterReadPermission as read,
  fleetResiliencePermissions,
  fleetResilienceRefreshPermission as refresh,
  fleetResilienceShiftStartPermission as shiftStart,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import {
  fleetResilienceClusterPermissionResourceRef,
  fleetResilienceClusterPermissionRules,
  type FleetClusterResource,
} from '@fleet-resilience/plugin-fleet-resilience-node';
import { onBehalfOfAuthServices } from '@fleet-resilience/test-support/onBehalfOfAuth';
import fleetResiliencePolicy from './index';

const PAT = 'user:default/pat'; // platform-team: admin
const DANA = 'user:default/dana'; // payments-team
const CLAIMS: Record<string, string[]> = {
  [PAT]: [PAT, 'group:default/platform-team'],
  [DANA]: [DANA, 'group:default/payments-team'],
};

const cluster = (name: string, ownerRef?: string): FleetClusterResource => ({
  arn: `arn:aws:eks:us-east-1:111122223333:cluster/${name}`,
  accountId: '111122223333',
  region: 'us-east-1',
  ownerRef,
  tags: {},
});
const PAYMENTS = cluster('payments-prod', 'group:default/payments-team');
const SEARCH = cluster('search-prod', 'group:default/search-team');
const UNOWNED = cluster('sandbox');
const CLUSTERS = [PAYMENTS, SEARCH, UNOWNED];

/** Stands in for the Fleet Resilience backend's resource registration. */
let fleetPermissions: PermissionsService | undefined;
const fleetResilienceStandIn = createBackendPlugin({
  pluginId: 'fleet-resilience',
  register(reg) {
    reg.registerInit({
      deps: {
        registry: coreServices.permissionsRegistry,
        permissions: coreServices.permissions,
      },
      async init({ registry, permissions }) {
        registry.addResourceType({
          resourceRef: fleetResilienceClusterPermissionResourceRef,
          permissions: fleetResiliencePermissions,
          rules: Object.values(fleetResilienceClusterPermissionRules),
          getResources: async refs =>
            refs.map(ref => CLUSTERS.find(c => c.arn === ref)),
        });
        fleetPermissions = permissions;
      },
    });
  },
});

async function startWith(
  policy: Record<string, string | string[] | boolean>,
): Promise<TestBackend> {
  return startTestBackend({
    features: [
      permissionBackend,
      fleetResiliencePolicy,
      fleetResilienceStandIn,
      ...onBehalfOfAuthServices,
      mockServices.userInfo.mock({
        getUserInfo: async credentials => {
          const user = (credentials.principal as { userEntityRef: string })
            .userEntityRef;
          return { userEntityRef: user, ownershipEntityRefs: CLAIMS[user] };
        },
      }).factory,
      mockServices.rootConfig.factory({
        data: { permission: { enabled: true }, fleetResilience: { policy } },
      }),
    ],
  });
}

interface Item {
  permission: Permission;
  resourceRef?: string;
}

/** Asks the permission backend as the user; a plugin acting for the user when no resource is named. */
async function authorize(backend: TestBackend, user: string, items: Item[]) {
  const token = items.some(i => i.resourceRef === undefined)
    ? mockCredentials.user.token(user, {
        actor: { subject: 'plugin:fleet-resilience' },
      })
    : mockCredentials.user.token(user);
  const response = await fetch(
    `http://localhost:${backend.server.port()}/api/permission/authorize`,
    {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        items: items.map((item, i) => ({ id: String(i), ...item })),
      }),
    },
  );
  if (response.status !== 200) throw new Error(await response.text());
  const body = (await response.json()) as {
    items: Array<{ id: string; result: AuthorizeResult }>;
  };
  return body.items.map(({ id: _id, ...decision }) => decision);
}

const onEach = (permission: Permission) =>
  CLUSTERS.map(c => ({ permission, resourceRef: c.arn }));
const results = (decisions: Array<{ result: AuthorizeResult }>) =>
  decisions.map(d => d.result);
const { ALLOW, DENY, CONDITIONAL } = AuthorizeResult;

describe('the policy module in the permission backend', () => {
  describe('admins platform-team, owners read and shift, admins refresh', () => {
    let backend: TestBackend;
    beforeAll(async () => {
      backend = await startWith({
        admins: ['group:default/platform-team'],
        read: 'owners',
        shift: 'owners',
      });
    });
    afterAll(() => backend?.stop());

    it('lets the admin read, shift and refresh everything', async () => {
      expect(
        results(
          await authorize(backend, PAT, [
            ...onEach(read),
            ...onEach(shiftStart),
            { permission: refresh },
          ]),
        ),
      ).toEqual(Array(7).fill(ALLOW));
    });

    it('lets an owner read and shift only their team’s cluster, and not refresh', async () => {
      expect(
        results(
          await authorize(backend, DANA, [
            ...onEach(read),
            ...onEach(shiftStart),
            { permission: refresh },
          ]),
        ),
      ).toEqual([ALLOW, DENY, DENY, ALLOW, DENY, DENY, DENY]);
    });

    it('answers a list request with the owner condition, and the catalog with the cluster-entity condition', async () => {
      const [list, entities] = await authorize(backend, DANA, [
        { permission: read },
        { permission: catalogEntityReadPermission },
      ]);
      expect(list).toEqual({
        result: CONDITIONAL,
        pluginId: 'fleet-resilience',
        resourceType: 'fleet-resilience-cluster',
        conditions: {
          rule: 'IS_CLUSTER_OWNER',
          resourceType: 'fleet-resilience-cluster',
          params: { claims: CLAIMS[DANA] },
        },
      });
      expect(entities).toMatchObject({
        result: CONDITIONAL,
        pluginId: 'catalog',
        conditions: { anyOf: expect.any(Array) },
      });
      const [adminEntities] = await authorize(backend, PAT, [
        { permission: catalogEntityReadPermission },
      ]);
      expect(adminEntities).toEqual({ result: ALLOW });
    });

    it('never asks the policy for a service principal: Backstage allows it', async () => {
      const decisions = await fleetPermissions!.authorize(
        [
          { permission: refresh },
          { permission: shiftStart, resourceRef: SEARCH.arn },
        ],
        { credentials: mockCredentials.service('plugin:catalog') },
      );
      expect(results(decisions)).toEqual([ALLOW, ALLOW]);
    });
  });

  describe('read everyone, shift admins, refresh everyone', () => {
    let backend: TestBackend;
    beforeAll(async () => {
      backend = await startWith({
        admins: ['group:default/platform-team'],
        read: 'everyone',
        shift: 'admins',
        refresh: 'everyone',
      });
    });
    afterAll(() => backend?.stop());

    it('lets every user read and refresh, and only admins shift', async () => {
      const items = [
        ...onEach(read),
        ...onEach(shiftStart),
        { permission: refresh },
      ];
      expect(results(await authorize(backend, DANA, items))).toEqual([
        ALLOW,
        ALLOW,
        ALLOW,
        DENY,
        DENY,
        DENY,
        ALLOW,
      ]);
      expect(results(await authorize(backend, PAT, items))).toEqual(
        Array(7).fill(ALLOW),
      );
      const [entities] = await authorize(backend, DANA, [
        { permission: catalogEntityReadPermission },
      ]);
      expect(entities).toEqual({ result: ALLOW });
    });
  });

  it('stops start-up on a bad setting, naming the key', async () => {
    await expect(startWith({ read: 'all' })).rejects.toThrow(
      'fleetResilience.policy.read must be one of owners, everyone; got "all"',
    );
  });
});
