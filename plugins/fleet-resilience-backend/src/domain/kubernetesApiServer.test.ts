import {
  decideApiServer,
  NOT_CONFIRMED_BY_EKS,
  sameEndpoint,
} from './kubernetesApiServer';

const EKS = 'https://ABC123.gr7.us-east-1.eks.amazonaws.com';
const CA = 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t';

describe('decideApiServer', () => {
  it('uses the endpoint and CA EKS reports when Config names the same', () => {
    expect(
      decideApiServer({
        configEndpoint: EKS,
        eksEndpoint: EKS,
        eksCertificateAuthorityData: CA,
      }),
    ).toEqual({ use: true, endpoint: EKS, certificateAuthorityData: CA });
  });

  it('treats a trailing slash or host case as the same endpoint', () => {
    expect(
      decideApiServer({
        configEndpoint: `${EKS.toLowerCase()}/`,
        eksEndpoint: EKS,
      }),
    ).toEqual({ use: true, endpoint: EKS });
  });

  it('uses EKS’s endpoint when Config names none', () => {
    expect(decideApiServer({ eksEndpoint: EKS })).toEqual({
      use: true,
      endpoint: EKS,
    });
  });

  it('uses EKS’s endpoint when Config names another host, and reports both hosts', () => {
    const decision = decideApiServer({
      configEndpoint: 'https://attacker.example.com:8443/k8s',
      eksEndpoint: EKS,
      eksCertificateAuthorityData: CA,
    });
    expect(decision).toEqual({
      use: true,
      endpoint: EKS,
      certificateAuthorityData: CA,
      problem:
        'AWS Config names the API server attacker.example.com:8443 but EKS DescribeCluster reports abc123.gr7.us-east-1.eks.amazonaws.com; the EKS endpoint is used',
    });
    expect(JSON.stringify(decision).match(new RegExp(CA, 'g'))).toHaveLength(1);
  });

  it('reports a different path on the same host', () => {
    const decision = decideApiServer({
      configEndpoint: `${EKS}/other`,
      eksEndpoint: EKS,
    });
    expect(decision.use && decision.problem).toMatch(/AWS Config names/);
  });

  it('shows a Config value that is not a URL quoted and short', () => {
    const decision = decideApiServer({
      configEndpoint: `not a url ${'x'.repeat(100)}`,
      eksEndpoint: EKS,
    });
    expect(decision.use && decision.problem).toBe(
      `AWS Config names the API server ${JSON.stringify(
        `not a url ${'x'.repeat(50)}`,
      )} but EKS DescribeCluster reports abc123.gr7.us-east-1.eks.amazonaws.com; the EKS endpoint is used`,
    );
  });

  it('never falls back to Config’s endpoint before EKS has reported', () => {
    expect(
      decideApiServer({
        configEndpoint: EKS,
        eksCertificateAuthorityData: CA,
      }),
    ).toEqual({ use: false, reason: NOT_CONFIRMED_BY_EKS });
    expect(decideApiServer({})).toEqual({
      use: false,
      reason: NOT_CONFIRMED_BY_EKS,
    });
    expect(NOT_CONFIRMED_BY_EKS).toMatch(
      /^API server not yet confirmed by EKS DescribeCluster/,
    );
  });
});

describe('sameEndpoint', () => {
  it('ignores a trailing slash and the case of scheme and host only', () => {
    expect(sameEndpoint('https://A.example/', 'https://a.example')).toBe(true);
    expect(sameEndpoint('https://a.example/x', 'https://a.example/X')).toBe(
      false,
    );
    expect(sameEndpoint('http://a.example', 'https://a.example')).toBe(false);
    expect(sameEndpoint('https://a.example:8443', 'https://a.example')).toBe(
      false,
    );
    expect(sameEndpoint('not a url', 'not a url')).toBe(true);
    expect(sameEndpoint('not a url', 'https://a.example')).toBe(false);
  });
});
