import { nodePoolStateFrom } from './nodePoolState';

function nodePool(requirements: unknown, extra: Record<string, unknown> = {}) {
  return {
    apiVersion: 'karpenter.sh/v1',
    kind: 'NodePool',
    metadata: {
      name: 'default',
      resourceVersion: '4711',
      annotations: { 'karpenter.sh/nodepool-hash-version': 'v3' },
    },
    spec: {
      template: { spec: { nodeClassRef: { name: 'default' }, requirements } },
      weight: 10,
      ...extra,
    },
  };
}

const ZONE_IN = {
  key: 'topology.kubernetes.io/zone',
  operator: 'In',
  values: ['us-east-1a', 'us-east-1b'],
};

describe('nodePoolStateFrom', () => {
  it('keeps validated requirements, annotations, weight and the raw object', () => {
    const raw = nodePool([
      ZONE_IN,
      { key: 'karpenter.sh/capacity-type', operator: 'Exists', minValues: 1 },
    ]);
    expect(nodePoolStateFrom(raw)).toEqual({
      ok: true,
      value: {
        name: 'default',
        resourceVersion: '4711',
        requirements: [
          {
            key: 'topology.kubernetes.io/zone',
            operator: 'In',
            values: ['us-east-1a', 'us-east-1b'],
          },
          {
            key: 'karpenter.sh/capacity-type',
            operator: 'Exists',
            minValues: 1,
          },
        ],
        annotations: { 'karpenter.sh/nodepool-hash-version': 'v3' },
        weight: 10,
        raw,
      },
    });
  });

  it('reads a NodePool without requirements as requiring nothing', () => {
    const result = nodePoolStateFrom(nodePool(undefined));
    expect(result.ok && result.value.requirements).toEqual([]);
  });

  it.each<[string, unknown, string]>([
    [
      'an unknown operator',
      nodePool([{ key: 'k', operator: 'Like', values: ['a'] }]),
      'not a Karpenter operator',
    ],
    [
      'an empty In',
      nodePool([{ key: 'k', operator: 'In', values: [] }]),
      'at least one value',
    ],
    [
      'a Gt without one integer',
      nodePool([{ key: 'k', operator: 'Gt', values: ['a'] }]),
      'exactly one integer',
    ],
    [
      'values that are not strings',
      nodePool([{ key: 'k', operator: 'NotIn', values: [1] }]),
      'not a list of strings',
    ],
    ['requirements that are not a list', nodePool({ key: 'k' }), 'not a list'],
    [
      'a requirement without key',
      nodePool([{ operator: 'Exists' }]),
      'key is missing',
    ],
    ['a weight out of range', nodePool([], { weight: 101 }), 'spec.weight'],
    [
      'no resourceVersion',
      { metadata: { name: 'x' }, spec: {} },
      'resourceVersion is missing',
    ],
    [
      'no spec',
      { metadata: { name: 'x', resourceVersion: '1' } },
      'spec is not an object',
    ],
  ])('turns a NodePool with %s into a problem', (_what, object, message) => {
    const result = nodePoolStateFrom(object);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem.message).toContain(message);
    expect(!result.ok && result.problem.resource).toMatch(/^NodePool\//);
  });
});
