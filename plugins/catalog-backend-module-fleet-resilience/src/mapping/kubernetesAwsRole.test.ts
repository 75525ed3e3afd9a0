import { ConfigReader } from '@backstage/config';
import type { FleetInventoryCluster } from '@fleet-resilience/plugin-fleet-resilience-common';
import { readKubernetesAwsRoles } from '../config/readKubernetesAwsRoles';
import { ClusterEntityResult, entityFromCluster } from './entityFromCluster';

type JsonObject = ConstructorParameters<typeof ConfigReader>[0];

const CA = Buffer.from(
  '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
).toString('base64');

function cluster(
  accountId: string,
  region: string,
  overrides: Partial<FleetInventoryCluster> = {},
): FleetInventoryCluster {
  let partition = 'aws';
  if (region.startsWith('cn-')) partition = 'aws-cn';
  if (region.startsWith('us-gov-')) partition = 'aws-us-gov';
  return {
    ref: {
      accountId,
      region,
      name: 'payments',
      arn: `arn:${partition}:eks:${region}:${accountId}:cluster/payments`,
    },
    endpoint: `https://ABCDEF.gr7.${region}.eks.amazonaws.com`,
    certificateAuthorityData: CA,
    sourceId: 'aws-config',
    tags: {},
    firstSeenAt: '2026-11-22T10:00:00.000Z',
    lastSeenAt: '2026-11-22T10:00:00.000Z',
    ...overrides,
  };
}

/** The annotations the mapping writes with the roles the config names. */
function annotationsWith(config: JsonObject, input: FleetInventoryCluster) {
  const result: ClusterEntityResult = entityFromCluster(input, {
    defaultOwner: 'group:default/platform-team',
    entityTagKeys: [],
    kubernetesAwsRoles: readKubernetesAwsRoles(new ConfigReader(config)),
  });
  if (result.kind !== 'entity') throw new Error(result.reason);
  const annotations = result.entity.metadata.annotations!;
  return {
    role: annotations['kubernetes.io/aws-assume-role'],
    externalId: annotations['kubernetes.io/aws-external-id'],
    authProvider: annotations['kubernetes.io/auth-provider'],
    warnings: result.warnings,
  };
}

const INTEGRATION = {
  aws: {
    mainAccount: {},
    accounts: [
      {
        accountId: '111122223333',
        roleName: 'fleet-resilience-reader',
        externalId: 'ext-prod-1',
      },
      // Reached with its own keys: no role.
      {
        accountId: '444455556666',
        accessKeyId: 'AKIAEXAMPLE',
        secretAccessKey: 'secret',
      },
    ],
    accountDefaults: {
      roleName: 'org/fleet-resilience-reader',
      externalId: 'ext-default',
    },
  },
};

describe("the Kubernetes plugin's assume-role annotations", () => {
  it('name the role aws.accounts[] gives a listed account, with its external ID', () => {
    expect(
      annotationsWith(INTEGRATION, cluster('111122223333', 'us-east-1')),
    ).toEqual({
      role: 'arn:aws:iam::111122223333:role/fleet-resilience-reader',
      externalId: 'ext-prod-1',
      authProvider: 'aws',
      warnings: [],
    });
  });

  it.each([
    ['eu-west-1', 'arn:aws:iam::777788889999:role/org/fleet-resilience-reader'],
    [
      'cn-north-1',
      'arn:aws-cn:iam::777788889999:role/org/fleet-resilience-reader',
    ],
    [
      'us-gov-west-1',
      'arn:aws-us-gov:iam::777788889999:role/org/fleet-resilience-reader',
    ],
  ])(
    'name the accountDefaults role of an unlisted account in %s, in its partition',
    (region, arn) => {
      expect(
        annotationsWith(INTEGRATION, cluster('777788889999', region)),
      ).toMatchObject({ role: arn, externalId: 'ext-default' });
    },
  );

  it('are absent for a listed account without a role, even with accountDefaults', () => {
    expect(
      annotationsWith(INTEGRATION, cluster('444455556666', 'us-east-1')),
    ).toEqual({
      role: undefined,
      externalId: undefined,
      authProvider: 'aws',
      warnings: [],
    });
  });

  it('are absent when the aws integration names no role at all', () => {
    for (const config of [
      {},
      { aws: { accounts: [{ accountId: '111122223333', profile: 'p' }] } },
    ]) {
      expect(
        annotationsWith(config, cluster('111122223333', 'us-east-1')),
      ).toMatchObject({ role: undefined, externalId: undefined });
      expect(
        annotationsWith(config, cluster('777788889999', 'us-east-1')),
      ).toMatchObject({ role: undefined, externalId: undefined });
    }
  });

  it('carry no external ID when none is configured', () => {
    const config = {
      aws: { accountDefaults: { roleName: 'fleet-resilience-reader' } },
    };
    const { role, externalId } = annotationsWith(
      config,
      cluster('777788889999', 'us-east-1'),
    );
    expect(role).toBe('arn:aws:iam::777788889999:role/fleet-resilience-reader');
    expect(externalId).toBeUndefined();
  });

  it("name the module's own role for every account when configured", () => {
    const config = {
      ...INTEGRATION,
      catalog: {
        providers: {
          fleetResilience: {
            kubernetes: {
              assumeRoleName: 'backstage-kubernetes-viewer',
              externalId: 'k8s-ext',
            },
          },
        },
      },
    };
    for (const [accountId, region, arn] of [
      [
        '111122223333',
        'us-east-1',
        'arn:aws:iam::111122223333:role/backstage-kubernetes-viewer',
      ],
      [
        '444455556666',
        'us-east-1',
        'arn:aws:iam::444455556666:role/backstage-kubernetes-viewer',
      ],
      [
        '777788889999',
        'cn-northwest-1',
        'arn:aws-cn:iam::777788889999:role/backstage-kubernetes-viewer',
      ],
    ]) {
      expect(annotationsWith(config, cluster(accountId, region))).toMatchObject(
        { role: arn, externalId: 'k8s-ext' },
      );
    }
  });

  it('are left out, with a warning, when the ARN names no partition', () => {
    const input = cluster('777788889999', 'us-east-1', {});
    input.ref = { ...input.ref, arn: 'payments' };
    expect(annotationsWith(INTEGRATION, input)).toMatchObject({
      role: undefined,
      externalId: undefined,
      warnings: [
        'kubernetes.io/aws-assume-role left out: the cluster ARN names no AWS partition',
      ],
    });
  });

  it('are absent from a cluster without an API server, which the plugin cannot use', () => {
    expect(
      annotationsWith(
        INTEGRATION,
        cluster('111122223333', 'us-east-1', { endpoint: undefined }),
      ),
    ).toMatchObject({ role: undefined, authProvider: undefined });
  });
});

describe('readKubernetesAwsRoles', () => {
  const own = (kubernetes: JsonObject) =>
    new ConfigReader({
      catalog: { providers: { fleetResilience: { kubernetes } } },
    });

  it.each([
    [
      own({ assumeRoleName: 'not a role' }),
      /assumeRoleName: 'not a role' is not an IAM role name/,
    ],
    [
      own({ assumeRoleName: 'r', externalId: 'x' }),
      /external ID must be 2-1224 characters/,
    ],
    [
      own({ externalId: 'abc' }),
      /externalId is only read with .*assumeRoleName/,
    ],
    [
      new ConfigReader({
        aws: { accounts: [{ accountId: '111122223333', roleName: 'a b' }] },
      }),
      /aws\.accounts\[0\]\.roleName: 'a b' is not an IAM role name/,
    ],
    [
      new ConfigReader({
        aws: { accountDefaults: { roleName: 'r', externalId: 'x y' } },
      }),
      /aws\.accountDefaults\.roleName: the external ID must be/,
    ],
  ])('refuses a bad value, naming the key (%#)', (config, message) => {
    expect(() => readKubernetesAwsRoles(config)).toThrow(message);
  });

  it('never echoes an external ID in its error', () => {
    expect(() =>
      readKubernetesAwsRoles(
        own({ assumeRoleName: 'r', externalId: 'secret value!' }),
      ),
    ).toThrow(
      expect.objectContaining({
        message: expect.not.stringContaining('secret value'),
      }),
    );
  });
});
