import { TestDatabases } from '@backstage/backend-test-utils';
import {
  openStores,
  T0,
  T1,
  ACCOUNT_A,
  ACCOUNT_B,
  ref,
  inventory,
} from './__testUtils__/storeFixtures';

jest.setTimeout(60_000);

const databases = TestDatabases.create();

describe('ResilienceHubStore', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('replaces Resilience Hub apps per account and region and serves the lowest score', async () => {
      const { stores } = await openStores(databases, databaseId);
      const alpha = ref('alpha');
      await stores.inventory.applyInventory(
        'aws-config',
        [inventory(alpha)],
        T0,
      );
      const app = (
        name: string,
        score: number | undefined,
        accountId = ACCOUNT_A,
      ) => ({
        appArn: `arn:aws:resiliencehub:us-east-1:${accountId}:app/${name}`,
        accountId,
        region: 'us-east-1',
        name,
        resiliencyScore: score,
        complianceStatus: 'PolicyMet',
        azCompliance: { complianceStatus: 'PolicyMet', currentRtoInSecs: 300 },
        clusterArns: [alpha.arn],
      });
      await stores.resilienceHub.applyResilienceApps(
        ACCOUNT_A,
        'us-east-1',
        [app('payments', 78.5), app('old', 12)],
        T0,
      );
      await stores.resilienceHub.applyResilienceApps(
        ACCOUNT_B,
        'us-east-1',
        [app('shared', 64.25, ACCOUNT_B)],
        T0,
      );
      expect(
        (await stores.clusters.getCluster(alpha.arn))?.resilienceScore,
      ).toBe(12);

      await stores.resilienceHub.applyResilienceApps(
        ACCOUNT_A,
        'us-east-1',
        [app('payments', 78.5)],
        T1,
      );
      expect(
        (await stores.clusters.getCluster(alpha.arn))?.resilienceScore,
      ).toBe(64.25);
      const apps = await stores.resilienceHub.listResilienceAppsOfCluster(
        alpha.arn,
      );
      expect(apps.map(a => [a.name, a.resiliencyScore])).toEqual([
        ['payments', 78.5],
        ['shared', 64.25],
      ]);
      expect(apps[0].azCompliance).toEqual({
        complianceStatus: 'PolicyMet',
        currentRtoInSecs: 300,
      });
    });
  });
});
