import {
  AWAY_ZONES_ANNOTATION,
  DO_NOT_DISRUPT_ANNOTATION,
  DO_NOT_DISRUPT_FOR_ANNOTATION,
  ORIGINAL_ZONE_REQUIREMENTS_ANNOTATION,
  ZONE_ID_KEY,
  ZONE_NAME_KEY,
  type NodePoolRequirement,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { ClusterReconciler, NODES_FORBIDDEN } from './ClusterReconciler';
import { FakeNodePoolWriter } from './__testUtils__/FakeNodePoolWriter';
import { MemoryOriginals } from './__testUtils__/MemoryOriginals';

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
  const originals = new MemoryOriginals();
  const reconciler = new ClusterReconciler({
    writer,
    originals,
    maxConflictRetries,
  });
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
  return { writer, originals, pass };
}

/** An error as the node package's writer throws it: its message names the API server, its cause carries the status. */
function writerError(status: number | undefined, cause?: unknown) {
  return Object.assign(
    new Error(
      `NodePools of ${TARGET.ref.arn} at https://10.1.2.3:443 could not be read: HTTP ${status}: secret detail`,
    ),
    { name: 'KubernetesClusterWriteError', status, cause },
  );
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

  it('records an unreachable API as an error, classified for readers, with the raw text for the log only', async () => {
    const { writer, pass } = setUp();
    writer.failList = writerError(
      undefined,
      Object.assign(new TypeError('fetch failed'), {
        cause: new Error('connect ECONNREFUSED 10.1.2.3:443'),
      }),
    );
    const result = await pass(['use1-az1'], 'nodepool', ['n1']);
    expect(result).toMatchObject({
      state: 'error',
      error:
        'The NodePools could not be listed: the Kubernetes API server could not be reached',
      markedNodes: ['n1'],
    });
    expect(result.details?.join(' ')).toContain('https://10.1.2.3:443');
  });

  it('a failed patch (not a conflict) fails that NodePool only, with a classified message', async () => {
    const { writer, pass } = setUp();
    writer.addPool('a', BY_NAME);
    writer.failNext = writerError(403);
    const result = await pass(['use1-az1']);
    expect(result.state).toBe('pending');
    expect(result.nodePools[0]).toMatchObject({
      outcome: 'failed',
      message:
        "The NodePool could not be patched: forbidden by the cluster's Kubernetes RBAC (403)",
    });
    expect(JSON.stringify(result.nodePools)).not.toMatch(/10\.1\.2\.3|secret/);
    expect(result.error).not.toMatch(/10\.1\.2\.3|secret/);
    expect(result.details?.join(' ')).toContain('secret detail');
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

  it('keep-nodes whose Node list the cluster forbids still narrows the NodePools, degraded', async () => {
    const { writer, pass } = setUp();
    writer.addPool('default', BY_NAME);
    writer.addNode('a-1', 'use1-az1');
    writer.failNodeList = writerError(403);
    const shifted = await pass(['use1-az1'], 'keep-nodes');
    expect(shifted.state).toBe('converged');
    expect(shifted.degraded).toEqual([NODES_FORBIDDEN]);
    expect(shifted.nodePools[0].outcome).toBe('patched');
    expect(writer.nodes.get('a-1')!.annotations).toEqual({});
    const ended = await pass([], 'keep-nodes');
    expect(ended.nodePools[0].outcome).toBe('restored');
    expect(writer.pools.get('default')!.requirements).toEqual(BY_NAME);
  });

  it('keep-nodes whose Node patches the cluster forbids is degraded, not retried forever', async () => {
    const { writer, pass } = setUp();
    writer.addPool('default', BY_NAME);
    writer.addNode('a-1', 'use1-az1');
    writer.failNodePatch = writerError(403);
    const shifted = await pass(['use1-az1'], 'keep-nodes');
    expect(shifted.state).toBe('converged');
    expect(shifted.degraded).toEqual([NODES_FORBIDDEN]);
    expect(shifted.markedNodes).toEqual([]);
  });

  it('a Node list failing otherwise is still an error of the pass', async () => {
    const { writer, pass } = setUp();
    writer.addPool('default', BY_NAME);
    writer.failNodeList = writerError(500);
    const result = await pass(['use1-az1'], 'keep-nodes');
    expect(result.state).toBe('error');
    expect(result.error).toBe(
      'The pass failed: the Kubernetes API server kept failing (5xx)',
    );
  });
});

describe('ClusterReconciler: the stored originals', () => {
  const ARN = TARGET.ref.arn;

  it('stores the original before narrowing and clears it once restored', async () => {
    const { writer, originals, pass } = setUp();
    writer.addPool('default', BY_NAME);
    await pass(['use1-az2']);
    expect(originals.of(ARN, 'default')).toEqual({
      originalZoneRequirements:
        writer.pools.get('default')!.annotations[
          ORIGINAL_ZONE_REQUIREMENTS_ANNOTATION
        ],
      awayZoneIds: ['use1-az2'],
    });
    await pass([]);
    expect(originals.of(ARN, 'default')).toBeUndefined();
  });

  it.each([
    ['deleted', (_a: Record<string, string>): Record<string, string> => ({})],
    [
      'edited',
      (a: Record<string, string>) => ({
        ...a,
        [ORIGINAL_ZONE_REQUIREMENTS_ANNOTATION]: JSON.stringify({
          version: 1,
          requirements: [
            {
              index: 1,
              requirement: {
                key: ZONE_NAME_KEY,
                operator: 'In',
                values: ['us-east-1a', 'us-east-1c'],
              },
            },
          ],
        }),
      }),
    ],
  ])(
    'annotations %s mid-shift: restored exactly from the store when the shift ends, and the status says so',
    async (_how, tamper) => {
      const { writer, originals, pass } = setUp();
      writer.addPool('default', BY_NAME);
      await pass(['use1-az2']);
      const pool = writer.pools.get('default')!;
      writer.pools.set('default', {
        ...pool,
        annotations: tamper(pool.annotations),
        resourceVersion: '999',
      });
      const ended = await pass([]);
      expect(ended.state).toBe('converged');
      expect(ended.nodePools[0]).toMatchObject({ outcome: 'restored' });
      expect(ended.nodePools[0].message).toMatch(
        /annotation .* while use1-az2 was excluded: the reconciler's stored original is used/,
      );
      expect(writer.pools.get('default')!.requirements).toEqual(BY_NAME);
      expect(writer.pools.get('default')!.annotations).toEqual({});
      expect(originals.of(ARN, 'default')).toBeUndefined();
    },
  );

  it('annotations deleted mid-shift: a pass during the shift writes them back', async () => {
    const { writer, pass } = setUp();
    writer.addPool('default', BY_NAME);
    await pass(['use1-az2']);
    const narrowed = structuredClone(writer.pools.get('default')!);
    writer.pools.set('default', { ...narrowed, annotations: {} });
    const again = await pass(['use1-az2']);
    expect(again.nodePools[0].outcome).toBe('patched');
    expect(writer.pools.get('default')!.annotations).toEqual(
      narrowed.annotations,
    );
    expect(writer.pools.get('default')!.requirements).toEqual(
      narrowed.requirements,
    );
  });

  it('does not narrow when the original cannot be stored', async () => {
    const { writer, originals, pass } = setUp();
    writer.addPool('default', BY_NAME);
    originals.failing = new Error('database is down at postgres://x');
    const result = await pass(['use1-az2']);
    expect(result.state).toBe('pending');
    expect(result.nodePools[0].outcome).toBe('failed');
    expect(result.nodePools[0].message).not.toMatch(/postgres/);
    expect(writer.patches).toEqual([]);
  });

  it('observe mode stores nothing for a narrowing it does not apply', async () => {
    const { writer, originals, pass } = setUp();
    writer.addPool('default', BY_NAME);
    await pass(['use1-az2'], 'observe');
    expect(originals.rows.size).toBe(0);
  });

  it('forgets the originals of NodePools that no longer exist', async () => {
    const { writer, originals, pass } = setUp();
    writer.addPool('default', BY_NAME);
    writer.addPool('gone', BY_NAME);
    await pass(['use1-az2']);
    expect(originals.rows.size).toBe(2);
    writer.pools.delete('gone');
    await pass(['use1-az2']);
    expect([...originals.rows.keys()]).toEqual([`${ARN} default`]);
  });
});
