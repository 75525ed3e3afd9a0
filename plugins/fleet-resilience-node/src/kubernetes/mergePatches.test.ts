import { InputError } from '@backstage/errors';
import { MAX_NODEPOOL_REQUIREMENTS } from '@fleet-resilience/plugin-fleet-resilience-common';
import {
  checkObjectName,
  nodeAnnotationsMergePatch,
  nodePoolMergePatch,
} from './mergePatches';

const zones = {
  key: 'topology.kubernetes.io/zone',
  operator: 'In' as const,
  values: ['us-east-1a', 'us-east-1c'],
};

describe('nodePoolMergePatch', () => {
  it('carries the resourceVersion, the whole requirements list and the annotations', () => {
    expect(
      nodePoolMergePatch({
        resourceVersion: '42',
        requirements: [
          zones,
          { key: 'karpenter.sh/capacity-type', operator: 'Exists' },
          {
            key: 'karpenter.k8s.aws/instance-cpu',
            operator: 'Gt',
            values: ['3'],
            minValues: 1,
          },
        ],
        annotations: {
          'fleet-resilience.io/away-zones': 'use1-az2',
          gone: null,
        },
      }),
    ).toEqual({
      metadata: {
        resourceVersion: '42',
        annotations: {
          'fleet-resilience.io/away-zones': 'use1-az2',
          gone: null,
        },
      },
      spec: {
        template: {
          spec: {
            requirements: [
              zones,
              { key: 'karpenter.sh/capacity-type', operator: 'Exists' },
              {
                key: 'karpenter.k8s.aws/instance-cpu',
                operator: 'Gt',
                values: ['3'],
                minValues: 1,
              },
            ],
          },
        },
      },
    });
  });

  it('sends only the fields given', () => {
    expect(
      nodePoolMergePatch({ resourceVersion: '7', annotations: { a: 'b' } }),
    ).toEqual({ metadata: { resourceVersion: '7', annotations: { a: 'b' } } });
    expect(
      nodePoolMergePatch({ resourceVersion: '7', requirements: [zones] }),
    ).toEqual({
      metadata: { resourceVersion: '7' },
      spec: { template: { spec: { requirements: [zones] } } },
    });
  });

  it('drops members of a requirement the CRD does not know', () => {
    const patch = nodePoolMergePatch({
      resourceVersion: '7',
      requirements: [{ ...zones, extra: 'x' } as typeof zones],
    });
    expect(patch.spec?.template.spec.requirements).toEqual([zones]);
  });

  it.each([
    ['no resourceVersion', { requirements: [zones] }, /resourceVersion/],
    [
      'an empty resourceVersion',
      { resourceVersion: '', requirements: [zones] },
      /resourceVersion/,
    ],
    [
      'a resourceVersion with spaces',
      { resourceVersion: '1 2', requirements: [zones] },
      /resourceVersion/,
    ],
    [
      'nothing to change',
      { resourceVersion: '1' },
      /needs requirements or annotations/,
    ],
    [
      'requirements that are not a list',
      { resourceVersion: '1', requirements: {} },
      /must be a list/,
    ],
    [
      'an In requirement without values',
      { resourceVersion: '1', requirements: [{ ...zones, values: [] }] },
      /requirements\[0\]: an In requirement needs at least one value/,
    ],
    [
      'an unknown operator',
      { resourceVersion: '1', requirements: [{ ...zones, operator: 'Maybe' }] },
      /requirements\[0\]\.operator 'Maybe'/,
    ],
    [
      'a Gt with a non-integer',
      {
        resourceVersion: '1',
        requirements: [{ key: 'k', operator: 'Gt', values: ['x'] }],
      },
      /Gt needs exactly one integer value/,
    ],
    [
      'too many requirements',
      {
        resourceVersion: '1',
        requirements: Array(MAX_NODEPOOL_REQUIREMENTS + 1).fill(zones),
      },
      /at most 100 requirements/,
    ],
    [
      'annotations that are a list',
      { resourceVersion: '1', annotations: [] },
      /annotations must be an object/,
    ],
    [
      'an annotation that is a number',
      { resourceVersion: '1', annotations: { a: 1 } },
      /annotation a must be a string, or null/,
    ],
    [
      'an annotation key with a space',
      { resourceVersion: '1', annotations: { 'a b': 'x' } },
      /annotation key "a b"/,
    ],
    [
      'an annotation key with an empty prefix',
      { resourceVersion: '1', annotations: { '/a': 'x' } },
      /annotation key "\/a"/,
    ],
    [
      'an annotation key with an uppercase prefix',
      { resourceVersion: '1', annotations: { 'Fleet.io/a': 'x' } },
      /annotation key/,
    ],
    [
      'an annotation name over 63 characters',
      { resourceVersion: '1', annotations: { [`x/${'a'.repeat(64)}`]: 'x' } },
      /annotation key/,
    ],
  ])('refuses %s', (_, input, message) => {
    const attempt = () => nodePoolMergePatch(input as never);
    expect(attempt).toThrow(InputError);
    expect(attempt).toThrow(message);
  });
});

describe('nodeAnnotationsMergePatch', () => {
  it('carries the resourceVersion and the annotations only', () => {
    expect(
      nodeAnnotationsMergePatch({
        resourceVersion: '9',
        annotations: { 'karpenter.sh/do-not-disrupt': 'true', old: null },
      }),
    ).toEqual({
      metadata: {
        resourceVersion: '9',
        annotations: { 'karpenter.sh/do-not-disrupt': 'true', old: null },
      },
    });
  });

  it('refuses an empty change and a missing resourceVersion', () => {
    expect(() =>
      nodeAnnotationsMergePatch({ resourceVersion: '9', annotations: {} }),
    ).toThrow(/at least one annotation/);
    expect(() =>
      nodeAnnotationsMergePatch({ annotations: { a: 'b' } } as never),
    ).toThrow(/resourceVersion/);
  });
});

describe('checkObjectName', () => {
  it.each(['default', 'ip-10-0-1-2.ec2.internal', 'a'])('accepts %s', name =>
    expect(checkObjectName('Node', name)).toBe(name),
  );
  it.each(['', 'Default', '-a', 'a/b', 'a..b', 'x'.repeat(254), 42])(
    'refuses %p',
    name => expect(() => checkObjectName('Node', name)).toThrow(InputError),
  );
});
