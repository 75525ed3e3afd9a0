import {
  entityEnvelopeSchemaValidator,
  entitySchemaValidator,
  KubernetesValidatorFunctions,
  resourceEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import type { FleetInventoryCluster } from '@fleet-resilience/plugin-fleet-resilience-common';
import {
  ClusterEntityOptions,
  ClusterEntityResult,
  entityFromCluster,
} from './entityFromCluster';

const OPTIONS: ClusterEntityOptions = {
  defaultOwner: 'group:default/platform-team',
  entityTagKeys: ['environment'],
};

const CA = Buffer.from(
  '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
).toString('base64');

function cluster(
  overrides: Partial<FleetInventoryCluster> = {},
): FleetInventoryCluster {
  return {
    ref: {
      accountId: '111122223333',
      region: 'us-east-1',
      name: 'payments-prod-use1',
      arn: 'arn:aws:eks:us-east-1:111122223333:cluster/payments-prod-use1',
    },
    version: '1.33',
    status: 'ACTIVE',
    endpoint: 'https://ABCDEF.gr7.us-east-1.eks.amazonaws.com',
    certificateAuthorityData: CA,
    sourceId: 'aws-config',
    tags: { owner: 'payments-team', system: 'payments', environment: 'prod' },
    owner: 'payments-team',
    system: 'payments',
    firstSeenAt: '2026-11-22T10:00:00.000Z',
    lastSeenAt: '2026-11-22T10:00:00.000Z',
    ...overrides,
  };
}

function entityOf(result: ClusterEntityResult) {
  if (result.kind !== 'entity') {
    throw new Error(`expected an entity, got: ${result.reason}`);
  }
  return result;
}

const validateEnvelope = entityEnvelopeSchemaValidator();
const validateEntity = entitySchemaValidator();

async function expectCatalogValid(result: ClusterEntityResult) {
  const { entity } = entityOf(result);
  expect(() => validateEnvelope(entity)).not.toThrow();
  expect(() => validateEntity(entity)).not.toThrow();
  await expect(resourceEntityV1alpha1Validator.check(entity)).resolves.toBe(
    true,
  );
  expect(
    KubernetesValidatorFunctions.isValidObjectName(entity.metadata.name),
  ).toBe(true);
  for (const [key, value] of Object.entries(entity.metadata.labels ?? {})) {
    expect(KubernetesValidatorFunctions.isValidLabelKey(key)).toBe(true);
    expect(KubernetesValidatorFunctions.isValidLabelValue(value)).toBe(true);
  }
  for (const key of Object.keys(entity.metadata.annotations ?? {})) {
    expect(KubernetesValidatorFunctions.isValidAnnotationKey(key)).toBe(true);
  }
  for (const tag of entity.metadata.tags ?? []) {
    expect(tag).toMatch(/^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$/);
    expect(tag.length).toBeLessThanOrEqual(63);
  }
}

describe('entityFromCluster', () => {
  it('maps a cluster to a kubernetes-cluster Resource', async () => {
    const result = entityFromCluster(cluster(), OPTIONS);
    await expectCatalogValid(result);
    const { entity, warnings } = entityOf(result);
    expect(warnings).toEqual([]);
    expect(entity).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'payments-prod-use1-us-east-1-111122223333',
        namespace: 'default',
        title: 'payments-prod-use1',
        description:
          'Amazon EKS cluster payments-prod-use1 in account 111122223333, region us-east-1, Kubernetes 1.33, status ACTIVE.',
        annotations: {
          'backstage.io/managed-by-location': 'fleet-resilience:aws-config',
          'backstage.io/managed-by-origin-location':
            'fleet-resilience:aws-config',
          'fleet-resilience.io/inventory-source': 'aws-config',
          'fleet-resilience.io/cluster-arn':
            'arn:aws:eks:us-east-1:111122223333:cluster/payments-prod-use1',
          'fleet-resilience.io/account-id': '111122223333',
          'fleet-resilience.io/region': 'us-east-1',
          'fleet-resilience.io/cluster-name': 'payments-prod-use1',
          'kubernetes.io/api-server':
            'https://ABCDEF.gr7.us-east-1.eks.amazonaws.com',
          'kubernetes.io/api-server-certificate-authority': CA,
          'kubernetes.io/auth-provider': 'aws',
          'kubernetes.io/x-k8s-aws-id': 'payments-prod-use1',
        },
        labels: {
          'fleet-resilience.io/account-id': '111122223333',
          'fleet-resilience.io/region': 'us-east-1',
          'fleet-resilience.io/kubernetes-version': '1.33',
        },
        tags: ['eks', 'prod'],
        links: [
          {
            url: 'https://us-east-1.console.aws.amazon.com/eks/home?region=us-east-1#/clusters/payments-prod-use1',
            title: 'AWS console',
            icon: 'dashboard',
            type: 'aws-console',
          },
        ],
      },
      spec: {
        type: 'kubernetes-cluster',
        owner: 'group:default/payments-team',
        system: 'system:default/payments',
      },
    });
  });

  it.each(['ready', 'at-risk', 'not-ready', 'unknown'] as const)(
    'labels the readiness verdict %s, filterable in the catalog',
    async readiness => {
      const result = entityFromCluster(cluster({ readiness }), OPTIONS);
      await expectCatalogValid(result);
      expect(entityOf(result).entity.metadata.labels).toEqual({
        'fleet-resilience.io/account-id': '111122223333',
        'fleet-resilience.io/region': 'us-east-1',
        'fleet-resilience.io/kubernetes-version': '1.33',
        'fleet-resilience.io/readiness': readiness,
      });
    },
  );

  it('has no readiness label when the inventory carries no verdict', () => {
    const { entity } = entityOf(entityFromCluster(cluster(), OPTIONS));
    expect(entity.metadata.labels).not.toHaveProperty(
      'fleet-resilience.io/readiness',
    );
  });

  it('names the same cluster name in two accounts differently', () => {
    const a = entityOf(entityFromCluster(cluster(), OPTIONS)).entity;
    const b = entityOf(
      entityFromCluster(
        cluster({
          ref: {
            accountId: '444455556666',
            region: 'us-east-1',
            name: 'payments-prod-use1',
            arn: 'arn:aws:eks:us-east-1:444455556666:cluster/payments-prod-use1',
          },
        }),
        OPTIONS,
      ),
    ).entity;
    expect(a.metadata.name).not.toBe(b.metadata.name);
    expect(a.metadata.title).toBe(b.metadata.title);
  });

  describe('owner', () => {
    it.each([
      ['a bare name', 'search-team', 'group:default/search-team'],
      ['a group ref', 'group:search-team', 'group:default/search-team'],
      ['a user ref in a namespace', 'user:corp/jdoe', 'user:corp/jdoe'],
      [
        'an uppercase kind and name',
        'Group:default/Search-Team',
        'group:default/search-team',
      ],
      ['surrounding spaces', '  search-team ', 'group:default/search-team'],
    ])('accepts %s', (_label, value, expected) => {
      const { entity, warnings } = entityOf(
        entityFromCluster(cluster({ owner: value }), OPTIONS),
      );
      expect(entity.spec?.owner).toBe(expected);
      expect(warnings).toEqual([]);
    });

    it.each([
      ['an e-mail address', 'payments-team@example.com', 'invalid entity name'],
      ['a component', 'component:default/api', 'expected group or user'],
      ['an empty value', '', 'empty'],
      ['a kind without a name', 'group:', 'not an entity ref'],
      ['too many colons', 'group:a:b', 'invalid entity name'],
      ['a name too long', 'x'.repeat(64), 'invalid entity name'],
    ])(
      'falls back to the default owner for %s, with a warning',
      async (_label, value, why) => {
        const result = entityFromCluster(cluster({ owner: value }), OPTIONS);
        await expectCatalogValid(result);
        const { entity, warnings } = entityOf(result);
        expect(entity.spec?.owner).toBe('group:default/platform-team');
        expect(warnings).toHaveLength(1);
        expect(warnings[0]).toContain('owner tag ignored');
        expect(warnings[0]).toContain(why);
      },
    );

    it('uses the default owner silently when the tag is absent', () => {
      const { entity, warnings } = entityOf(
        entityFromCluster(cluster({ owner: undefined }), OPTIONS),
      );
      expect(entity.spec?.owner).toBe('group:default/platform-team');
      expect(warnings).toEqual([]);
    });

    it('takes owner and system as the backend read them (its configured tags), not from the tags', () => {
      const { entity } = entityOf(
        entityFromCluster(
          cluster({
            tags: { owner: 'ignored', system: 'ignored' },
            owner: 'search-team',
            system: 'search',
          }),
          OPTIONS,
        ),
      );
      expect(entity.spec?.owner).toBe('group:default/search-team');
      expect(entity.spec?.system).toBe('system:default/search');
    });
  });

  describe('system', () => {
    it('is left out when the tag is absent and there is no default', () => {
      const { entity } = entityOf(
        entityFromCluster(cluster({ system: undefined }), OPTIONS),
      );
      expect(entity.spec).not.toHaveProperty(['system']);
    });

    it('uses the default system when the tag is absent or bad', () => {
      const options = { ...OPTIONS, defaultSystem: 'system:default/eks-fleet' };
      const absent = entityOf(
        entityFromCluster(cluster({ system: undefined }), options),
      );
      const bad = entityOf(
        entityFromCluster(cluster({ system: 'group:x' }), options),
      );
      expect(absent.entity.spec?.system).toBe('system:default/eks-fleet');
      expect(bad.entity.spec?.system).toBe('system:default/eks-fleet');
      expect(bad.warnings[0]).toContain('expected system');
    });
  });

  describe('Kubernetes annotations', () => {
    it('are left out without an endpoint', async () => {
      const result = entityFromCluster(
        cluster({ endpoint: undefined }),
        OPTIONS,
      );
      await expectCatalogValid(result);
      const annotations = entityOf(result).entity.metadata.annotations!;
      expect(
        Object.keys(annotations).filter(key =>
          key.startsWith('kubernetes.io/'),
        ),
      ).toEqual([]);
    });

    it('skip an endpoint that is not an http(s) URL, with a warning', () => {
      const { entity, warnings } = entityOf(
        entityFromCluster(cluster({ endpoint: 'file:///etc/passwd' }), OPTIONS),
      );
      expect(entity.metadata.annotations).not.toHaveProperty([
        'kubernetes.io/api-server',
      ]);
      expect(warnings).toEqual(['endpoint ignored: not an http(s) URL']);
    });

    it('skip certificate data that is not base64, keeping the endpoint', () => {
      const { entity, warnings } = entityOf(
        entityFromCluster(
          cluster({ certificateAuthorityData: '-----BEGIN CERT' }),
          OPTIONS,
        ),
      );
      expect(entity.metadata.annotations).toHaveProperty([
        'kubernetes.io/api-server',
      ]);
      expect(entity.metadata.annotations).not.toHaveProperty([
        'kubernetes.io/api-server-certificate-authority',
      ]);
      expect(warnings).toEqual([
        'certificate authority data ignored: not base64',
      ]);
    });

    it('sign tokens for the EKS cluster name, not the entity name', () => {
      const { entity } = entityOf(
        entityFromCluster(
          cluster({
            ref: {
              accountId: '111122223333',
              region: 'us-east-1',
              name: 'Payments_Prod',
              arn: 'arn:aws:eks:us-east-1:111122223333:cluster/Payments_Prod',
            },
          }),
          OPTIONS,
        ),
      );
      expect(entity.metadata.name).not.toBe('Payments_Prod');
      expect(entity.metadata.annotations!['kubernetes.io/x-k8s-aws-id']).toBe(
        'Payments_Prod',
      );
    });
  });

  describe('tags, labels and links', () => {
    it('sanitises tag values and drops what cannot be kept', async () => {
      const result = entityFromCluster(
        cluster({ tags: { environment: 'Pre Prod / EU', team: 'x' } }),
        { ...OPTIONS, entityTagKeys: ['environment', 'missing', 'team'] },
      );
      await expectCatalogValid(result);
      expect(entityOf(result).entity.metadata.tags).toEqual([
        'eks',
        'pre-prod-eu',
        'x',
      ]);
    });

    it('drops a tag value with nothing usable and deduplicates', () => {
      const { entity } = entityOf(
        entityFromCluster(
          cluster({ tags: { a: '生产', b: 'EKS', c: 'eks' } }),
          {
            ...OPTIONS,
            entityTagKeys: ['a', 'b', 'c'],
          },
        ),
      );
      expect(entity.metadata.tags).toEqual(['eks']);
    });

    it('leaves out a version label that is not a valid label value', () => {
      const { entity } = entityOf(
        entityFromCluster(cluster({ version: '1.33 beta' }), OPTIONS),
      );
      expect(entity.metadata.labels).not.toHaveProperty([
        'fleet-resilience.io/kubernetes-version',
      ]);
      expect(entity.metadata.description).toContain('Kubernetes 1.33 beta');
    });

    it('links the China and GovCloud consoles, and none for ISO partitions', () => {
      const linkOf = (region: string, partition: string) =>
        entityOf(
          entityFromCluster(
            cluster({
              ref: {
                accountId: '111122223333',
                region,
                name: 'c',
                arn: `arn:${partition}:eks:${region}:111122223333:cluster/c`,
              },
            }),
            OPTIONS,
          ),
        ).entity.metadata.links?.[0]?.url;
      expect(linkOf('cn-north-1', 'aws-cn')).toBe(
        'https://cn-north-1.console.amazonaws.cn/eks/home?region=cn-north-1#/clusters/c',
      );
      expect(linkOf('us-gov-west-1', 'aws-us-gov')).toBe(
        'https://us-gov-west-1.console.amazonaws-us-gov.com/eks/home?region=us-gov-west-1#/clusters/c',
      );
      expect(linkOf('us-iso-east-1', 'aws-iso')).toBeUndefined();
    });
  });

  describe('nasty inputs', () => {
    it.each([
      ['a 100-character name', 'c'.repeat(100)],
      ['dots and uppercase', 'Prod.Cluster..A'],
      ['unicode', 'clúster-生产-🚀'],
      ['spaces', 'my cluster'],
    ])('still gives a catalog-valid entity for %s', async (_label, name) => {
      const result = entityFromCluster(
        cluster({
          ref: {
            accountId: '111122223333',
            region: 'eu-west-1',
            name,
            arn: `arn:aws:eks:eu-west-1:111122223333:cluster/${name}`,
          },
        }),
        OPTIONS,
      );
      await expectCatalogValid(result);
      const { entity } = entityOf(result);
      expect(entity.metadata.title).toBe(name);
      expect(
        entity.metadata.annotations!['fleet-resilience.io/cluster-name'],
      ).toBe(name);
    });

    it.each([
      ['no ref', { ref: undefined }, 'no cluster reference'],
      [
        'an empty name',
        {
          ref: {
            accountId: '111122223333',
            region: 'us-east-1',
            name: ' ',
            arn: 'arn:x',
          },
        },
        'lacks name',
      ],
      [
        'no ARN nor account',
        { ref: { accountId: '', region: 'us-east-1', name: 'a', arn: '' } },
        'lacks arn, accountId',
      ],
      ['no inventory source', { sourceId: '' }, 'no inventory source id'],
    ])('skips a cluster with %s, saying why', (_label, overrides, reason) => {
      const result = entityFromCluster(
        cluster(overrides as unknown as Partial<FleetInventoryCluster>),
        OPTIONS,
      );
      expect(result.kind).toBe('skipped');
      expect(result.kind === 'skipped' && result.reason).toContain(reason);
    });
  });
});
