import {
  AWAY_ZONES_ANNOTATION,
  DO_NOT_DISRUPT_ANNOTATION,
  DO_NOT_DISRUPT_FOR_ANNOTATION,
  ORIGINAL_ZONE_REQUIREMENTS_ANNOTATION,
  ZONE_ID_KEY,
  ZONE_NAME_KEY,
  type NodePoolRequirement,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { ClusterReconciler } from './ClusterReconciler';
import { FakeNodePoolWriter } from './__testUtils__/FakeNodePoolWriter';

const ZONES = [
  { name: 'us-east-1a', id: 'use1-az1' },
  { name: 'us-east-1b', id: 'use1-az2' },
  { name: 'us-east-1c', id: 'use1-az4' },
];
const TARGET = {
  ref: {
    arn: 'arn:aws:eks:us-east-1:111122223333:cluster/c1',
    accountId: '111122223333',
    region: 'us-east-1',
    name: 'c1',
  },
  endpoint: 'https://c1.example',
};
const BY_NAME: NodePoolRequirement[] = [
  { key: 'karpenter.sh/capacity-type', operator: 'In', values: ['on-demand'] },
  {
    key: ZONE_NAME_KEY,
    operator: 'In',
    values: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
  },
];

function setUp(maxConflictRetries = 3) {
  const writer = new FakeNodePoolWriter();
  const reconciler = new ClusterReconciler({ writer, maxConflictRetries });
  const pass = (
    awayZoneIds: string[],
    mode: 'nodepool' | 'keep-nodes' | 'observe' = 'nodepool',
    markedNodes: string[] = [],
  ) =>
    reconciler.reconcile({
      target: TARGET,
      zones: ZONES,
      awayZoneIds,
      mode,
      markedNodes,
    });
  return { writer, pass };
}

describe('ClusterReconciler', () => {
  it('excludes the away zone from every NodePool, then restores them exactly', async () => {
    const { writer, pass } = setUp();
    writer.addPool('default', BY_NAME);
    writer.addPool('by-id', [
      { key: ZONE_ID_KEY, operator: 'In', values: ['use1-az1', 'use1-az2'] },
    ]);
    const before = structuredClone(
      [...writer.pools.values()].map(p => [p.requirements, p.annotations]),
    );

    const shifted = await pass(['use1-az2']);
    expect(shifted.state).toBe('converged');
    expect(shifted.writes).toBe(2);
    expect(
      shifted.nodePools.map(p => [p.name, p.outcome, p.allowedZoneIds]),
    ).toEqual([
      ['by-id', 'patched', ['use1-az1']],
      ['default', 'patched', ['use1-az1', 'use1-az4']],
    ]);
    expect(writer.pools.get('default')!.requirements[1].values).toEqual([
      'us-east-1a',
      'us-east-1c',
    ]);
    expect(
      writer.pools.get('default')!.annotations[AWAY_ZONES_ANNOTATION],
    ).toBe('use1-az2');
    expect(
      writer.pools.get('default')!.annotations[
        ORIGINAL_ZONE_REQUIREMENTS_ANNOTATION
      ],
    ).toBeDefined();

    // A second pass with the same shift changes nothing.
    const again = await pass(['use1-az2']);
    expect(again.writes).toBe(0);
    expect(again.nodePools.every(p => p.outcome === 'unchanged')).toBe(true);

    const restored = await pass([]);
    expect(restored.state).toBe('converged');
    expect(restored.nodePools.map(p => p.outcome)).toEqual([
      'restored',
      'restored',
    ]);
    expect(
      [...writer.pools.values()].map(p => [p.requirements, p.annotations]),
    ).toEqual(before);
  });

  it('re-reads and re-plans after a 409, keeping the concurrent change', async () => {
    const { writer, pass } = setUp();
    writer.addPool('default', BY_NAME);
    // Someone adds an annotation between our read and our patch.
    writer.conflicts.push({
      name: 'default',
      bump: pool => ({
        ...pool,
        annotations: { ...pool.annotations, team: 'payments' },
      }),
    });
    const result = await pass(['use1-az1']);
    expect(result.state).toBe('converged');
    expect(result.nodePools[0].outcome).toBe('patched');
    const pool = writer.pools.get('default')!;
    expect(pool.annotations.team).toBe('payments');
    expect(pool.requirements[1].values).toEqual(['us-east-1b', 'us-east-1c']);
    expect(writer.patches).toHaveLength(1);
  });

  it('gives up after the bounded retries and leaves the cluster pending', async () => {
    const { writer, pass } = setUp(2);
    writer.addPool('default', BY_NAME);
    writer.conflicts.push(
      { name: 'default' },
      { name: 'default' },
      { name: 'default' },
    );
    const result = await pass(['use1-az1']);
    expect(result.state).toBe('pending');
    expect(result.nodePools[0]).toMatchObject({
      name: 'default',
      outcome: 'failed',
    });
    expect(result.error).toMatch(/409 Conflict/);
    expect(writer.pools.get('default')!.requirements).toEqual(BY_NAME);
  });

  it('observe mode reports would-patch and writes nothing', async () => {
    const { writer, pass } = setUp();
    writer.addPool('default', BY_NAME);
    const result = await pass(['use1-az1'], 'observe');
    expect(result.state).toBe('observing');
    expect(result.writes).toBe(0);
    expect(result.nodePools[0]).toMatchObject({
      outcome: 'would-patch',
      allowedZoneIds: ['use1-az2', 'use1-az4'],
    });
    expect(writer.pools.get('default')!.requirements).toEqual(BY_NAME);
  });

  it('observe mode still undoes its own earlier exclusion (e.g. native zonal shift turned on mid-shift)', async () => {
    const { writer, pass } = setUp();
    writer.addPool('default', BY_NAME);
    await pass(['use1-az1'], 'nodepool');
    const result = await pass([], 'observe');
    expect(result.nodePools[0].outcome).toBe('restored');
    expect(writer.pools.get('default')!.requirements).toEqual(BY_NAME);
    expect(writer.pools.get('default')!.annotations).toEqual({});
  });

  it('reports a NodePool pinned to the away zone as blocked and leaves it alone', async () => {
    const { writer, pass } = setUp();
    writer.addPool('pinned', [
      { key: ZONE_NAME_KEY, operator: 'In', values: ['us-east-1a'] },
    ]);
    writer.addPool('default', BY_NAME);
    const result = await pass(['use1-az1']);
    expect(result.state).toBe('blocked');
    expect(result.nodePools.find(p => p.name === 'pinned')).toMatchObject({
      outcome: 'blocked',
    });
    expect(result.nodePools.find(p => p.name === 'default')).toMatchObject({
      outcome: 'patched',
    });
    expect(writer.pools.get('pinned')!.requirements).toEqual([
      { key: ZONE_NAME_KEY, operator: 'In', values: ['us-east-1a'] },
    ]);
  });

  it('records an unreachable API as an error, keeping what it knew', async () => {
    const { writer, pass } = setUp();
    writer.failList = new Error('connect ECONNREFUSED');
    const result = await pass(['use1-az1'], 'nodepool', ['n1']);
    expect(result).toMatchObject({
      state: 'error',
      error: 'connect ECONNREFUSED',
      markedNodes: ['n1'],
    });
  });

  it('a failed patch (not a conflict) fails that NodePool only', async () => {
    const { writer, pass } = setUp();
    writer.addPool('a', BY_NAME);
    writer.failNext = Object.assign(new Error('forbidden'), {
      name: 'KubernetesClusterWriteError',
    });
    const result = await pass(['use1-az1']);
    expect(result.state).toBe('pending');
    expect(result.nodePools[0]).toMatchObject({
      outcome: 'failed',
      message: 'KubernetesClusterWriteError: forbidden',
    });
  });

  it('keep-nodes marks the away zone’s nodes and afterwards removes exactly its own marks', async () => {
    const { writer, pass } = setUp();
    writer.addPool('default', BY_NAME);
    writer.addNode('a-1', 'use1-az1');
    writer.addNode('a-2', 'use1-az1', { [DO_NOT_DISRUPT_ANNOTATION]: 'true' }); // someone else's
    writer.addNode('b-1', 'use1-az2');
    const shifted = await pass(['use1-az1'], 'keep-nodes');
    expect(shifted.state).toBe('converged');
    expect(shifted.markedNodes).toEqual(['a-1']);
    expect(writer.nodes.get('a-1')!.annotations).toEqual({
      [DO_NOT_DISRUPT_ANNOTATION]: 'true',
      [DO_NOT_DISRUPT_FOR_ANNOTATION]: 'use1-az1',
    });
    expect(writer.nodes.get('b-1')!.annotations).toEqual({});

    const ended = await pass([], 'keep-nodes', shifted.markedNodes);
    expect(ended.markedNodes).toEqual([]);
    expect(writer.nodes.get('a-1')!.annotations).toEqual({});
    expect(writer.nodes.get('a-2')!.annotations).toEqual({
      [DO_NOT_DISRUPT_ANNOTATION]: 'true',
    });
    expect(writer.pools.get('default')!.requirements).toEqual(BY_NAME);
  });

  it('nodepool mode removes marks left from an earlier keep-nodes pass', async () => {
    const { writer, pass } = setUp();
    writer.addNode('a-1', 'use1-az1', {
      [DO_NOT_DISRUPT_ANNOTATION]: 'true',
      [DO_NOT_DISRUPT_FOR_ANNOTATION]: 'use1-az1',
    });
    const result = await pass(['use1-az1'], 'nodepool', ['a-1']);
    expect(result.markedNodes).toEqual([]);
    expect(writer.nodes.get('a-1')!.annotations).toEqual({});
  });
});
