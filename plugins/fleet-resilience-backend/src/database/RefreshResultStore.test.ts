import { TestDatabases } from '@backstage/backend-test-utils';
import { openStores, T0, T1 } from './__testUtils__/storeFixtures';

jest.setTimeout(60_000);

const databases = TestDatabases.create();

describe('RefreshResultStore', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('keeps the last success of a fleet-wide source across failures', async () => {
      const { stores } = await openStores(databases, databaseId);
      await stores.refreshResults.recordRefreshResult({
        source: 'arc:111122223333/us-east-1',
        startedAt: T0,
        finishedAt: T0,
        ok: true,
        durationMs: 40,
      });
      await stores.refreshResults.recordRefreshResult({
        source: 'arc:111122223333/us-east-1',
        startedAt: T1,
        finishedAt: T1,
        ok: false,
        errorMessage: 'ThrottlingException',
        durationMs: 900,
      });
      expect(await stores.refreshResults.listRefreshResults({})).toEqual([
        {
          source: 'arc:111122223333/us-east-1',
          clusterArn: undefined,
          startedAt: T1,
          finishedAt: T1,
          ok: false,
          lastSuccessAt: T0,
          errorMessage: 'ThrottlingException',
          durationMs: 900,
        },
      ]);
    });
  });
});
