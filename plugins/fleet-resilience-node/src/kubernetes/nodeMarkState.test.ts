import { nodeMarkStateFrom } from './nodeMarkState';

describe('nodeMarkStateFrom', () => {
  it('keeps the name, resourceVersion, zone labels and annotations', () => {
    expect(
      nodeMarkStateFrom({
        metadata: {
          name: 'ip-10-0-1-2.ec2.internal',
          resourceVersion: '17',
          labels: {
            'topology.kubernetes.io/zone': 'us-east-1a',
            'topology.k8s.aws/zone-id': 'use1-az1',
            other: 'x',
          },
          annotations: { 'karpenter.sh/do-not-disrupt': 'true' },
        },
        spec: {},
      }),
    ).toEqual({
      ok: true,
      value: {
        name: 'ip-10-0-1-2.ec2.internal',
        resourceVersion: '17',
        zoneName: 'us-east-1a',
        zoneId: 'use1-az1',
        annotations: { 'karpenter.sh/do-not-disrupt': 'true' },
      },
    });
  });

  it('leaves out zone labels a node does not have', () => {
    expect(
      nodeMarkStateFrom({ metadata: { name: 'n', resourceVersion: '1' } }),
    ).toEqual({
      ok: true,
      value: { name: 'n', resourceVersion: '1', annotations: {} },
    });
  });

  it.each([
    [{ metadata: { resourceVersion: '1' } }, /metadata.name is missing/],
    [{ metadata: { name: 'n' } }, /metadata.resourceVersion is missing/],
    [
      { metadata: { name: 'n', resourceVersion: '1', annotations: { a: 1 } } },
      /metadata.annotations.a is not a string/,
    ],
    [
      { metadata: { name: 'n', resourceVersion: '1', labels: [] } },
      /metadata.labels is not an object/,
    ],
    ['a string', /Node is not an object/],
  ])('turns %p into a problem', (node, message) => {
    expect(nodeMarkStateFrom(node)).toEqual({
      ok: false,
      problem: expect.objectContaining({
        source: 'kubernetes',
        message: expect.stringMatching(message),
      }),
    });
  });
});
