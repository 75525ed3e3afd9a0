import { TestDatabases } from '@backstage/backend-test-utils';
import { ALL_CLUSTERS } from './clusterAccessSql';
import type { ShiftStateInputs } from './arcState';
import { AuditStore } from './AuditStore';
import { ActionReads } from './ActionReads';
import { IdempotencyStore } from './IdempotencyStore';
import { recordActionIntent } from './recordActionIntent';
import { recordActionOutcome, recordNotApplied } from './recordActionOutcome';
import {
  openStores,
  T0,
  T1,
  T2,
  ref,
  inventory,
  shift,
  ALL,
} from './__testUtils__/storeFixtures';

jest.setTimeout(60_000);

const databases = TestDatabases.create();

describe('recordActionOutcome', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const alpha = ref('alpha');
    const audit = (id: string) => ({
      id,
      time: T1,
      actor: 'user:default/jane',
      action: 'shift.start' as const,
      cluster: alpha,
      inputs: { awayFrom: 'use1-az1' },
      outcome: 'success' as const,
    });
    const started = shift(alpha, { zonalShiftId: 'shift-7', startTime: T1 });
    /** Shifted away from use1-az1, as the caller decides. */
    const decide = jest.fn(({ resource, cluster }: ShiftStateInputs) => ({
      resource: resource ?? {
        arn: cluster.ref.arn,
        accountId: cluster.ref.accountId,
        region: cluster.ref.region,
        availabilityZones: [],
        appliedWeights: { 'use1-az1': 0, 'use1-az2': 1 },
      },
      clusterState: {
        arn: cluster.ref.arn,
        shiftState: 'zonal-shift' as const,
        activeShift: started,
        shiftAwayFrom: { name: 'us-east-1a', id: 'use1-az1' },
      },
    }));

    beforeEach(() => decide.mockClear());

    it('writes the shift, the decided state and documents, the audit event and the key’s answer at once', async () => {
      const { knex, stores } = await openStores(databases, databaseId);
      await stores.inventory.applyInventory(
        'aws-config',
        [inventory(alpha)],
        T0,
      );
      const keys = new IdempotencyStore(knex);
      await keys.claim({
        key: 'k',
        actor: 'user:default/jane',
        operation: 'shift.start',
        requestHash: 'h',
        token: 't',
        now: T0,
      });
      await recordActionOutcome(
        knex,
        {
          audit: audit('audit-1'),
          shift: started,
          decide,
          idempotency: {
            claim: { key: 'k', token: 't' },
            answer: { statusCode: 201, responseBody: '{}' },
          },
        },
        new Date(T1),
      );
      expect(decide).toHaveBeenCalledTimes(1);
      expect(
        decide.mock.calls[0][0].storedShifts.map(s => s.zonalShiftId),
      ).toEqual(['shift-7']);
      expect(await new ActionReads(knex).getShift('shift-7')).toMatchObject({
        resourceIdentifier: alpha.arn,
        status: 'ACTIVE',
        lastSeenAt: T1,
      });
      const cluster = (await stores.clusters.getCluster(alpha.arn))!;
      expect(cluster.shiftState).toBe('zonal-shift');
      const summary = JSON.parse(
        (await stores.clusters.getClusterDocuments(alpha.arn, ALL_CLUSTERS))!
          .summary,
      );
      expect(summary.shiftState).toBe('zonal-shift');
      expect(
        (await new AuditStore(knex).list({}, ALL)).items.map(e => e.id),
      ).toEqual(['audit-1']);
      expect(await keys.get('k')).toMatchObject({
        state: 'done',
        statusCode: 201,
      });
    });

    it('writes nothing when a part fails, and keeps a shift of a cluster no longer in the fleet', async () => {
      const { knex, stores } = await openStores(databases, databaseId);
      await stores.inventory.applyInventory(
        'aws-config',
        [inventory(alpha)],
        T0,
      );
      const auditStore = new AuditStore(knex);
      await auditStore.append({ ...audit('intent'), outcome: 'pending' });
      // The decision fails after the audit row was resolved: both undone.
      const outcome = await recordActionOutcome(
        knex,
        {
          audit: audit('intent'),
          shift: started,
          decide: () => {
            throw new Error('no decision');
          },
        },
        new Date(T1),
      ).then(
        () => 'stored',
        () => 'refused',
      );
      expect(outcome).toBe('refused');
      expect(await new ActionReads(knex).getShift('shift-7')).toBeUndefined();
      expect((await auditStore.list({}, ALL)).items[0].outcome).toBe('pending');

      const gone = shift(ref('gone'), { zonalShiftId: 'shift-8' });
      await recordActionOutcome(
        knex,
        {
          audit: { ...audit('audit-2'), cluster: ref('gone') },
          shift: gone,
          decide,
        },
        new Date(T1),
      );
      expect(decide).not.toHaveBeenCalled();
      expect(await new ActionReads(knex).getShift('shift-8')).toBeDefined();
      expect((await auditStore.list({}, ALL)).totalCount).toBe(2);
    });

    it('resolves the attempt’s pending intent into one row, once', async () => {
      const { knex } = await openStores(databases, databaseId);
      const auditStore = new AuditStore(knex);
      await auditStore.append({
        ...audit('intent-1'),
        inputs: { awayFrom: 'use1-az1', comment: 'x' },
        outcome: 'pending',
      });
      expect(
        (await auditStore.pendingIntents(T2, 10)).map(e => e.event.id),
      ).toEqual(['intent-1']);
      const resolved = {
        ...audit('intent-1'),
        inputs: { awayFrom: 'use1-az1', zonalShiftId: 'shift-7' },
      };
      await expect(
        recordActionOutcome(
          knex,
          { audit: resolved, shift: started, decide, onlyIfPending: true },
          new Date(T1),
        ),
      ).resolves.toBe(true);
      // A second resolver finds it resolved: nothing more is written.
      await expect(
        recordActionOutcome(
          knex,
          {
            audit: { ...resolved, outcome: 'failure' as never },
            shift: { ...started, status: 'CANCELED' },
            decide,
            onlyIfPending: true,
          },
          new Date(T1),
        ),
      ).resolves.toBe(false);
      const { items } = await auditStore.list({}, ALL);
      expect(items).toEqual([resolved]);
      expect((await new ActionReads(knex).getShift('shift-7'))?.status).toBe(
        'ACTIVE',
      );
      expect(await auditStore.pendingIntents(T2, 10)).toEqual([]);
      // The holder's late outcome is kept as a row of its own, never lost.
      await recordActionOutcome(
        knex,
        { audit: resolved, shift: started, decide },
        new Date(T1),
      );
      const after = (await auditStore.list({}, ALL)).items;
      expect(after).toHaveLength(2);
      expect(new Set(after.map(e => e.id)).size).toBe(2);
    });

    it('settles the key of a resolved intent: the answer on success, given up when not applied', async () => {
      const { knex } = await openStores(databases, databaseId);
      const auditStore = new AuditStore(knex);
      const keys = new IdempotencyStore(knex);
      const claimed = async (key: string, id: string) => {
        await keys.claim({
          key,
          actor: 'user:default/jane',
          operation: 'shift.start',
          requestHash: 'h',
          token: `token-${key}`,
          now: T0,
          answerStatus: 201,
        });
        await recordActionIntent(
          knex,
          {
            intent: { ...audit(id), outcome: 'pending' },
            fence: { claim: { key, token: `token-${key}` }, notBefore: T0 },
          },
          new Date(T0),
        );
      };
      await claimed('found', 'intent-found');
      await claimed('lost', 'intent-lost');
      expect(await auditStore.hasPendingIntent('found')).toBe(true);
      expect(await keys.get('found')).toMatchObject({
        state: 'pending',
        statusCode: 201,
      });
      expect(
        (await auditStore.pendingIntents(T2, 10)).map(p => [
          p.event.id,
          p.idempotencyKey,
        ]),
      ).toEqual([
        ['intent-found', 'found'],
        ['intent-lost', 'lost'],
      ]);

      await recordActionOutcome(
        knex,
        {
          audit: audit('intent-found'),
          shift: started,
          decide,
          onlyIfPending: true,
          settleKey: {
            key: 'found',
            answer: { statusCode: 201, responseBody: '{"shift":{}}' },
          },
        },
        new Date(T1),
      );
      expect(await keys.get('found')).toMatchObject({
        state: 'done',
        statusCode: 201,
        responseBody: '{"shift":{}}',
      });
      expect(await auditStore.hasPendingIntent('found')).toBe(false);

      const notApplied = {
        ...audit('intent-lost'),
        outcome: 'failure' as never,
        errorMessage: 'Not applied',
      };
      await expect(
        recordNotApplied(knex, notApplied, 'lost', new Date(T1)),
      ).resolves.toBe(true);
      expect(await keys.get('lost')).toBeUndefined();
      // Resolved already: nothing more.
      await expect(
        recordNotApplied(knex, notApplied, 'lost', new Date(T1)),
      ).resolves.toBe(false);
      const outcomes = (await auditStore.list({}, ALL)).items
        .map(e => [e.id, e.outcome])
        .sort();
      expect(outcomes).toEqual([
        ['intent-found', 'success'],
        ['intent-lost', 'failure'],
      ]);
    });
  });
});
