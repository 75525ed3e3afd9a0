import {
  awsPartitionOf,
  defaultAwsEndpoint,
  regionOfAwsServiceHost,
} from './partitions';

describe('awsPartitionOf', () => {
  it.each([
    ['us-east-1', 'aws', 'amazonaws.com', 'api.aws'],
    ['eu-west-1', 'aws', 'amazonaws.com', 'api.aws'],
    [
      'cn-north-1',
      'aws-cn',
      'amazonaws.com.cn',
      'api.amazonwebservices.com.cn',
    ],
    [
      'cn-northwest-1',
      'aws-cn',
      'amazonaws.com.cn',
      'api.amazonwebservices.com.cn',
    ],
    ['us-gov-west-1', 'aws-us-gov', 'amazonaws.com', 'api.aws'],
    ['us-gov-east-1', 'aws-us-gov', 'amazonaws.com', 'api.aws'],
    ['us-iso-east-1', 'aws-iso', 'c2s.ic.gov', 'c2s.ic.gov'],
    // Not in the SDK's region list but matching the aws partition's pattern.
    ['mx-central-1', 'aws', 'amazonaws.com', 'api.aws'],
    // Matching no partition's pattern: the SDK's default, aws.
    ['xx-unknown-9', 'aws', 'amazonaws.com', 'api.aws'],
  ])('%s is in %s', (region, name, dnsSuffix, dualStackDnsSuffix) => {
    expect(awsPartitionOf(region)).toMatchObject({
      name,
      dnsSuffix,
      dualStackDnsSuffix,
    });
  });

  it.each(['', 'us-east-1.evil.com', 'US-EAST-1', 'us-east-1/'])(
    'refuses %p, which is no region code',
    region => {
      expect(() => awsPartitionOf(region)).toThrow(/is not an AWS region code/);
    },
  );
});

describe('defaultAwsEndpoint', () => {
  it.each([
    [
      'arc-zonal-shift',
      'us-east-1',
      'https://arc-zonal-shift.us-east-1.amazonaws.com',
    ],
    [
      'arc-zonal-shift',
      'cn-north-1',
      'https://arc-zonal-shift.cn-north-1.amazonaws.com.cn',
    ],
    [
      'arc-zonal-shift',
      'us-gov-west-1',
      'https://arc-zonal-shift.us-gov-west-1.amazonaws.com',
    ],
    [
      'arc-zonal-shift',
      'xx-unknown-9',
      'https://arc-zonal-shift.xx-unknown-9.amazonaws.com',
    ],
    ['sts', 'eu-central-1', 'https://sts.eu-central-1.amazonaws.com'],
    ['sts', 'cn-northwest-1', 'https://sts.cn-northwest-1.amazonaws.com.cn'],
    ['sts', 'us-gov-east-1', 'https://sts.us-gov-east-1.amazonaws.com'],
    ['sqs', 'cn-north-1', 'https://sqs.cn-north-1.amazonaws.com.cn'],
  ] as const)('%s in %s without FIPS is %s', (service, region, url) => {
    expect(defaultAwsEndpoint(service, region)).toBe(url);
    expect(
      defaultAwsEndpoint(service, region, { useFipsEndpoint: false }),
    ).toBe(url);
  });

  it.each([
    // ARC publishes its FIPS endpoints on the dual-stack suffix only.
    [
      'arc-zonal-shift',
      'us-east-1',
      'https://arc-zonal-shift-fips.us-east-1.api.aws',
    ],
    [
      'arc-zonal-shift',
      'ca-central-1',
      'https://arc-zonal-shift-fips.ca-central-1.api.aws',
    ],
    [
      'arc-zonal-shift',
      'us-gov-west-1',
      'https://arc-zonal-shift-fips.us-gov-west-1.api.aws',
    ],
    ['sts', 'us-west-2', 'https://sts-fips.us-west-2.amazonaws.com'],
    // GovCloud's regional STS and SQS endpoints are the FIPS ones.
    ['sts', 'us-gov-west-1', 'https://sts.us-gov-west-1.amazonaws.com'],
    ['sqs', 'us-east-2', 'https://sqs-fips.us-east-2.amazonaws.com'],
    ['sqs', 'us-gov-east-1', 'https://sqs.us-gov-east-1.amazonaws.com'],
  ] as const)('%s in %s with FIPS is %s', (service, region, url) => {
    expect(defaultAwsEndpoint(service, region, { useFipsEndpoint: true })).toBe(
      url,
    );
  });

  it.each([
    ['arc-zonal-shift', 'cn-north-1', /partition aws-cn/],
    ['arc-zonal-shift', 'eu-west-1', /partition aws\)/],
    ['arc-zonal-shift', 'xx-unknown-9', /partition aws\)/],
    ['sts', 'cn-northwest-1', /partition aws-cn/],
    ['sts', 'ca-central-1', /partition aws\)/],
    ['sqs', 'ap-southeast-2', /partition aws\)/],
  ] as const)('refuses FIPS for %s in %s', (service, region, partition) => {
    const build = () =>
      defaultAwsEndpoint(service, region, { useFipsEndpoint: true });
    expect(build).toThrow(
      new RegExp(`no FIPS endpoint of ${service} in ${region}`),
    );
    expect(build).toThrow(partition);
    expect(build).toThrow(/Turn off useFipsEndpoint/);
  });

  it('refuses a region that would change the host', () => {
    expect(() => defaultAwsEndpoint('sts', 'evil.com/x-1')).toThrow(
      /not an AWS region code/,
    );
  });
});

describe('regionOfAwsServiceHost', () => {
  it.each([
    ['sqs.eu-west-1.amazonaws.com', 'eu-west-1'],
    ['sqs.cn-north-1.amazonaws.com.cn', 'cn-north-1'],
    ['sqs.us-gov-west-1.amazonaws.com', 'us-gov-west-1'],
    ['sqs-fips.us-east-1.amazonaws.com', 'us-east-1'],
    ['sqs.us-east-1.api.aws', 'us-east-1'],
    ['SQS.EU-WEST-1.AMAZONAWS.COM', 'eu-west-1'],
  ])('%s names %s', (host, region) => {
    expect(regionOfAwsServiceHost('sqs', host)).toBe(region);
  });

  it.each([
    // The suffix of another partition than the region's.
    'sqs.cn-north-1.amazonaws.com',
    'sqs.eu-west-1.amazonaws.com.cn',
    // Another service, a look-alike, a VPC endpoint, a local emulator.
    'sts.eu-west-1.amazonaws.com',
    'sqs.eu-west-1.amazonaws.com.evil.io',
    'vpce-0123.sqs.eu-west-1.vpce.amazonaws.com',
    'localhost',
    'sqs.amazonaws.com',
  ])('%s names no region', host => {
    expect(regionOfAwsServiceHost('sqs', host)).toBeUndefined();
  });
});
