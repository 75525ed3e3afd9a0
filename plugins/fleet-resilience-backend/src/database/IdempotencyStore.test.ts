import { TestDatabases } from '@backstage/backend-test-utils';
import { IdempotencyStore } from './IdempotencyStore';
import { openStores, T0, T1, T2 } from './__testUtils__/storeFixtures';

jest.setTimeout(60_000);

const databases = TestDatabases.create();

describe('IdempotencyStore', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const claimOf = (token: string, now = T0) => ({
      key: 'key-1',
      actor: 'user:default/jane',
      operation: 'shift.start',
      requestHash: 'h1',
      token,
      now,
    });

    it('lets one claim win, completes it, and hands the answer to the others', async () => {
      const { knex } = await openStores(databases, databaseId);
      const store = new IdempotencyStore(knex);
      expect(await store.claim(claimOf('first'))).toEqual({ claimed: true });
      const second = await store.claim(claimOf('second', T1));
      expect(second).toEqual({
        claimed: false,
        record: {
          key: 'key-1',
          actor: 'user:default/jane',
          requestHash: 'h1',
          state: 'pending',
          createdAt: T0,
          updatedAt: T0,
        },
      });
      await store.complete(
        { key: 'key-1', token: 'first' },
        { statusCode: 201, responseBody: '{"replayed":false}' },
        new Date(T1),
      );
      expect(await store.get('key-1')).toMatchObject({
        state: 'done',
        statusCode: 201,
        responseBody: '{"replayed":false}',
        updatedAt: T1,
      });
    });

    it('takes a pending claim over once, releases only a pending claim, prunes by age', async () => {
      const { knex } = await openStores(databases, databaseId);
      const store = new IdempotencyStore(knex);
      await store.claim(claimOf('dead'));
      const record = (await store.get('key-1'))!;
      expect(await store.takeOver(record, 'one', T1)).toBe(true);
      expect(await store.takeOver(record, 'two', T1)).toBe(false);
      // Only the current owner's release counts.
      await store.release({ key: 'key-1', token: 'dead' });
      expect(await store.get('key-1')).toBeDefined();
      await store.release({ key: 'key-1', token: 'one' });
      expect(await store.get('key-1')).toBeUndefined();

      await store.claim(claimOf('again', T1));
      expect(await store.prune(T1)).toBe(0);
      expect(await store.prune(T2)).toBe(1);
      expect(await store.get('key-1')).toBeUndefined();
    });
  });
});
