import {
  createEksClusterRef,
  InvalidClusterArnError,
  parseEksClusterArn,
} from './cluster';

describe('createEksClusterRef', () => {
  it('builds the ARN from account, region and name', () => {
    expect(
      createEksClusterRef({
        accountId: '123456789012',
        region: 'us-east-1',
        name: 'payments-prod',
      }),
    ).toEqual({
      accountId: '123456789012',
      region: 'us-east-1',
      name: 'payments-prod',
      arn: 'arn:aws:eks:us-east-1:123456789012:cluster/payments-prod',
    });
  });

  it.each([
    ['cn-north-1', 'arn:aws-cn:eks:cn-north-1:123456789012:cluster/c1'],
    [
      'us-gov-west-1',
      'arn:aws-us-gov:eks:us-gov-west-1:123456789012:cluster/c1',
    ],
    ['eu-central-1', 'arn:aws:eks:eu-central-1:123456789012:cluster/c1'],
  ])('uses the partition of region %s', (region, arn) => {
    expect(
      createEksClusterRef({ accountId: '123456789012', region, name: 'c1' })
        .arn,
    ).toBe(arn);
  });

  const valid = { accountId: '123456789012', region: 'us-east-1', name: 'c' };
  it.each([
    [
      'an 11-digit account',
      { ...valid, accountId: '12345678901' },
      '12 digits',
    ],
    [
      'a non-digit account',
      { ...valid, accountId: '12345678901a' },
      '12 digits',
    ],
    ['an upper-case region', { ...valid, region: 'US-EAST-1' }, 'region'],
    ['a region without number', { ...valid, region: 'us-east' }, 'region'],
    ['an empty name', { ...valid, name: '' }, 'cluster name'],
    ['a name starting with -', { ...valid, name: '-c' }, 'cluster name'],
    ['a name with /', { ...valid, name: 'a/b' }, 'cluster name'],
    [
      'a 101-character name',
      { ...valid, name: 'x'.repeat(101) },
      'cluster name',
    ],
  ])('rejects %s', (_label, parts, fragment) => {
    expect(() => createEksClusterRef(parts)).toThrow(InvalidClusterArnError);
    expect(() => createEksClusterRef(parts)).toThrow(fragment);
  });

  it('accepts a 100-character name with underscores and hyphens', () => {
    const name = `a_-${'x'.repeat(97)}`;
    expect(
      createEksClusterRef({
        accountId: '123456789012',
        region: 'us-east-1',
        name,
      }).name,
    ).toBe(name);
  });

  it('lists every malformed part in one error', () => {
    expect(() =>
      createEksClusterRef({ accountId: '1', region: 'x', name: '' }),
    ).toThrow(/12 digits.*region.*cluster name/);
  });
});

describe('parseEksClusterArn', () => {
  it('splits a valid ARN into its parts', () => {
    const arn = 'arn:aws:eks:eu-west-2:210987654321:cluster/orders_v2';
    expect(parseEksClusterArn(arn)).toEqual({
      accountId: '210987654321',
      region: 'eu-west-2',
      name: 'orders_v2',
      arn,
    });
  });

  it('round-trips with createEksClusterRef', () => {
    const ref = createEksClusterRef({
      accountId: '123456789012',
      region: 'cn-northwest-1',
      name: 'c1',
    });
    expect(parseEksClusterArn(ref.arn)).toEqual(ref);
  });

  it.each([
    ['', 'expected arn:aws:eks'],
    ['arn:aws:ec2:us-east-1:123456789012:cluster/c1', 'expected arn:aws:eks'],
    ['arn:aws:eks:us-east-1:123456789012:nodegroup/c1/ng/1', 'expected'],
    ['arn:aws:eks:us-east-1:1234:cluster/c1', '12 digits'],
    ['arn:aws:eks::123456789012:cluster/c1', 'region'],
    ['arn:aws:eks:us-east-1:123456789012:cluster/', 'cluster name'],
    ['arn:aws:eks:us-east-1:123456789012:cluster/a/b', 'cluster name'],
    ['arn:aws-cn:eks:us-east-1:123456789012:cluster/c1', 'partition'],
    ['arn:aws:eks:cn-north-1:123456789012:cluster/c1', 'partition'],
  ])('rejects %j (message mentions %s)', (arn, fragment) => {
    expect(() => parseEksClusterArn(arn)).toThrow(InvalidClusterArnError);
    expect(() => parseEksClusterArn(arn)).toThrow(fragment);
  });
});
