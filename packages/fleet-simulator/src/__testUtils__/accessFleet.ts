import type { FleetSpec } from '../model/spec';

/** Two accounts with one cluster each; B declares its roles (the operator needs an external ID). */
export const ACCOUNT_A = '111122223333';
export const ACCOUNT_B = '444455556666';
export const OUTSIDE_ACCOUNT = '999988887777';
export const EXTERNAL_ID = 'fleet-resilience-ext-1';

export function accessFleet(overrides: Partial<FleetSpec> = {}): FleetSpec {
  return {
    accounts: [
      {
        id: ACCOUNT_A,
        zones: {
          'us-east-1': { 'us-east-1a': 'use1-az1', 'us-east-1b': 'use1-az2' },
        },
      },
      {
        id: ACCOUNT_B,
        zones: {
          'us-east-1': { 'us-east-1a': 'use1-az4', 'us-east-1b': 'use1-az6' },
        },
        roles: [
          { name: 'fleet-resilience-reader' },
          { name: 'fleet-resilience-operator', externalId: EXTERNAL_ID },
        ],
      },
    ],
    clusters: [
      {
        name: 'alpha',
        account: ACCOUNT_A,
        region: 'us-east-1',
        zones: ['us-east-1a', 'us-east-1b'],
        zonalShift: { enabled: true },
        karpenter: { version: '1.6.0' },
        nodePools: [{ name: 'general' }],
      },
      {
        name: 'beta',
        account: ACCOUNT_B,
        region: 'us-east-1',
        zones: ['us-east-1a', 'us-east-1b'],
        zonalShift: { enabled: true },
      },
    ],
    ...overrides,
  };
}

export const roleArn = (
  accountId: string,
  roleName: string,
  partition = 'aws',
) => `arn:${partition}:iam::${accountId}:role/${roleName}`;
