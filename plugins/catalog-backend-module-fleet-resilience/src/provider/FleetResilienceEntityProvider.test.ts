import { mockServices } from '@backstage/backend-test-utils';
import type { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import type {
  FleetInventoryCluster,
  FleetInventorySourceStatus,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type {
  FleetInventoryRead,
  FleetInventoryReader,
} from '../inventory/FleetInventoryClient';
import { FleetResilienceEntityProvider } from './FleetResilienceEntityProvider';

const MAPPING = {
  defaultOwner: 'group:default/platform-team',
  entityTagKeys: [],
};

const READ_OK: FleetInventorySourceStatus = {
  id: 'aws-config',
  lastAttemptAt: '2026-11-22T10:05:00.000Z',
  ok: true,
  lastSuccessAt: '2026-11-22T10:05:00.000Z',
};

function cluster(
  name: string,
  sourceId = 'aws-config',
  region = 'us-east-1',
): FleetInventoryCluster {
  return {
    ref: {
      accountId: '111122223333',
      region,
      name,
      arn: `arn:aws:eks:${region}:111122223333:cluster/${name}`,
    },
    sourceId,
    tags: {},
    firstSeenAt: '2026-11-22T10:00:00.000Z',
    lastSeenAt: '2026-11-22T10:05:00.000Z',
  };
}

function inventory(
  clusters: FleetInventoryCluster[],
  extra: Partial<FleetInventoryRead> = {},
): FleetInventoryRead {
  return {
    clusters,
    problems: [],
    sources: [READ_OK],
    consistent: true,
    ...extra,
  };
}

function setup(read: () => Promise<FleetInventoryRead>) {
  const reader: FleetInventoryReader = { readInventory: jest.fn(read) };
  const logger = mockServices.logger.mock();
  logger.child.mockReturnValue(logger);
  const connection = { applyMutation: jest.fn(), refresh: jest.fn() };
  const provider = new FleetResilienceEntityProvider({
    inventory: reader,
    mapping: MAPPING,
    logger,
  });
  return { provider, connection, logger, reader };
}

function names(entities: Array<{ entity: { metadata: { name: string } } }>) {
  return entities.map(d => d.entity.metadata.name);
}

describe('FleetResilienceEntityProvider', () => {
  it('has one name, whatever the sources', () => {
    expect(setup(async () => inventory([])).provider.getProviderName()).toBe(
      'FleetResilienceEntityProvider',
    );
  });

  it('refuses to refresh before the catalog connected it', async () => {
    await expect(
      setup(async () => inventory([])).provider.refresh(),
    ).rejects.toThrow(/not connected/);
  });

  it('replaces all its entities with the inventory (full mutation), each keyed by its source', async () => {
    const { provider, connection } = setup(async () =>
      inventory([cluster('a'), cluster('b', 'cmdb')], {
        sources: [READ_OK, { ...READ_OK, id: 'cmdb' }],
      }),
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
      ['a-us-east-1-111122223333', 'fleet-resilience:aws-config'],
      ['b-us-east-1-111122223333', 'fleet-resilience:cmdb'],
    ]);
  });

  it('applies an empty full mutation when the fleet really has no cluster, so deleted ones go', async () => {
    const { provider, connection } = setup(async () => inventory([]));
    await provider.connect(connection as EntityProviderConnection);
    await provider.refresh();
    expect(connection.applyMutation).toHaveBeenCalledWith({
      type: 'full',
      entities: [],
    });
  });

  it('skips and logs a bad cluster or item while the rest go through', async () => {
    const bad = {
      ...cluster('bad'),
      ref: { ...cluster('bad').ref, accountId: '' },
    };
    const { provider, connection, logger } = setup(async () =>
      inventory([cluster('a'), bad], {
        problems: [
          { resource: 'inventory item #2', message: 'cluster skipped: x' },
        ],
      }),
    );
    await provider.connect(connection as EntityProviderConnection);
    const result = await provider.refresh();
    expect(result).toMatchObject({
      outcome: 'replaced',
      entityCount: 1,
      skippedCount: 2,
    });
    expect(names(connection.applyMutation.mock.calls[0][0].entities)).toEqual([
      'a-us-east-1-111122223333',
    ]);
    expect(logger.warn).toHaveBeenCalledWith(
      'arn:aws:eks:us-east-1:111122223333:cluster/bad: cluster skipped: its reference lacks accountId',
    );
    expect(logger.warn).toHaveBeenCalledWith(
      'inventory item #2: cluster skipped: x',
    );
  });

  it('keeps the catalog as it was when the read fails', async () => {
    const { provider, connection, logger } = setup(async () => {
      throw new Error('Fleet Resilience backend unavailable');
    });
    await provider.connect(connection as EntityProviderConnection);
    await expect(provider.refresh()).rejects.toThrow('unavailable');
    expect(connection.applyMutation).not.toHaveBeenCalled();
    expect(logger.error).toHaveBeenCalled();
  });

  it('keeps the catalog as it was before the backend read any inventory source', async () => {
    const { provider, connection } = setup(async () =>
      inventory([], { sources: [] }),
    );
    await provider.connect(connection as EntityProviderConnection);
    expect((await provider.refresh()).outcome).toBe('kept-previous');
    expect(connection.applyMutation).not.toHaveBeenCalled();
  });

  it('keeps the catalog as it was when the inventory gave nothing but malformed items', async () => {
    const { provider, connection } = setup(async () =>
      inventory([], {
        problems: [{ resource: 'inventory item #0', message: 'skipped' }],
      }),
    );
    await provider.connect(connection as EntityProviderConnection);
    expect((await provider.refresh()).outcome).toBe('kept-previous');
    expect(connection.applyMutation).not.toHaveBeenCalled();
  });

  it('replaces as usual when a source failed after a complete read: the backend kept what it knew', async () => {
    const { provider, connection, logger } = setup(async () =>
      inventory([cluster('a')], {
        sources: [
          {
            ...READ_OK,
            ok: false,
            errorMessage: 'Not read: 111122223333/eu-west-1',
          },
        ],
      }),
    );
    await provider.connect(connection as EntityProviderConnection);
    const result = await provider.refresh();
    expect(result).toMatchObject({
      outcome: 'replaced',
      sourceProblemCount: 1,
    });
    expect(connection.applyMutation.mock.calls[0][0].type).toBe('full');
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('111122223333/eu-west-1'),
    );
  });

  it.each([
    [
      'a source was never read completely',
      {
        sources: [
          READ_OK,
          {
            id: 'cmdb',
            lastAttemptAt: READ_OK.lastAttemptAt,
            ok: false,
            errorMessage: 'timeout',
          },
        ],
      },
      'cmdb never read completely',
    ],
    [
      'the inventory changed under a paged read',
      { consistent: false },
      'changed while it was read',
    ],
  ])(
    'only adds and updates, removing nothing, when %s',
    async (_label, extra, logged) => {
      const { provider, connection, logger } = setup(async () =>
        inventory([cluster('a')], extra),
      );
      await provider.connect(connection as EntityProviderConnection);
      const result = await provider.refresh();
      expect(result.outcome).toBe('upserted');
      const mutation = connection.applyMutation.mock.calls[0][0];
      expect(mutation.type).toBe('delta');
      expect(mutation.removed).toEqual([]);
      expect(names(mutation.added)).toEqual(['a-us-east-1-111122223333']);
      expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining(logged));
    },
  );

  it('runs the refresh on its schedule, passing the abort signal to the read', async () => {
    const reader: FleetInventoryReader = {
      readInventory: jest.fn(async () => inventory([cluster('a')])),
    };
    const connection = { applyMutation: jest.fn(), refresh: jest.fn() };
    let task:
      | { id: string; fn: (signal: AbortSignal) => Promise<void> }
      | undefined;
    const provider = new FleetResilienceEntityProvider({
      inventory: reader,
      mapping: MAPPING,
      logger: mockServices.logger.mock(),
      taskRunner: {
        run: async t => {
          task = t as typeof task;
        },
      },
    });
    await provider.connect(connection as EntityProviderConnection);
    expect(task?.id).toBe('FleetResilienceEntityProvider:refresh');
    const controller = new AbortController();
    await task!.fn(controller.signal);
    expect(reader.readInventory).toHaveBeenCalledWith({
      signal: controller.signal,
    });
    expect(connection.applyMutation).toHaveBeenCalledTimes(1);
  });
});
