import { authenticate } from './auth';

/** An EKS token as `aws eks get-token` mints it, presigned for `origin`. */
function eksToken(origin: string): string {
  const query = new URLSearchParams({
    Action: 'GetCallerIdentity',
    Version: '2011-06-15',
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    'X-Amz-Credential':
      'AKIA111122223333SIMU/20261207/us-east-1/sts/aws4_request',
    'X-Amz-Date': '20261207T120000Z',
    'X-Amz-Expires': '60',
    'X-Amz-SignedHeaders': 'host;x-k8s-aws-id',
    'X-Amz-Signature': 'a'.repeat(64),
  });
  const url = `${origin}/?${query}`;
  return `Bearer k8s-aws-v1.${Buffer.from(url).toString('base64url')}`;
}

describe('authenticate', () => {
  it('accepts tokens presigned for a real STS host of any partition', () => {
    for (const host of [
      'https://sts.amazonaws.com',
      'https://sts.us-east-1.amazonaws.com',
      'https://sts.cn-north-1.amazonaws.com.cn',
    ]) {
      expect(authenticate(eksToken(host), '127.0.0.1:7480')).toEqual({
        accessKeyId: 'AKIA111122223333SIMU',
      });
    }
  });

  it("accepts tokens presigned for the simulator's own STS, and only its own", () => {
    const own = eksToken('http://127.0.0.1:7480');
    expect(authenticate(own, '127.0.0.1:7480')).toEqual({
      accessKeyId: 'AKIA111122223333SIMU',
    });
    expect(authenticate(own, '127.0.0.1:9999')).toBeUndefined();
    expect(authenticate(own)).toBeUndefined();
    expect(
      authenticate(eksToken('https://sts.example.com'), 'sts.example.org'),
    ).toBeUndefined();
  });

  it('refuses a real STS host over plain http, and malformed tokens', () => {
    expect(
      authenticate(eksToken('http://sts.us-east-1.amazonaws.com')),
    ).toBeUndefined();
    expect(authenticate('Bearer k8s-aws-v1.!!!')).toBeUndefined();
    expect(authenticate(undefined)).toBeUndefined();
    expect(authenticate('Bearer static-token')).toEqual({});
  });
});
