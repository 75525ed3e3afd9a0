import { karpenterInstallationFrom } from './karpenterInstallation';

function deployment(
  controller: {
    image?: string;
    args?: string[];
    env?: Array<{ name: string; value?: string }>;
  },
  labels: Record<string, string> = {},
) {
  return {
    metadata: {
      name: 'karpenter',
      namespace: 'kube-system',
      labels: { 'app.kubernetes.io/name': 'karpenter', ...labels },
    },
    spec: {
      template: {
        spec: {
          containers: [
            {
              name: 'controller',
              image: 'public.ecr.aws/karpenter/controller:1.12.0',
              ...controller,
            },
          ],
        },
      },
    },
  };
}

describe('karpenterInstallationFrom', () => {
  it('is undefined without a Karpenter Deployment', () => {
    expect(karpenterInstallationFrom([])).toBeUndefined();
  });

  it('reads the version from the label, else from the controller image tag', () => {
    expect(
      karpenterInstallationFrom([
        deployment({}, { 'app.kubernetes.io/version': '1.11.2' }),
      ])?.version,
    ).toBe('1.11.2');
    expect(
      karpenterInstallationFrom([
        deployment({
          image: 'public.ecr.aws/karpenter/controller:v1.12.1@sha256:abc',
        }),
      ])?.version,
    ).toBe('1.12.1');
  });

  it('sees native zonal shift turned on by the environment variable (Helm settings.enableZonalShift)', () => {
    expect(
      karpenterInstallationFrom([
        deployment({ env: [{ name: 'ENABLE_ZONAL_SHIFT', value: 'true' }] }),
      ]),
    ).toEqual({
      version: '1.12.0',
      nativeZonalShift: true,
    });
    expect(
      karpenterInstallationFrom([
        deployment({ env: [{ name: 'ENABLE_ZONAL_SHIFT', value: 'false' }] }),
      ])?.nativeZonalShift,
    ).toBe(false);
  });

  it('sees it turned on by the flag, which wins over the environment', () => {
    const on = deployment({
      args: ['--enable-zonal-shift'],
      env: [{ name: 'ENABLE_ZONAL_SHIFT', value: 'false' }],
    });
    expect(karpenterInstallationFrom([on])?.nativeZonalShift).toBe(true);
    const off = deployment({
      args: ['--enable-zonal-shift=false'],
      env: [{ name: 'ENABLE_ZONAL_SHIFT', value: 'true' }],
    });
    expect(karpenterInstallationFrom([off])?.nativeZonalShift).toBe(false);
    expect(
      karpenterInstallationFrom([
        deployment({ args: ['--enable-zonal-shift=True'] }),
      ])?.nativeZonalShift,
    ).toBe(true);
  });

  it('is off when unset, and off before 1.12 whatever the setting says', () => {
    expect(karpenterInstallationFrom([deployment({})])?.nativeZonalShift).toBe(
      false,
    );
    expect(
      karpenterInstallationFrom([
        deployment({
          image: 'public.ecr.aws/karpenter/controller:1.11.2',
          env: [{ name: 'ENABLE_ZONAL_SHIFT', value: 'true' }],
        }),
      ]),
    ).toEqual({ version: '1.11.2', nativeZonalShift: false });
  });

  it('picks the controller Deployment among others with the label', () => {
    const webhook = {
      metadata: {
        name: 'karpenter-webhook',
        labels: { 'app.kubernetes.io/name': 'karpenter' },
      },
      spec: {
        template: {
          spec: {
            containers: [{ name: 'webhook', image: 'example/webhook:9.9.9' }],
          },
        },
      },
    };
    expect(
      karpenterInstallationFrom([
        webhook,
        deployment({ env: [{ name: 'ENABLE_ZONAL_SHIFT', value: '1' }] }),
      ]),
    ).toEqual({ version: '1.12.0', nativeZonalShift: true });
  });
});
