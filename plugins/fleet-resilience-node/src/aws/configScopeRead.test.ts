import { createLimiter } from '../util/limiter';
import { readConfigScope } from './configScopeRead';
import type { Select, SelectPage } from './configSelect';

const CA = Buffer.from('-----BEGIN CERTIFICATE-----\nMIIB\n').toString(
  'base64',
);

function clusterRow(accountId: string, name: string, subnetIds: string[]) {
  const arn = `arn:aws:eks:us-east-1:${accountId}:cluster/${name}`;
  return JSON.stringify({
    resourceId: name,
    resourceName: name,
    accountId,
    awsRegion: 'us-east-1',
    arn,
    tags: [],
    configurationItemCaptureTime: '2026-12-07T08:00:00.000Z',
    configuration: {
      Name: name,
      Arn: arn,
      Version: '1.33',
      ClusterStatus: 'ACTIVE',
      Endpoint: `https://${name}.gr7.us-east-1.eks.amazonaws.com`,
      CertificateAuthorityData: CA,
      ResourcesVpcConfig: { SubnetIds: subnetIds, SecurityGroupIds: [] },
    },
  });
}

function subnetRow(accountId: string, subnetId: string) {
  return JSON.stringify({
    resourceId: subnetId,
    accountId,
    awsRegion: 'us-east-1',
    configuration: {
      subnetId,
      availabilityZone: 'us-east-1a',
      availabilityZoneId: 'use1-az1',
    },
  });
}

const A = '111111111111';
const B = '222222222222';
const SHARED_SUBNET = 'subnet-0000000000000000a';
const OWN_SUBNET = 'subnet-0000000000000000b';

/** A fake Config answering by which account a query names; subnet queries return the IDs they ask for. */
function fakeSelect(answers: Record<string, () => Promise<SelectPage>>) {
  const asked: string[] = [];
  const select: Select = async expression => {
    asked.push(expression);
    const ids = [...expression.matchAll(/'(subnet-[0-9a-f]+)'/g)].map(
      m => m[1],
    );
    if (ids.length > 0) return { Results: ids.map(id => subnetRow(A, id)) };
    const account = /accountId = '(\d+)'/.exec(expression)?.[1] ?? '';
    return answers[account]();
  };
  return { select, asked };
}

const options = {
  expected: undefined,
  sourceId: 'aws-config',
  pageSize: 100,
  allowInsecureEndpoints: false,
};
const query = (account: string) =>
  `SELECT x WHERE resourceType = 'AWS::EKS::Cluster' AND accountId = '${account}'`;

describe('readConfigScope', () => {
  it('asks once for a subnet two partitions use, and returns every partition’s clusters', async () => {
    const { select, asked } = fakeSelect({
      [A]: async () => ({
        Results: [clusterRow(A, 'a1', [SHARED_SUBNET, OWN_SUBNET])],
      }),
      [B]: async () => ({ Results: [clusterRow(B, 'b1', [SHARED_SUBNET])] }),
    });
    const result = await readConfigScope({
      ...options,
      select,
      clusterQueries: [query(A), query(B)],
      limiter: createLimiter(4),
    });
    expect(result.clusters.map(c => c.ref.name)).toEqual(['a1', 'b1']);
    expect(result.subnets.map(s => s.subnetId).sort()).toEqual([
      SHARED_SUBNET,
      OWN_SUBNET,
    ]);
    const subnetAsks = asked.flatMap(e => e.match(/subnet-[0-9a-f]+/g) ?? []);
    expect(subnetAsks.sort()).toEqual([SHARED_SUBNET, OWN_SUBNET]);
    expect(result.problems).toEqual([]);
  });

  it('rejects with the first failure and aborts the partitions still being read', async () => {
    let aborted = false;
    const select: Select = async (expression, _token, signal) => {
      if (expression.includes(A)) throw new Error('AccessDenied in A');
      return new Promise((_resolve, reject) =>
        signal?.addEventListener('abort', () => {
          aborted = true;
          reject(signal.reason);
        }),
      );
    };
    await expect(
      readConfigScope({
        ...options,
        select,
        clusterQueries: [query(B), query(A)],
        limiter: createLimiter(4),
      }),
    ).rejects.toThrow('AccessDenied in A');
    expect(aborted).toBe(true);
  });

  it('reports rows from another account/region than the scope’s and keeps them out', async () => {
    const { select } = fakeSelect({
      [A]: async () => ({
        Results: [clusterRow(A, 'a1', []), clusterRow(B, 'stray', [])],
      }),
    });
    const result = await readConfigScope({
      ...options,
      expected: { accountId: A, region: 'us-east-1' },
      select,
      clusterQueries: [query(A)],
      limiter: createLimiter(1),
    });
    expect(result.clusters.map(c => c.ref.name)).toEqual(['a1']);
    expect(result.problems).toEqual([
      expect.objectContaining({
        message: expect.stringContaining(`belongs to ${B}/us-east-1`),
      }),
    ]);
  });

  it('rejects with the failed subnet look-up, not the abort it caused in the cluster pages still being read', async () => {
    const select: Select = async (expression, token, signal) => {
      if (expression.includes('subnet-')) throw new Error('Throttled for good');
      if (token === undefined)
        return {
          Results: [clusterRow(A, 'a1', [OWN_SUBNET])],
          NextToken: 'page-2',
        };
      // The second page answers only once aborted, as the SDK does.
      return new Promise((_resolve, reject) =>
        signal?.addEventListener('abort', () =>
          reject(
            Object.assign(new Error('Request aborted'), { name: 'AbortError' }),
          ),
        ),
      );
    };
    await expect(
      readConfigScope({
        ...options,
        select,
        clusterQueries: [query(A)],
        limiter: createLimiter(4),
      }),
    ).rejects.toThrow('Throttled for good');
  });
});
