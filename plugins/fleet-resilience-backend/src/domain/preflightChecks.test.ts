import {
  accountWithoutRoleCheck,
  arcCheck,
  awsCallFix,
  credentialsCheck,
  parseCallerArn,
  partitionOf,
  type RoleInAccount,
} from './preflightChecks';
import {
  aggregatorCheck,
  aggregatorSourceCheck,
  recorderCheck,
  unrecordedTypes,
  type RecorderObservation,
} from './preflightConfig';
import type { ProbeError, ProbeOutcome } from './preflightFailures';

const ACCOUNT = '111122223333';
const OTHER = '444455556666';
const reader: RoleInAccount = {
  accountId: ACCOUNT,
  role: 'reader',
  roleName: 'fleet-resilience-reader',
};
const operator: RoleInAccount = {
  accountId: ACCOUNT,
  role: 'operator',
  roleName: 'fleet-resilience-operator',
};
const keys: RoleInAccount = { accountId: ACCOUNT, role: 'reader' };
const ok = <T>(value: T): ProbeOutcome<T> => ({ ok: true, value });
const fail = (error: Partial<ProbeError>): ProbeOutcome<never> => ({
  ok: false,
  error: { name: 'Error', message: 'm', ...error },
});
const denied = (
  action: string,
  arn = 'arn:aws:sts::111122223333:assumed-role/fleet-resilience-reader/s',
) =>
  fail({
    name: 'AccessDeniedException',
    message: `User: ${arn} is not authorized to perform: ${action} on resource: *`,
    statusCode: 403,
  });

describe('awsCallFix', () => {
  const service = 'Amazon EKS in us-east-1';
  it.each<[string, ProbeOutcome<never>, RoleInAccount, string | undefined]>([
    [
      'a named denial',
      denied('eks:DescribeCluster'),
      reader,
      'Add eks:DescribeCluster to the role fleet-resilience-reader in account 111122223333',
    ],
    [
      'an unnamed denial',
      fail({ name: 'AccessDenied', message: 'Access Denied' }),
      operator,
      'Add eks:DescribeCluster to the role fleet-resilience-operator in account 111122223333',
    ],
    [
      'a denial without a role',
      fail({ name: 'AccessDenied' }),
      keys,
      'Add eks:DescribeCluster to the identity the backend uses for account 111122223333 (no reader role is configured for it)',
    ],
    [
      'bad credentials',
      fail({ name: 'InvalidClientTokenId' }),
      reader,
      'The credentials for account 111122223333 were refused: check its entry under aws.accounts (or aws.accountDefaults)',
    ],
    [
      'no route',
      fail({ code: 'ECONNREFUSED' }),
      reader,
      'Open a network path from the backend to Amazon EKS in us-east-1 (HTTPS egress, a VPC endpoint or a proxy), or fix fleetResilience.aws.endpoints',
    ],
    [
      'a timeout',
      fail({ name: 'TimeoutError' }),
      reader,
      'Open a network path from the backend to Amazon EKS in us-east-1 (HTTPS egress, a VPC endpoint or a proxy), or fix fleetResilience.aws.endpoints',
    ],
    [
      'throttling',
      fail({ name: 'ThrottlingException' }),
      reader,
      'Amazon EKS in us-east-1 throttled the call: run preflight again later, or lower fleetResilience.refresh.aws.concurrency',
    ],
    [
      'a server fault',
      fail({ name: 'InternalFailure', statusCode: 500 }),
      reader,
      undefined,
    ],
  ])('%s', (_name, outcome, who, fix) => {
    if (outcome.ok) throw new Error('a failure');
    expect(
      awsCallFix({
        who,
        error: outcome.error,
        action: 'eks:DescribeCluster',
        service,
      }),
    ).toBe(fix);
  });
});

describe('partitionOf and parseCallerArn', () => {
  it.each([
    ['us-east-1', 'aws'],
    ['cn-north-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
    [undefined, 'aws'],
  ])('%s is in %s', (region, partition) =>
    expect(partitionOf(region)).toBe(partition),
  );

  it.each([
    [
      'arn:aws:sts::111122223333:assumed-role/fleet-resilience-reader/backstage',
      { accountId: ACCOUNT, roleName: 'fleet-resilience-reader' },
    ],
    [
      'arn:aws-cn:sts::111122223333:assumed-role/r/s',
      { accountId: ACCOUNT, roleName: 'r' },
    ],
    ['arn:aws:iam::111122223333:user/fleet-simulator', { accountId: ACCOUNT }],
    ['arn:aws:iam::111122223333:root', { accountId: ACCOUNT }],
    ['not an arn', undefined],
  ])('%s', (arn, parsed) => expect(parseCallerArn(arn)).toEqual(parsed));
});

describe('credentialsCheck', () => {
  const check = (
    who: RoleInAccount,
    outcome: ProbeOutcome<{ arn: string }>,
    region = 'us-east-1',
  ) => credentialsCheck({ who, region, outcome });

  it('passes as the configured role in the account', () => {
    expect(
      check(
        reader,
        ok({
          arn: 'arn:aws:sts::111122223333:assumed-role/fleet-resilience-reader/s',
        }),
      ),
    ).toEqual({
      id: 'credentials',
      title: 'Reader credentials resolve',
      scope: { accountId: ACCOUNT, role: 'reader' },
      status: 'pass',
      detail:
        'Acts as arn:aws:sts::111122223333:assumed-role/fleet-resilience-reader/s',
    });
  });

  it('passes with keys in the account when no role is configured', () => {
    expect(
      check(keys, ok({ arn: 'arn:aws:iam::111122223333:user/fleet-simulator' }))
        .status,
    ).toBe('pass');
  });

  it('fails when the calls land in another account, and names the fix', () => {
    const result = check(
      keys,
      ok({ arn: `arn:aws:sts::${OTHER}:assumed-role/backstage-pod/x` }),
    );
    expect(result.status).toBe('fail');
    expect(result.detail).toContain(`in account ${OTHER}`);
    expect(result.fix).toBe(
      'Add roleName: fleet-resilience-reader to the entry of account 111122223333 under aws.accounts (or remove the entry so aws.accountDefaults applies)',
    );
    const role = check(
      operator,
      ok({
        arn: `arn:aws:sts::${OTHER}:assumed-role/fleet-resilience-operator/x`,
      }),
    );
    expect(role.fix).toBe(
      'Check the role fleet-resilience-operator configured for account 111122223333: its ARN must be in account 111122223333',
    );
  });

  it('warns when the account acts as another role than the configured one', () => {
    const result = check(
      operator,
      ok({
        arn: 'arn:aws:sts::111122223333:assumed-role/fleet-resilience-reader/s',
      }),
    );
    expect(result).toMatchObject({
      status: 'warn',
      title: 'Operator credentials resolve',
      scope: { role: 'operator' },
    });
  });

  it.each([
    [
      'a denied AssumeRole',
      denied('sts:AssumeRole', 'arn:aws:iam::999999999999:role/backstage'),
    ],
    ['refused credentials', fail({ name: 'InvalidClientTokenId' })],
  ])(
    'names the role to make assumable on %s, in the region’s partition',
    (_name, outcome) => {
      expect(check(reader, outcome, 'cn-north-1')).toMatchObject({
        status: 'fail',
        fix: "Let the backend's identity assume arn:aws-cn:iam::111122223333:role/fleet-resilience-reader: allow sts:AssumeRole on it in the backend's IAM policy, and trust the backend's identity in the role's trust policy",
      });
    },
  );

  it('names the network path when STS cannot be reached', () => {
    expect(check(reader, fail({ code: 'ENOTFOUND' })).fix).toMatch(
      /^Open a network path from the backend to AWS STS in us-east-1/,
    );
  });
});

describe('accountWithoutRoleCheck', () => {
  it('warns and names the role to add', () => {
    expect(
      accountWithoutRoleCheck(ACCOUNT, 'fleet-resilience-reader'),
    ).toMatchObject({
      id: 'credentials.config',
      status: 'warn',
      scope: { accountId: ACCOUNT },
      fix: 'Add roleName: fleet-resilience-reader to the entry of account 111122223333 under aws.accounts, or remove the entry so aws.accountDefaults applies',
    });
  });
});

const aggregator = {
  accountId: ACCOUNT,
  region: 'us-east-1',
  name: 'fleet-aggregator',
};

describe('aggregatorCheck', () => {
  it.each<[string, ProbeOutcome<unknown>, string, string | undefined]>([
    ['answers', ok(true), 'pass', undefined],
    [
      'does not exist',
      fail({ name: 'NoSuchConfigurationAggregatorException' }),
      'fail',
      'Create the AWS Config aggregator fleet-aggregator in account 111122223333 in region us-east-1, or set fleetResilience.inventory.awsConfig.aggregator to an existing one',
    ],
    [
      'is denied',
      denied('config:SelectAggregateResourceConfig'),
      'fail',
      'Add config:SelectAggregateResourceConfig to the role fleet-resilience-reader in account 111122223333',
    ],
  ])('%s', (_name, outcome, status, fix) => {
    const result = aggregatorCheck({ aggregator, who: reader, outcome });
    expect(result.status).toBe(status);
    expect(result.fix).toBe(fix);
    expect(result.scope).toEqual({
      accountId: ACCOUNT,
      region: 'us-east-1',
      role: 'reader',
    });
  });
});

describe('aggregatorSourceCheck', () => {
  const source = (
    clusters: ProbeOutcome<boolean>,
    subnets: ProbeOutcome<boolean>,
    knownClusters = 2,
  ) =>
    aggregatorSourceCheck({
      aggregator,
      accountId: OTHER,
      region: 'eu-west-1',
      who: reader,
      clusters,
      subnets,
      knownClusters,
    });

  it.each<
    [
      string,
      ProbeOutcome<boolean>,
      ProbeOutcome<boolean>,
      number,
      string,
      string | undefined,
    ]
  >([
    ['both recorded', ok(true), ok(true), 2, 'pass', undefined],
    [
      'subnets only, no cluster known',
      ok(false),
      ok(true),
      0,
      'pass',
      undefined,
    ],
    [
      'no subnets',
      ok(true),
      ok(false),
      2,
      'fail',
      'Record AWS::EC2::Subnet in the AWS Config recorder of account 444455556666 in region eu-west-1',
    ],
    [
      'no clusters where some are known',
      ok(false),
      ok(true),
      2,
      'fail',
      'Record AWS::EKS::Cluster in the AWS Config recorder of account 444455556666 in region eu-west-1',
    ],
    [
      'nothing from the source',
      ok(false),
      ok(false),
      2,
      'fail',
      'Add account 444455556666 and region eu-west-1 to the sources of the aggregator fleet-aggregator (account 111122223333, region us-east-1; authorize it in account 444455556666 unless it is an organization aggregator), and record AWS::EKS::Cluster and AWS::EC2::Subnet in the AWS Config recorder of account 444455556666 in region eu-west-1',
    ],
    [
      'a denied query',
      denied('config:SelectAggregateResourceConfig'),
      ok(true),
      2,
      'fail',
      'Add config:SelectAggregateResourceConfig to the role fleet-resilience-reader in account 111122223333',
    ],
  ])('%s', (_name, clusters, subnets, known, status, fix) => {
    const result = source(clusters, subnets, known);
    expect(result).toMatchObject({
      id: 'config.records',
      status,
      scope: { accountId: OTHER, region: 'eu-west-1' },
    });
    expect(result.fix).toBe(fix);
  });
});

describe('recorderCheck', () => {
  const recorder = (
    over: Partial<RecorderObservation> = {},
  ): RecorderObservation => ({
    name: 'default',
    recording: true,
    allSupported: true,
    resourceTypes: [],
    excludedResourceTypes: [],
    ...over,
  });
  const where = 'account 111122223333 in region us-east-1';
  const run = (
    recorders: ProbeOutcome<RecorderObservation[]>,
    query: ProbeOutcome<unknown> = ok(true),
  ) =>
    recorderCheck({
      accountId: ACCOUNT,
      region: 'us-east-1',
      who: reader,
      recorders,
      query,
    });

  it.each<
    [string, ProbeOutcome<RecorderObservation[]>, string, string | undefined]
  >([
    ['all supported types', ok([recorder()]), 'pass', undefined],
    [
      'both types listed',
      ok([
        recorder({
          allSupported: false,
          resourceTypes: ['AWS::EKS::Cluster', 'AWS::EC2::Subnet'],
        }),
      ]),
      'pass',
      undefined,
    ],
    [
      'no recorder',
      ok([]),
      'fail',
      `Set up the AWS Config recorder of ${where}, recording AWS::EKS::Cluster and AWS::EC2::Subnet`,
    ],
    [
      'no subnets',
      ok([
        recorder({ allSupported: false, resourceTypes: ['AWS::EKS::Cluster'] }),
      ]),
      'fail',
      `Record AWS::EC2::Subnet in the AWS Config recorder of ${where}`,
    ],
    [
      'neither type',
      ok([
        recorder({ allSupported: false, resourceTypes: ['AWS::S3::Bucket'] }),
      ]),
      'fail',
      `Record AWS::EKS::Cluster and AWS::EC2::Subnet in the AWS Config recorder of ${where}`,
    ],
    [
      'subnets excluded',
      ok([
        recorder({
          allSupported: true,
          excludedResourceTypes: ['AWS::EC2::Subnet'],
        }),
      ]),
      'fail',
      `Record AWS::EC2::Subnet in the AWS Config recorder of ${where}`,
    ],
    [
      'stopped',
      ok([recorder({ recording: false })]),
      'fail',
      `Start the AWS Config recorder default of ${where} (StartConfigurationRecorder)`,
    ],
    [
      'denied describe',
      denied('config:DescribeConfigurationRecorders'),
      'fail',
      'Add config:DescribeConfigurationRecorders to the role fleet-resilience-reader in account 111122223333',
    ],
  ])('%s', (_name, recorders, status, fix) => {
    const result = run(recorders);
    expect(result).toMatchObject({ id: 'config.recorder', status });
    expect(result.fix).toBe(fix);
  });

  it('names SelectResourceConfig when the query is denied, before the recorder', () => {
    expect(
      run(ok([recorder()]), fail({ name: 'AccessDeniedException' })).fix,
    ).toBe(
      'Add config:SelectResourceConfig to the role fleet-resilience-reader in account 111122223333',
    );
  });

  it('lists exactly the unrecorded types', () => {
    expect(
      unrecordedTypes(
        recorder({ allSupported: false, resourceTypes: ['AWS::EC2::Subnet'] }),
      ),
    ).toEqual(['AWS::EKS::Cluster']);
    expect(unrecordedTypes(recorder())).toEqual([]);
  });
});

describe('arcCheck', () => {
  it.each<
    [
      string,
      ProbeOutcome<{ managedResources: number }>,
      string,
      string | undefined,
    ]
  >([
    ['answers', ok({ managedResources: 3 }), 'pass', undefined],
    [
      'denied',
      denied('arc-zonal-shift:ListManagedResources'),
      'fail',
      'Add arc-zonal-shift:ListManagedResources to the role fleet-resilience-reader in account 111122223333',
    ],
    [
      'unreachable',
      fail({ message: 'fetch failed' }),
      'fail',
      'Open a network path from the backend to ARC zonal shift in us-west-2 (HTTPS egress, a VPC endpoint or a proxy), or fix fleetResilience.aws.endpoints',
    ],
  ])('%s', (_name, outcome, status, fix) => {
    const result = arcCheck({
      accountId: ACCOUNT,
      region: 'us-west-2',
      who: reader,
      outcome,
    });
    expect(result).toMatchObject({
      id: 'arc',
      status,
      scope: { accountId: ACCOUNT, region: 'us-west-2', role: 'reader' },
    });
    expect(result.fix).toBe(fix);
  });
});
