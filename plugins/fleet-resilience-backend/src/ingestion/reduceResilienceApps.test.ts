import type { ResilienceApp } from '@fleet-resilience/plugin-fleet-resilience-node';
import { reduceResilienceApps } from './reduceResilienceApps';

const SCOPE = { accountId: '111122223333', region: 'us-east-1' };
const CLUSTER = 'arn:aws:eks:us-east-1:111122223333:cluster/payments';
const app = (overrides: Partial<ResilienceApp>): ResilienceApp => ({
  appArn: 'arn:aws:resiliencehub:us-east-1:111122223333:app/abc-1',
  name: 'payments',
  accountId: SCOPE.accountId,
  region: SCOPE.region,
  clusterArns: [CLUSTER],
  ...overrides,
});

describe('reduceResilienceApps', () => {
  it('keeps good apps, cleans names, drops bad cluster ARNs and rejects bad app ARNs', () => {
    const { apps, problems } = reduceResilienceApps(SCOPE, [
      app({
        complianceStatus: 'PolicyMet',
        assessedAt: '2026-12-01T00:00:00+01:00',
      }),
      app({
        appArn: 'arn:aws:resiliencehub:us-east-1:111122223333:app/abc-2',
        name: 'pay\u0000ments',
        clusterArns: [CLUSTER, 'arn:aws:eks:us-east-1:1:cluster/\u0000'],
      }),
      app({
        appArn: 'arn:aws:resiliencehub:us-east-1:111122223333:app/\u0000',
      }),
      app({
        appArn: `arn:aws:resiliencehub:us-east-1:111122223333:app/${'a'.repeat(
          400,
        )}`,
      }),
    ]);
    expect(apps.map(a => [a.name, a.clusterArns])).toEqual([
      ['payments', [CLUSTER]],
      ['pay\uFFFDments', [CLUSTER]],
    ]);
    expect(apps[0]).toMatchObject({
      complianceStatus: 'PolicyMet',
      assessedAt: '2026-11-30T23:00:00.000Z',
    });
    expect(problems.map(p => p.kind)).toEqual([
      'cleaned',
      'cleaned',
      'rejected',
      'rejected',
    ]);
  });
});
