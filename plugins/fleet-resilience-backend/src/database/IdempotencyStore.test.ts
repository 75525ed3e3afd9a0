import { TestDatabases } from '@backstage/backend-test-utils';
import { AuditStore } from './AuditStore';
import { IdempotencyStore } from './IdempotencyStore';
import { recordActionIntent } from './recordActionIntent';
import {
  ALL,
  openStores,
  ref,
  T0,
  T1,
  T2,
} from './__testUtils__/storeFixtures';

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

    it('renews and verifies only the holder’s unexpired claim', async () => {
      const { knex } = await openStores(databases, databaseId);
      const store = new IdempotencyStore(knex);
      await store.claim(claimOf('mine'));
      const mine = { key: 'key-1', token: 'mine' };
      // Last renewed at T0: valid for a cutoff at or before T0.
      expect(await store.verify(mine, T0)).toBe(true);
      expect(await store.verify(mine, T1)).toBe(false);
      expect(await store.renew(mine, T1, T1)).toBe(false);
      expect(await store.renew(mine, T1, T0)).toBe(true);
      expect(await store.get('key-1')).toMatchObject({ updatedAt: T1 });
      expect(await store.verify(mine, T1)).toBe(true);
      // Another token, or a finished claim, never renews.
      expect(await store.renew({ key: 'key-1', token: 'other' }, T2, T0)).toBe(
        false,
      );
      await store.complete(
        mine,
        { statusCode: 200, responseBody: '{}' },
        new Date(T2),
      );
      expect(await store.renew(mine, T2, T0)).toBe(false);
      expect(await store.verify(mine, T0)).toBe(false);
    });

    it('writes an intent only while the claim is fenced', async () => {
      const { knex } = await openStores(databases, databaseId);
      const store = new IdempotencyStore(knex);
      await store.claim(claimOf('mine'));
      const intent = (id: string) => ({
        id,
        time: T1,
        actor: 'user:default/jane',
        action: 'shift.start' as const,
        cluster: ref('alpha'),
        inputs: { awayFrom: 'use1-az1' },
        outcome: 'pending' as const,
      });
      const mine = { key: 'key-1', token: 'mine' };
      // The lease ran out (last renewed T0, valid only from T1): no intent.
      await expect(
        recordActionIntent(
          knex,
          { intent: intent('late'), fence: { claim: mine, notBefore: T1 } },
          new Date(T2),
        ),
      ).resolves.toBe(false);
      await expect(
        recordActionIntent(
          knex,
          { intent: intent('in-time'), fence: { claim: mine, notBefore: T0 } },
          new Date(T1),
        ),
      ).resolves.toBe(true);
      await expect(
        recordActionIntent(knex, { intent: intent('no-key') }, new Date(T1)),
      ).resolves.toBe(true);
      const { items } = await new AuditStore(knex).list({}, ALL);
      expect(items.map(e => e.id).sort()).toEqual(['in-time', 'no-key']);
      expect(await store.get('key-1')).toMatchObject({ updatedAt: T1 });
    });
  });
});
