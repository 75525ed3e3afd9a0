import { mockServices } from '@backstage/backend-test-utils';
import type { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import type {
  FleetInventorySource,
  InventoryCluster,
  InventorySnapshot,
} from '@fleet-resilience/plugin-fleet-resilience-node';
import { FleetResilienceEntityProvider } from './FleetResilienceEntityProvider';

const MAPPING = {
  ownerTag: 'owner',
  systemTag: 'system',
  defaultOwner: 'group:default/platform-team',
  entityTagKeys: [],
};

function cluster(name: string, region = 'us-east-1'): InventoryCluster {
  return {
    ref: {
      accountId: '111122223333',
      region,
      name,
      arn: `arn:aws:eks:${region}:111122223333:cluster/${name}`,
    },
    subnetIds: [],
    securityGroupIds: [],
    tags: {},
  };
}

function setup(read: () => Promise<InventorySnapshot>) {
  const source: FleetInventorySource = {
    id: 'test-source',
    readInventory: jest.fn(read),
  };
  const logger = mockServices.logger.mock();
  logger.child.mockReturnValue(logger);
  const connection = { applyMutation: jest.fn(), refresh: jest.fn() };
  const provider = new FleetResilienceEntityProvider({
    source,
    mapping: MAPPING,
    logger,
  });
  return { provider, connection, logger, source };
}

function snapshot(
  clusters: InventoryCluster[],
  extra: Partial<InventorySnapshot> = {},
): InventorySnapshot {
  return { clusters, subnets: [], problems: [], ...extra };
}

describe('FleetResilienceEntityProvider', () => {
  it('is named after its source', () => {
    expect(setup(async () => snapshot([])).provider.getProviderName()).toBe(
      'FleetResilienceEntityProvider:test-source',
    );
  });

  it('refuses to refresh before the catalog connected it', async () => {
    await expect(
      setup(async () => snapshot([])).provider.refresh(),
    ).rejects.toThrow(/not connected/);
  });

  it('replaces all its entities with the current clusters (full mutation)', async () => {
    const { provider, connection } = setup(async () =>
      snapshot([cluster('a'), cluster('b')]),
    );
    await provider.connect(connection as EntityProviderConnection);
    const result = await provider.refresh();
    expect(result).toEqual({
      outcome: 'replaced',
      entityCount: 2,
      skippedCount: 0,
      warningCount: 0,
      sourceProblemCount: 0,
    });
    expect(connection.applyMutation).toHaveBeenCalledTimes(1);
    const mutation = connection.applyMutation.mock.calls[0][0];
    expect(mutation.type).toBe('full');
    expect(
      mutation.entities.map(
        (d: {
          entity: { metadata: { name: string } };
          locationKey: string;
        }) => [d.entity.metadata.name, d.locationKey],
      ),
    ).toEqual([
      ['a-us-east-1-111122223333', 'fleet-resilience:test-source'],
      ['b-us-east-1-111122223333', 'fleet-resilience:test-source'],
    ]);
  });

  it('applies an empty full mutation when the source really has no cluster, so deleted ones go', async () => {
    const { provider, connection } = setup(async () => snapshot([]));
    await provider.connect(connection as EntityProviderConnection);
    await provider.refresh();
    expect(connection.applyMutation).toHaveBeenCalledWith({
      type: 'full',
      entities: [],
    });
  });

  it('skips and logs a bad cluster while the rest go through', async () => {
    const bad = {
      ...cluster('bad'),
      ref: { ...cluster('bad').ref, accountId: '' },
    };
    const { provider, connection, logger } = setup(async () =>
      snapshot([cluster('a'), bad]),
    );
    await provider.connect(connection as EntityProviderConnection);
    const result = await provider.refresh();
    expect(result.entityCount).toBe(1);
    expect(result.skippedCount).toBe(1);
    expect(connection.applyMutation.mock.calls[0][0].entities).toHaveLength(1);
    expect(logger.warn).toHaveBeenCalledWith(
      'arn:aws:eks:us-east-1:111122223333:cluster/bad: cluster skipped: its reference lacks accountId',
    );
  });

  it('keeps the catalog as it was when the source fails', async () => {
    const { provider, connection, logger } = setup(async () => {
      throw new Error('AccessDenied');
    });
    await provider.connect(connection as EntityProviderConnection);
    await expect(provider.refresh()).rejects.toThrow('AccessDenied');
    expect(connection.applyMutation).not.toHaveBeenCalled();
    expect(logger.error).toHaveBeenCalled();
  });

  it('keeps the catalog as it was when the source found nothing but problems', async () => {
    const { provider, connection } = setup(async () =>
      snapshot([], {
        problems: [{ source: 'aws-config', message: 'row unreadable' }],
      }),
    );
    await provider.connect(connection as EntityProviderConnection);
    expect((await provider.refresh()).outcome).toBe('kept-previous');
    expect(connection.applyMutation).not.toHaveBeenCalled();
  });

  it('only adds and updates, removing nothing, when some account/regions could not be read', async () => {
    const { provider, connection, logger } = setup(async () =>
      snapshot([cluster('a')], {
        problems: [
          {
            source: 'aws-config',
            resource: '111122223333/eu-west-1',
            message: 'timeout',
          },
        ],
        incompleteScopes: [{ accountId: '111122223333', region: 'eu-west-1' }],
      }),
    );
    await provider.connect(connection as EntityProviderConnection);
    const result = await provider.refresh();
    expect(result.outcome).toBe('upserted');
    const mutation = connection.applyMutation.mock.calls[0][0];
    expect(mutation.type).toBe('delta');
    expect(mutation.removed).toEqual([]);
    expect(
      mutation.added.map(
        (d: { entity: { metadata: { name: string } } }) =>
          d.entity.metadata.name,
      ),
    ).toEqual(['a-us-east-1-111122223333']);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('111122223333/eu-west-1'),
    );
  });

  it('runs the refresh on its schedule, passing the abort signal to the source', async () => {
    const source: FleetInventorySource = {
      id: 'scheduled',
      readInventory: jest.fn(async () => snapshot([cluster('a')])),
    };
    const connection = { applyMutation: jest.fn(), refresh: jest.fn() };
    let task:
      | { id: string; fn: (signal: AbortSignal) => Promise<void> }
      | undefined;
    const provider = new FleetResilienceEntityProvider({
      source,
      mapping: MAPPING,
      logger: mockServices.logger.mock(),
      taskRunner: {
        run: async t => {
          task = t as typeof task;
        },
      },
    });
    await provider.connect(connection as EntityProviderConnection);
    expect(task?.id).toBe('FleetResilienceEntityProvider:scheduled:refresh');
    const controller = new AbortController();
    await task!.fn(controller.signal);
    expect(source.readInventory).toHaveBeenCalledWith({
      signal: controller.signal,
    });
    expect(connection.applyMutation).toHaveBeenCalledTimes(1);
  });
});
