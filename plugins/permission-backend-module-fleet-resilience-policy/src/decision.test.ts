import {
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
} from '@backstage/plugin-catalog-common/alpha';
import type { Entity } from '@backstage/catalog-model';
import { permissionRules as catalogRules } from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  createPermission,
  type PermissionCondition,
  type PermissionCriteria,
} from '@backstage/plugin-permission-common';
import {
  FLEET_CLUSTER_ARN_ANNOTATION,
  fleetResilienceClusterReadPermission,
  fleetResilienceReadinessConfigurePermission,
  fleetResilienceRefreshPermission,
  fleetResilienceShiftCancelPermission,
  fleetResilienceShiftStartPermission,
  fleetResilienceShiftUpdatePermission,
  RESOURCE_TYPE_FLEET_RESILIENCE_CLUSTER,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import {
  DEFAULT_FLEET_RESILIENCE_POLICY_CONFIG,
  type FleetResiliencePolicyConfig,
} from './config';
import {
  concernsFleetResiliencePolicy,
  decideFleetResiliencePermission,
  fleetClusterEntityReadCriteria,
  isFleetResilienceAdmin,
  type FleetResiliencePolicyUser,
} from './decision';

const policy = (
  settings: Partial<FleetResiliencePolicyConfig> = {},
): FleetResiliencePolicyConfig => ({
  ...DEFAULT_FLEET_RESILIENCE_POLICY_CONFIG,
  admins: ['group:default/platform-team'],
  ...settings,
});

const admin: FleetResiliencePolicyUser = {
  ownershipEntityRefs: ['user:default/pat', 'Group:Default/Platform-Team'],
};
const dev: FleetResiliencePolicyUser = {
  ownershipEntityRefs: ['user:default/dana', 'group:default/payments-team'],
};

const ALLOW = { result: AuthorizeResult.ALLOW };
const DENY = { result: AuthorizeResult.DENY };

const ownerCondition = (claims: readonly string[]) => ({
  result: AuthorizeResult.CONDITIONAL,
  pluginId: 'fleet-resilience',
  resourceType: RESOURCE_TYPE_FLEET_RESILIENCE_CLUSTER,
  conditions: {
    rule: 'IS_CLUSTER_OWNER',
    resourceType: RESOURCE_TYPE_FLEET_RESILIENCE_CLUSTER,
    params: { claims },
  },
});

const catalogCondition = (claims: readonly string[]) => ({
  result: AuthorizeResult.CONDITIONAL,
  pluginId: 'catalog',
  resourceType: 'catalog-entity',
  conditions: {
    anyOf: [
      {
        not: {
          rule: 'HAS_ANNOTATION',
          resourceType: 'catalog-entity',
          params: { annotation: FLEET_CLUSTER_ARN_ANNOTATION },
        },
      },
      {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: { claims },
      },
    ],
  },
});

const read = fleetResilienceClusterReadPermission;
const shifts = [
  fleetResilienceShiftStartPermission,
  fleetResilienceShiftUpdatePermission,
  fleetResilienceShiftCancelPermission,
  fleetResilienceReadinessConfigurePermission,
];
const fleetPermissions = [read, ...shifts, fleetResilienceRefreshPermission];

describe('isFleetResilienceAdmin', () => {
  it('is true when any ownership claim is an admin, in any case', () => {
    expect(isFleetResilienceAdmin(policy(), admin)).toBe(true);
    expect(
      isFleetResilienceAdmin(policy({ admins: ['user:default/dana'] }), dev),
    ).toBe(true);
  });

  it('is false for other claims, no admins, and no user', () => {
    expect(isFleetResilienceAdmin(policy(), dev)).toBe(false);
    expect(isFleetResilienceAdmin(policy({ admins: [] }), admin)).toBe(false);
    expect(isFleetResilienceAdmin(policy(), undefined)).toBe(false);
    // a group's name alone is not the group
    expect(
      isFleetResilienceAdmin(policy(), {
        ownershipEntityRefs: ['user:default/platform-team'],
      }),
    ).toBe(false);
  });
});

describe('decideFleetResiliencePermission', () => {
  describe('an admin', () => {
    it.each(fleetPermissions.map(p => [p.name, p]))(
      'is allowed %s whatever the modes',
      (_name, permission) => {
        for (const settings of [
          policy(),
          policy({ read: 'everyone', shift: 'admins', refresh: 'everyone' }),
        ]) {
          expect(
            decideFleetResiliencePermission(settings, permission, admin),
          ).toEqual(ALLOW);
        }
      },
    );

    it('reads every catalog entity (left to the composing policy)', () => {
      expect(
        decideFleetResiliencePermission(
          policy(),
          catalogEntityReadPermission,
          admin,
        ),
      ).toBeUndefined();
    });
  });

  describe('read: owners', () => {
    it('reads the clusters one of their claims owns', () => {
      expect(decideFleetResiliencePermission(policy(), read, dev)).toEqual(
        ownerCondition(dev.ownershipEntityRefs),
      );
    });
  });

  describe('read: everyone', () => {
    it('reads every cluster', () => {
      expect(
        decideFleetResiliencePermission(
          policy({ read: 'everyone' }),
          read,
          dev,
        ),
      ).toEqual(ALLOW);
    });
  });

  describe.each(shifts.map(p => [p.name, p]))('%s', (_name, permission) => {
    it('shift: owners — on the clusters their claims own', () => {
      for (const readMode of ['owners', 'everyone'] as const) {
        expect(
          decideFleetResiliencePermission(
            policy({ read: readMode, shift: 'owners' }),
            permission,
            dev,
          ),
        ).toEqual(ownerCondition(dev.ownershipEntityRefs));
      }
    });

    it('shift: admins — denied', () => {
      expect(
        decideFleetResiliencePermission(
          policy({ read: 'everyone', shift: 'admins' }),
          permission,
          dev,
        ),
      ).toEqual(DENY);
    });
  });

  describe('fleet-resilience.refresh', () => {
    it('refresh: admins — denied to others', () => {
      expect(
        decideFleetResiliencePermission(
          policy({ refresh: 'admins' }),
          fleetResilienceRefreshPermission,
          dev,
        ),
      ).toEqual(DENY);
    });

    it('refresh: everyone — allowed to every user', () => {
      expect(
        decideFleetResiliencePermission(
          policy({ refresh: 'everyone' }),
          fleetResilienceRefreshPermission,
          dev,
        ),
      ).toEqual(ALLOW);
    });
  });

  describe('catalog.entity.read', () => {
    it('catalogClusters with read: owners — hides foreign cluster entities', () => {
      expect(
        decideFleetResiliencePermission(
          policy(),
          catalogEntityReadPermission,
          dev,
        ),
      ).toEqual(catalogCondition(dev.ownershipEntityRefs));
    });

    it('without a user — hides every cluster entity', () => {
      expect(
        decideFleetResiliencePermission(
          policy(),
          catalogEntityReadPermission,
          undefined,
        ),
      ).toEqual(catalogCondition([]));
    });

    it.each([
      ['catalogClusters: false', { catalogClusters: false }],
      ['read: everyone', { read: 'everyone' as const }],
    ])('%s — not gated', (_name, settings) => {
      expect(
        decideFleetResiliencePermission(
          policy(settings),
          catalogEntityReadPermission,
          dev,
        ),
      ).toBeUndefined();
    });

    it('other catalog permissions are not its business', () => {
      expect(
        decideFleetResiliencePermission(
          policy(),
          catalogEntityDeletePermission,
          dev,
        ),
      ).toBeUndefined();
    });
  });

  it.each(fleetPermissions.map(p => [p.name, p]))(
    'denies %s without a user, whatever the modes',
    (_name, permission) => {
      const open = policy({
        read: 'everyone',
        shift: 'owners',
        refresh: 'everyone',
      });
      expect(
        decideFleetResiliencePermission(open, permission, undefined),
      ).toEqual(DENY);
    },
  );

  it('allows admins only a Fleet Resilience permission it does not know', () => {
    const future = createPermission({
      name: 'fleet-resilience.reconciler.pause',
      attributes: { action: 'update' },
      resourceType: RESOURCE_TYPE_FLEET_RESILIENCE_CLUSTER,
    });
    const basic = createPermission({
      name: 'fleet-resilience.something',
      attributes: {},
    });
    const open = policy({ read: 'everyone', refresh: 'everyone' });
    for (const permission of [future, basic]) {
      expect(decideFleetResiliencePermission(open, permission, admin)).toEqual(
        ALLOW,
      );
      expect(decideFleetResiliencePermission(open, permission, dev)).toEqual(
        DENY,
      );
    }
  });

  it('leaves other plugins’ permissions to the caller', () => {
    const other = createPermission({
      name: 'scaffolder.task.create',
      attributes: { action: 'create' },
    });
    expect(
      decideFleetResiliencePermission(policy(), other, dev),
    ).toBeUndefined();
    expect(concernsFleetResiliencePolicy(policy(), other)).toBe(false);
    expect(concernsFleetResiliencePolicy(policy(), read)).toBe(true);
  });
});

describe('fleetClusterEntityReadCriteria, applied by the catalog’s own rules', () => {
  const rules = Object.values(catalogRules);
  // The permission framework's evaluation of criteria, on one entity.
  const allows = (
    criteria: PermissionCriteria<PermissionCondition<'catalog-entity'>>,
    entity: Entity,
  ): boolean => {
    if ('allOf' in criteria)
      return criteria.allOf.every(c => allows(c, entity));
    if ('anyOf' in criteria) return criteria.anyOf.some(c => allows(c, entity));
    if ('not' in criteria) return !allows(criteria.not, entity);
    const rule = rules.find(r => r.name === criteria.rule)!;
    return rule.apply(entity, criteria.params as never);
  };
  const entity = (
    name: string,
    owner: string,
    annotations: Record<string, string> = {},
  ): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name, annotations },
    spec: { owner },
    relations: [{ type: 'ownedBy', targetRef: owner }],
  });
  const clusterEntity = (name: string, owner: string) =>
    entity(name, owner, {
      [FLEET_CLUSTER_ARN_ANNOTATION]: `arn:aws:eks:us-east-1:111122223333:cluster/${name}`,
    });

  it('keeps the user’s own cluster entities and every non-cluster entity, hides the rest', () => {
    const criteria = fleetClusterEntityReadCriteria(dev.ownershipEntityRefs);
    expect(
      allows(
        criteria,
        clusterEntity('payments', 'group:default/payments-team'),
      ),
    ).toBe(true);
    expect(
      allows(criteria, clusterEntity('search', 'group:default/search-team')),
    ).toBe(false);
    expect(
      allows(criteria, entity('search-db', 'group:default/search-team')),
    ).toBe(true);
  });

  it('with no claims hides every cluster entity only', () => {
    const criteria = fleetClusterEntityReadCriteria([]);
    expect(
      allows(
        criteria,
        clusterEntity('payments', 'group:default/payments-team'),
      ),
    ).toBe(false);
    expect(
      allows(criteria, entity('docs', 'group:default/payments-team')),
    ).toBe(true);
  });
});
