import { checkApiServerEndpoint } from './apiServerEndpoint';

describe('checkApiServerEndpoint', () => {
  it('accepts an EKS https endpoint and drops a trailing slash', () => {
    expect(
      checkApiServerEndpoint(
        'https://ABC.gr7.us-east-1.eks.amazonaws.com/',
        false,
      ),
    ).toEqual({
      ok: true,
      url: 'https://abc.gr7.us-east-1.eks.amazonaws.com',
    });
  });

  it('accepts plain http with a path only when insecure endpoints are allowed', () => {
    expect(
      checkApiServerEndpoint('http://127.0.0.1:7007/k8s/c1', true),
    ).toEqual({ ok: true, url: 'http://127.0.0.1:7007/k8s/c1' });
    const refused = checkApiServerEndpoint(
      'http://127.0.0.1:7007/k8s/c1',
      false,
    );
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.reason).toContain('must use https');
  });

  it.each([
    [undefined, 'missing'],
    ['', 'missing'],
    ['file:///etc/passwd', 'must use https'],
    ['ws://example.com', 'must use https'],
    ['https://admin:pw@example.com', 'must not carry credentials'],
    ['https://example.com#x', 'must not have a query or fragment'],
    [`https://example.com/${'a'.repeat(2050)}`, 'longer than 2048'],
  ])('refuses %j', (value, reason) => {
    const result = checkApiServerEndpoint(value, true);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain(reason);
  });
});
