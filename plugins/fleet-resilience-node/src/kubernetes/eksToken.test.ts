import { createHash, createHmac } from 'node:crypto';
import { createEksToken } from './eksToken';

const CREDENTIALS = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};
const SIGNING_DATE = new Date('2026-11-22T08:00:00Z');

function decode(token: string): URL {
  expect(token.startsWith('k8s-aws-v1.')).toBe(true);
  const encoded = token.slice('k8s-aws-v1.'.length);
  expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/); // base64url, no padding
  return new URL(Buffer.from(encoded, 'base64url').toString('utf8'));
}

const hmac = (key: Buffer | string, data: string) =>
  createHmac('sha256', key).update(data).digest();
const rfc3986 = (value: string) =>
  encodeURIComponent(value).replace(
    /[!'()*]/g,
    c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

/** SigV4 for a presigned GET, written out from the specification, to check the signer's work. */
function expectedSignature(
  url: URL,
  clusterName: string,
  secret: string,
): string {
  const params = [...url.searchParams.entries()]
    .filter(([key]) => key !== 'X-Amz-Signature')
    .map(([key, value]) => `${rfc3986(key)}=${rfc3986(value)}`)
    .sort()
    .join('&');
  const canonicalRequest = [
    'GET',
    url.pathname,
    params,
    `host:${url.host}\nx-k8s-aws-id:${clusterName}\n`,
    'host;x-k8s-aws-id',
    createHash('sha256').update('').digest('hex'),
  ].join('\n');
  const [, date, region, service] = url.searchParams
    .get('X-Amz-Credential')!
    .split('/');
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    url.searchParams.get('X-Amz-Date'),
    `${date}/${region}/${service}/aws4_request`,
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n');
  const key = hmac(
    hmac(hmac(hmac(`AWS4${secret}`, date), region), service),
    'aws4_request',
  );
  return createHmac('sha256', key).update(stringToSign).digest('hex');
}

describe('createEksToken', () => {
  it('is a presigned STS GetCallerIdentity URL for the region, bound to the cluster', async () => {
    const token = await createEksToken({
      clusterName: 'payments-prod-use1',
      region: 'us-east-1',
      credentials: CREDENTIALS,
      signingDate: SIGNING_DATE,
    });
    const url = decode(token);
    expect(url.origin).toBe('https://sts.us-east-1.amazonaws.com');
    expect(url.pathname).toBe('/');
    const query = url.searchParams;
    expect(query.get('Action')).toBe('GetCallerIdentity');
    expect(query.get('Version')).toBe('2011-06-15');
    expect(query.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
    expect(query.get('X-Amz-Credential')).toBe(
      'AKIAIOSFODNN7EXAMPLE/20261122/us-east-1/sts/aws4_request',
    );
    expect(query.get('X-Amz-Date')).toBe('20261122T080000Z');
    expect(query.get('X-Amz-Expires')).toBe('60');
    expect(query.get('X-Amz-SignedHeaders')).toBe('host;x-k8s-aws-id');
    // The cluster name travels as a signed header, never in the URL itself.
    expect(query.has('x-k8s-aws-id')).toBe(false);
    expect(query.get('X-Amz-Signature')).toBe(
      expectedSignature(url, 'payments-prod-use1', CREDENTIALS.secretAccessKey),
    );
  });

  it('signs a different token for another cluster', async () => {
    const options = {
      region: 'us-east-1',
      credentials: CREDENTIALS,
      signingDate: SIGNING_DATE,
    };
    const a = decode(await createEksToken({ ...options, clusterName: 'a' }));
    const b = decode(await createEksToken({ ...options, clusterName: 'b' }));
    expect(a.searchParams.get('X-Amz-Signature')).not.toBe(
      b.searchParams.get('X-Amz-Signature'),
    );
    expect(b.searchParams.get('X-Amz-Signature')).toBe(
      expectedSignature(b, 'b', CREDENTIALS.secretAccessKey),
    );
  });

  it('carries the session token of temporary credentials', async () => {
    const url = decode(
      await createEksToken({
        clusterName: 'c',
        region: 'eu-west-1',
        credentials: async () => ({
          ...CREDENTIALS,
          sessionToken: 'session/token+1=',
        }),
        signingDate: SIGNING_DATE,
      }),
    );
    expect(url.searchParams.get('X-Amz-Security-Token')).toBe(
      'session/token+1=',
    );
    expect(url.searchParams.get('X-Amz-Credential')).toContain(
      '/eu-west-1/sts/',
    );
    expect(url.searchParams.get('X-Amz-Signature')).toBe(
      expectedSignature(url, 'c', CREDENTIALS.secretAccessKey),
    );
  });

  it('uses an overridden STS endpoint, and .com.cn in China regions', async () => {
    const options = {
      clusterName: 'c',
      credentials: CREDENTIALS,
      signingDate: SIGNING_DATE,
    };
    const custom = decode(
      await createEksToken({
        ...options,
        region: 'us-east-1',
        stsEndpoint: 'https://sts-fips.us-east-1.amazonaws.com',
      }),
    );
    expect(custom.host).toBe('sts-fips.us-east-1.amazonaws.com');
    expect(custom.searchParams.get('X-Amz-Signature')).toBe(
      expectedSignature(custom, 'c', CREDENTIALS.secretAccessKey),
    );
    const china = decode(
      await createEksToken({ ...options, region: 'cn-north-1' }),
    );
    expect(china.host).toBe('sts.cn-north-1.amazonaws.com.cn');
  });
});

describe("an EKS token's STS host", () => {
  const options = {
    clusterName: 'c',
    credentials: CREDENTIALS,
    signingDate: SIGNING_DATE,
  };
  const hostOf = async (extra: {
    region: string;
    useFipsEndpoint?: boolean;
    stsEndpoint?: string;
  }) => {
    const url = decode(await createEksToken({ ...options, ...extra }));
    // Whatever the host, the signature covers it and the region's scope.
    expect(url.searchParams.get('X-Amz-Signature')).toBe(
      expectedSignature(url, 'c', CREDENTIALS.secretAccessKey),
    );
    expect(url.searchParams.get('X-Amz-Credential')).toContain(
      `/${extra.region}/sts/`,
    );
    return url.host;
  };

  it.each([
    ['eu-west-1', 'sts.eu-west-1.amazonaws.com'],
    ['cn-northwest-1', 'sts.cn-northwest-1.amazonaws.com.cn'],
    ['us-gov-west-1', 'sts.us-gov-west-1.amazonaws.com'],
    ['xx-unknown-9', 'sts.xx-unknown-9.amazonaws.com'],
  ])('in %s is the regional %s', async (region, host) => {
    expect(await hostOf({ region })).toBe(host);
    expect(await hostOf({ region, useFipsEndpoint: false })).toBe(host);
  });

  it.each([
    ['us-east-2', 'sts-fips.us-east-2.amazonaws.com'],
    // GovCloud's regional STS endpoints are its FIPS endpoints.
    ['us-gov-east-1', 'sts.us-gov-east-1.amazonaws.com'],
  ])('in %s with FIPS is %s', async (region, host) => {
    expect(await hostOf({ region, useFipsEndpoint: true })).toBe(host);
  });

  it.each(['cn-north-1', 'eu-west-1'])(
    'with FIPS in %s, where STS has no FIPS endpoint, is refused',
    async region => {
      await expect(
        createEksToken({ ...options, region, useFipsEndpoint: true }),
      ).rejects.toThrow(new RegExp(`no FIPS endpoint of sts in ${region}`));
    },
  );

  it('is the configured endpoint whatever the partition or FIPS', async () => {
    for (const region of ['us-east-1', 'cn-north-1', 'us-gov-west-1']) {
      expect(
        await hostOf({
          region,
          useFipsEndpoint: true,
          stsEndpoint: 'http://127.0.0.1:4566',
        }),
      ).toBe('127.0.0.1:4566');
    }
  });
});
