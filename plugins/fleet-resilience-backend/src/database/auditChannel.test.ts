import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import type { AuditChannel } from '@fleet-resilience/plugin-fleet-resilience-common';
import type { AuditEventRecord } from '../domain/records';
import { AuditStore } from './AuditStore';
import { recordActionIntent } from './recordActionIntent';
import { recordNotApplied } from './recordActionOutcome';
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

function event(
  id: string,
  time: string,
  channel?: AuditChannel,
  outcome: AuditEventRecord['outcome'] = 'success',
): AuditEventRecord {
  return {
    id,
    time,
    actor: 'user:default/jane',
    action: 'shift.start',
    cluster: ref('alpha'),
    inputs: { awayFrom: 'use1-az1', expiresIn: '1h', comment: 'drill' },
    outcome,
    ...(channel ? { channel } : {}),
  };
}

describe('the audit channel', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('is stored, read back and filtered on in SQL; a row without one matches no channel', async () => {
      const { knex } = await openStores(databases, databaseId);
      const store = new AuditStore(knex);
      await store.append(event('p', T0, 'portal'));
      await store.append(event('a', T1, 'api'));
      await store.append(event('m', T2, 'mcp'));
      await store.append(event('none', T2));
      const ids = async (channels?: AuditChannel[]) =>
        (await store.list(channels ? { channels } : {}, ALL)).items.map(
          e => e.id,
        );
      expect(await ids(['mcp'])).toEqual(['m']);
      expect(await ids(['portal', 'api'])).toEqual(['a', 'p']);
      expect(await ids()).toEqual(['m', 'none', 'a', 'p']);
      const page = await store.list({ channels: ['api', 'mcp'] }, ALL);
      expect(page.totalCount).toBe(2);
      const byId = new Map(
        (await store.list({}, ALL)).items.map(e => [e.id, e]),
      );
      expect(byId.get('p')).toEqual(event('p', T0, 'portal'));
      expect(byId.get('m')?.channel).toBe('mcp');
      expect(byId.get('none')).toEqual(event('none', T2));
      expect(byId.get('none')).not.toHaveProperty('channel');
    });

    it('reads an unknown stored value as no channel, without failing the rows around it', async () => {
      const { knex } = await openStores(databases, databaseId);
      const store = new AuditStore(knex);
      await store.append(event('good', T0, 'api'));
      await store.append(event('odd', T1, 'api'));
      await knex('audit_events')
        .where('id', 'odd')
        .update({ channel: 'carrier-pigeon' });
      const { items } = await store.list({}, ALL);
      expect(items.map(e => [e.id, e.channel])).toEqual([
        ['odd', undefined],
        ['good', 'api'],
      ]);
      expect(items[0]).not.toHaveProperty('channel');
    });

    it("keeps the intent's channel on its outcome, whoever resolves it", async () => {
      const { knex } = await openStores(databases, databaseId);
      const store = new AuditStore(knex);
      const now = new Date(T1);
      for (const id of ['settled', 'resolved']) {
        expect(
          await recordActionIntent(
            knex,
            { intent: event(id, T0, 'mcp', 'pending') },
            now,
          ),
        ).toBe(true);
      }
      // The route's outcome carries the attempt's channel.
      await store.settle(event('settled', T1, 'mcp', 'success'), now);
      // The intent resolver's outcome is the intent as read back.
      const [pending] = await store.pendingIntents(T2, 10);
      expect(pending.event).toMatchObject({ id: 'resolved', channel: 'mcp' });
      const { channel: _read, ...withoutChannel } = pending.event;
      expect(
        await recordNotApplied(
          knex,
          {
            ...withoutChannel,
            outcome: 'failure',
            errorMessage: 'not applied',
          },
          undefined,
          now,
        ),
      ).toBe(true);
      const { items } = await store.list({}, ALL);
      expect(items.map(e => [e.id, e.outcome, e.channel]).sort()).toEqual([
        ['resolved', 'failure', 'mcp'],
        ['settled', 'success', 'mcp'],
      ]);
      expect((await store.list({ channels: ['mcp'] }, ALL)).totalCount).toBe(2);
    });

    it('leaves the rows written before its migration without a channel', async () => {
      const knex = await databases.init(databaseId);
      const directory = resolvePackagePath(
        '@fleet-resilience/plugin-fleet-resilience-backend',
        'migrations',
      );
      const [, pending] = await knex.migrate.list({ directory });
      const names: string[] = pending.map((m: { file: string }) => m.file);
      const channelMigration = names.indexOf('20261207000500_audit_channel.js');
      expect(channelMigration).toBeGreaterThan(0);
      for (let i = 0; i < channelMigration; i++) {
        await knex.migrate.up({ directory });
      }
      const cluster = ref('alpha');
      await knex('audit_events').insert({
        id: 'old',
        time: T0,
        actor: 'user:default/jane',
        action: 'shift.cancel',
        cluster_arn: cluster.arn,
        account_id: cluster.accountId,
        region: cluster.region,
        cluster_name: cluster.name,
        inputs: JSON.stringify({ zonalShiftId: 'zs-1' }),
        outcome: 'success',
        error_message: null,
      });

      await knex.migrate.latest({ directory });

      const store = new AuditStore(knex);
      await store.append(event('new', T1, 'portal'));
      const { items } = await store.list({}, ALL);
      expect(items.map(e => e.id)).toEqual(['new', 'old']);
      expect(items[1]).toEqual({
        id: 'old',
        time: T0,
        actor: 'user:default/jane',
        action: 'shift.cancel',
        cluster,
        inputs: { zonalShiftId: 'zs-1' },
        outcome: 'success',
      });
      expect(
        (await store.list({ channels: ['portal', 'api', 'mcp'] }, ALL)).items,
      ).toMatchObject([{ id: 'new', channel: 'portal' }]);
      const [row] = await knex('audit_events').where('id', 'old');
      expect(row.channel).toBeNull();
    });
  });
});
