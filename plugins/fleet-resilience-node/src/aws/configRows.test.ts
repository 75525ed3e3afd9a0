import { parseClusterRow, parseSubnetRow } from './configRows';

const ARN = 'arn:aws:eks:us-east-1:111122223333:cluster/payments-prod-use1';
const SUBNET_A = 'subnet-0123456789abcdef0';
const SUBNET_B = 'subnet-0fedcba9876543210';
const CA = Buffer.from(
  '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
).toString('base64');

function clusterRow(
  overrides: Record<string, unknown> = {},
  configuration: Record<string, unknown> = {},
) {
  return {
    resourceId: 'payments-prod-use1',
    resourceName: 'payments-prod-use1',
    accountId: '111122223333',
    awsRegion: 'us-east-1',
    arn: ARN,
    tags: [
      { key: 'owner', value: 'payments-team' },
      { key: 'environment', value: 'prod' },
    ],
    configurationItemCaptureTime: '2026-11-22T08:00:00.000Z',
    configuration: {
      Name: 'payments-prod-use1',
      Arn: ARN,
      Version: '1.33',
      ClusterStatus: 'ACTIVE',
      Endpoint: 'https://ABCDEF0123456789.gr7.us-east-1.eks.amazonaws.com',
      CertificateAuthorityData: CA,
      ResourcesVpcConfig: {
        SubnetIds: [SUBNET_A, SUBNET_B],
        SecurityGroupIds: ['sg-0123456789abcdef0'],
      },
      ...configuration,
    },
    ...overrides,
  };
}

const secure = { allowInsecureEndpoints: false };

describe('parseClusterRow', () => {
  it('reads a Select row (a JSON string) with PascalCase configuration and tag list', () => {
    const result = parseClusterRow(JSON.stringify(clusterRow()), secure);
    expect(result).toEqual({
      ok: true,
      problems: [],
      value: {
        ref: {
          accountId: '111122223333',
          region: 'us-east-1',
          name: 'payments-prod-use1',
          arn: ARN,
        },
        version: '1.33',
        status: 'ACTIVE',
        endpoint: 'https://abcdef0123456789.gr7.us-east-1.eks.amazonaws.com',
        certificateAuthorityData: CA,
        subnetIds: [SUBNET_A, SUBNET_B],
        securityGroupIds: ['sg-0123456789abcdef0'],
        tags: { owner: 'payments-team', environment: 'prod' },
        capturedAt: '2026-11-22T08:00:00.000Z',
      },
    });
  });

  it('takes configuration as a JSON-encoded string too', () => {
    const row = clusterRow();
    const result = parseClusterRow(
      JSON.stringify({
        ...row,
        configuration: JSON.stringify(row.configuration),
      }),
      secure,
    );
    expect(result.ok && result.value.subnetIds).toEqual([SUBNET_A, SUBNET_B]);
  });

  it('drops an http endpoint with a problem unless insecure endpoints are allowed', () => {
    const row = clusterRow({}, { Endpoint: 'http://127.0.0.1:4566/k8s/abc' });
    const strict = parseClusterRow(row, secure);
    expect(strict.ok).toBe(true);
    expect(strict.ok && strict.value.endpoint).toBeUndefined();
    expect(strict.ok && strict.problems).toEqual([
      expect.objectContaining({
        source: 'aws-config',
        resource: ARN,
        message: expect.stringContaining('must use https'),
      }),
    ]);
    const relaxed = parseClusterRow(row, { allowInsecureEndpoints: true });
    expect(relaxed.ok && relaxed.value.endpoint).toBe(
      'http://127.0.0.1:4566/k8s/abc',
    );
    expect(relaxed.ok && relaxed.problems).toEqual([]);
  });

  it.each([
    ['ftp://example.com', 'must use https'],
    ['https://user:secret@example.com', 'must not carry credentials'],
    ['https://example.com/?x=1', 'must not have a query'],
    ['not a url', 'is not a URL'],
  ])('drops endpoint %j: %s', (Endpoint, reason) => {
    const result = parseClusterRow(clusterRow({}, { Endpoint }), {
      allowInsecureEndpoints: true,
    });
    expect(result.ok && result.value.endpoint).toBeUndefined();
    expect(result.ok && result.problems[0].message).toContain(reason);
  });

  it('never puts credentials from a refused endpoint into the problem', () => {
    const result = parseClusterRow(
      clusterRow({}, { Endpoint: 'https://user:secret@example.com' }),
      secure,
    );
    expect(JSON.stringify(result)).not.toContain('secret');
  });

  it('drops certificate data that is not base64, keeping the cluster', () => {
    const result = parseClusterRow(
      clusterRow({}, { CertificateAuthorityData: 'not base64!' }),
      secure,
    );
    expect(result.ok && result.value.certificateAuthorityData).toBeUndefined();
    expect(result.ok && result.problems[0].message).toContain(
      'certificate authority dropped',
    );
  });

  it.each<[string, unknown, string]>([
    ['a row that is not JSON', '{"arn": ', 'not JSON'],
    ['a row that is an array', '[]', 'not a JSON object'],
    ['a row without arn', clusterRow({ arn: undefined }), 'no arn'],
    [
      'a malformed ARN',
      clusterRow({ arn: 'arn:aws:eks:us-east-1:1234:cluster/x' }),
      'Invalid EKS cluster ARN',
    ],
    [
      'an accountId that contradicts the ARN',
      clusterRow({ accountId: '444455556666' }),
      'does not match the ARN',
    ],
    [
      'an awsRegion that contradicts the ARN',
      clusterRow({ awsRegion: 'eu-west-1' }),
      'does not match the ARN',
    ],
    [
      'a Name that contradicts the ARN',
      clusterRow({}, { Name: 'other' }),
      'does not match the ARN',
    ],
    [
      'no configuration',
      clusterRow({ configuration: undefined }),
      'no configuration',
    ],
    [
      'configuration that is a string but not JSON',
      clusterRow({ configuration: '{oops' }),
      'not JSON',
    ],
    [
      'SubnetIds that is not a list',
      clusterRow(
        {},
        { ResourcesVpcConfig: { SubnetIds: 'subnet-0123456789abcdef0' } },
      ),
      'not a list of strings',
    ],
    [
      'tags that are not a list',
      clusterRow({ tags: { owner: 'x' } }),
      'tags is not a list',
    ],
    [
      'a tag without key',
      clusterRow({ tags: [{ value: 'x' }] }),
      'no string key',
    ],
    [
      'a Version that is not a version',
      clusterRow({}, { Version: 'latest' }),
      'not a Kubernetes version',
    ],
    [
      'an Endpoint that is a number',
      clusterRow({}, { Endpoint: 42 }),
      'configuration.Endpoint is not a string',
    ],
  ])('turns %s into one problem', (_what, row, message) => {
    const result = parseClusterRow(
      typeof row === 'string' ? row : JSON.stringify(row),
      secure,
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem.source).toBe('aws-config');
    expect(!result.ok && result.problem.message).toContain(message);
  });

  it('drops a malformed subnet ID (one that could inject a query) and keeps the cluster and its other subnets', () => {
    const result = parseClusterRow(
      clusterRow(
        {},
        {
          ResourcesVpcConfig: {
            SubnetIds: [SUBNET_A, "subnet-1' OR '1'='1", 'subnet-\u0000'],
          },
        },
      ),
      secure,
    );
    expect(result.ok).toBe(true);
    expect(result.ok && result.value.subnetIds).toEqual([SUBNET_A]);
    expect(result.ok && result.problems).toEqual([
      {
        source: 'aws-config',
        resource: ARN,
        message: expect.stringMatching(
          /^subnet dropped: .*OR.* is not a subnet ID$/,
        ),
      },
      {
        source: 'aws-config',
        resource: ARN,
        message: expect.stringContaining('subnet dropped'),
      },
    ]);
  });

  it('names the ARN in the problem when the row had one', () => {
    const result = parseClusterRow(clusterRow({ tags: 'x' }), secure);
    expect(!result.ok && result.problem.resource).toBe(ARN);
  });

  it('accepts a row without optional parts', () => {
    const result = parseClusterRow({ arn: ARN, configuration: {} }, secure);
    expect(result).toEqual({
      ok: true,
      problems: [],
      value: {
        ref: expect.objectContaining({ arn: ARN }),
        subnetIds: [],
        securityGroupIds: [],
        tags: {},
      },
    });
  });
});

describe('parseSubnetRow', () => {
  const row = {
    resourceId: SUBNET_A,
    accountId: '111122223333',
    awsRegion: 'us-east-1',
    configuration: {
      subnetId: SUBNET_A,
      vpcId: 'vpc-0123456789abcdef0',
      availabilityZone: 'us-east-1a',
      availabilityZoneId: 'use1-az1',
    },
  };

  it('reads the AZ name and ID of a subnet (object or JSON-string configuration)', () => {
    const expected = {
      ok: true,
      problems: [],
      value: {
        accountId: '111122223333',
        region: 'us-east-1',
        subnetId: SUBNET_A,
        vpcId: 'vpc-0123456789abcdef0',
        zone: { name: 'us-east-1a', id: 'use1-az1' },
      },
    };
    expect(parseSubnetRow(JSON.stringify(row))).toEqual(expected);
    expect(
      parseSubnetRow(
        JSON.stringify({
          ...row,
          configuration: JSON.stringify(row.configuration),
        }),
      ),
    ).toEqual(expected);
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      'a zone of another region',
      { availabilityZone: 'us-west-2a' },
      'not an AZ name in us-east-1',
    ],
    ['a missing AZ ID', { availabilityZoneId: undefined }, 'not an AZ ID'],
    [
      'a malformed AZ ID',
      { availabilityZoneId: "use1-az1' --" },
      'not an AZ ID',
    ],
  ])('turns %s into a problem', (_what, configuration, message) => {
    const result = parseSubnetRow({
      ...row,
      configuration: { ...row.configuration, ...configuration },
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem.message).toContain(message);
    expect(!result.ok && result.problem.resource).toBe(
      `111122223333/us-east-1/${SUBNET_A}`,
    );
  });

  it('refuses a row whose account is not an account ID', () => {
    const result = parseSubnetRow({ ...row, accountId: 'prod' });
    expect(!result.ok && result.problem.message).toContain('12-digit');
  });
});
