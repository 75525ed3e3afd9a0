import type { FleetInventoryCluster } from '@fleet-resilience/plugin-fleet-resilience-common';
import { entitiesFromInventory } from './entitiesFromInventory';
import { ClusterEntityOptions } from './entityFromCluster';

const OPTIONS: ClusterEntityOptions = {
  defaultOwner: 'group:default/platform-team',
  entityTagKeys: [],
};

function cluster(
  name: string,
  accountId = '111122223333',
  owner?: string,
): FleetInventoryCluster {
  return {
    ref: {
      accountId,
      region: 'us-east-1',
      name,
      arn: `arn:aws:eks:us-east-1:${accountId}:cluster/${name}`,
    },
    sourceId: 'aws-config',
    tags: {},
    owner,
    firstSeenAt: '2026-11-22T10:00:00.000Z',
    lastSeenAt: '2026-11-22T10:00:00.000Z',
  };
}

describe('entitiesFromInventory', () => {
  it('maps every good cluster and skips the bad one with its reason', () => {
    const broken = { ...cluster('x'), ref: { ...cluster('x').ref, name: '' } };
    const result = entitiesFromInventory(
      [cluster('a'), broken, cluster('b', '444455556666')],
      OPTIONS,
    );
    expect(result.entities.map(e => e.metadata.name)).toEqual([
      'a-us-east-1-111122223333',
      'b-us-east-1-444455556666',
    ]);
    expect(result.skipped).toEqual([
      {
        resource: 'arn:aws:eks:us-east-1:111122223333:cluster/x',
        message: 'cluster skipped: its reference lacks name',
      },
    ]);
  });

  it('reports a value that is not a cluster at all, by position, without failing the batch', () => {
    const result = entitiesFromInventory(
      [null as unknown as FleetInventoryCluster, cluster('a')],
      OPTIONS,
    );
    expect(result.entities).toHaveLength(1);
    expect(result.skipped).toEqual([
      {
        resource: 'cluster #0',
        message: 'cluster skipped: it has no cluster reference',
      },
    ]);
  });

  it('keeps the first of two clusters with the same identity and reports the second', () => {
    const result = entitiesFromInventory([cluster('a'), cluster('a')], OPTIONS);
    expect(result.entities).toHaveLength(1);
    expect(result.skipped[0].message).toContain(
      'entity name a-us-east-1-111122223333 is already taken by arn:aws:eks:us-east-1:111122223333:cluster/a',
    );
  });

  it('carries each warning with its cluster', () => {
    const result = entitiesFromInventory(
      [cluster('a', '111122223333', 'not a ref!'), cluster('b')],
      OPTIONS,
    );
    expect(result.entities).toHaveLength(2);
    expect(result.warnings).toEqual([
      {
        resource: 'arn:aws:eks:us-east-1:111122223333:cluster/a',
        message: expect.stringContaining('owner tag ignored'),
      },
    ]);
  });
});
