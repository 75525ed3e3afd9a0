/**
 * The two-step audit, the idempotency lease and authorization before lookup
 * through ShiftActions on every test database, with an ARC double: the
 * intent before the call and its outcome in the same row; an uncertain
 * failure leaves the intent for the IntentResolver, which finds the shift
 * (stored, success) or not (failure); a claim whose lease ran out never
 * calls ARC; a live holder's lease is renewed so no other replica takes it
 * over; a caller who may not gets the same 403 for a cluster that does not
 * exist.
 */
import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { AuditEvent } from '@fleet-resilience/plugin-fleet-resilience-common';
import {
  ArcZonalShiftError,
  type ArcZonalShiftClient,
  type ZonalShiftSummary,
} from '@fleet-resilience/plugin-fleet-resilience-node';
import type { Knex } from 'knex';
import { ActionReads } from '../database/ActionReads';
import { AuditStore } from '../database/AuditStore';
import { IdempotencyStore } from '../database/IdempotencyStore';
import {
  recordActionOutcome,
  recordNotApplied,
} from '../database/recordActionOutcome';
import type { StoredCluster } from '../domain/records';
import { startShiftInput } from '../service/parseActionInput';
import {
  migratedDatabase,
  shiftActionsOn,
} from './__testUtils__/shiftActionsOn';
import { IntentResolver } from './IntentResolver';

jest.setTimeout(60_000);

const ARN = 'arn:aws:eks:us-east-1:111122223333:cluster/payments';
const MISSING = 'arn:aws:eks:us-east-1:111122223333:cluster/no-such-cluster';
const cluster = {
  ref: {
    arn: ARN,
    accountId: '111122223333',
    region: 'us-east-1',
    name: 'payments',
  },
  zones: [
    { name: 'us-east-1a', id: 'use1-az1' },
    { name: 'us-east-1b', id: 'use1-az2' },
  ],
  zonalShiftEnabled: true,
  shiftState: 'none',
  tags: {},
} as unknown as StoredCluster;
const BODY = { awayFrom: 'use1-az2', expiresIn: '1h', comment: 'intents' };
const caller = (key?: string) => ({
  credentials: mockCredentials.user('user:default/jane'),
  channel: 'api' as const,
  ...(key ? { idempotency: { key, answerStatus: 201 } } : {}),
});
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));
const ALL = { limit: 100, offset: 0 };

/** ARC: starts shifts (after `delayMs`), lists them; `failWith` fails the next start after applying it or not. */
function fakeArc(options: { delayMs?: number } = {}) {
  const shifts: ZonalShiftSummary[] = [];
  const state: { failWith?: Error; applyBeforeFailing?: boolean } = {};
  const startZonalShift = jest.fn(async (input: any) => {
    await sleep(options.delayMs ?? 0);
    const shift: ZonalShiftSummary = {
      zonalShiftId: `shift-${shifts.length + 1}`,
      resourceIdentifier: input.resourceIdentifier,
      awayFrom: input.awayFrom,
      status: 'ACTIVE',
      startTime: new Date(),
      expiryTime: new Date(Date.now() + 3_600_000),
      comment: input.comment,
      shiftType: 'ZONAL_SHIFT',
    };
    const failure = state.failWith;
    state.failWith = undefined;
    if (!failure || state.applyBeforeFailing) shifts.push(shift);
    if (failure) throw failure;
    return shift;
  });
  async function* paginateZonalShifts() {
    yield { items: [...shifts] };
  }
  const client = {
    startZonalShift,
    paginateZonalShifts,
  } as unknown as ArcZonalShiftClient;
  return { client, startZonalShift, shifts, state };
}

const serverFault = () =>
  new ArcZonalShiftError({
    type: 'InternalServerException',
    statusCode: 500,
    message: 'internal',
  });

const databases = TestDatabases.create();

describe.each(databases.eachSupportedId())(
  'shift action intents on %p',
  databaseId => {
    let db: Knex;

    beforeAll(async () => {
      db = await migratedDatabase(databases, databaseId);
    });

    const auditRows = async () =>
      (await new AuditStore(db).list({ clusterArns: [ARN] }, ALL)).items;

    const resolver = (
      arc: ArcZonalShiftClient,
      leaseMs: number,
      now?: () => Date,
    ) =>
      new IntentResolver({
        audit: new AuditStore(db),
        reads: new ActionReads(db),
        keys: new IdempotencyStore(db),
        recordOutcome: (outcome, at) => recordActionOutcome(db, outcome, at),
        recordNotApplied: (event, key, at) =>
          recordNotApplied(db, event, key, at),
        arc: async () => arc,
        logger: mockServices.logger.mock(),
        leaseMs,
        ...(now ? { now } : {}),
      });

    beforeEach(async () => {
      await db('audit_events').delete();
      await db('shifts').delete();
      await db('action_idempotency').delete();
    });

    it('writes the intent before ARC is called and its outcome into the same row', async () => {
      const arc = fakeArc();
      let seenBeforeCall: AuditEvent[] = [];
      arc.startZonalShift.mockImplementationOnce(async (input: any) => {
        seenBeforeCall = await auditRows();
        arc.startZonalShift.mockRestore?.();
        return {
          zonalShiftId: 'shift-9',
          resourceIdentifier: input.resourceIdentifier,
          awayFrom: input.awayFrom,
          status: 'ACTIVE',
          startTime: new Date(),
          expiryTime: new Date(Date.now() + 3_600_000),
          comment: input.comment,
        };
      });
      const actions = shiftActionsOn(db, [cluster], {
        arc: async () => arc.client,
      });
      const answer = await actions.start(
        caller('k1'),
        ARN,
        startShiftInput(BODY),
      );
      expect(seenBeforeCall).toMatchObject([
        { id: answer.auditEventId, outcome: 'pending', inputs: BODY },
      ]);
      expect(await auditRows()).toMatchObject([
        {
          id: answer.auditEventId,
          outcome: 'success',
          inputs: { ...BODY, zonalShiftId: 'shift-9', idempotencyKey: 'k1' },
        },
      ]);
    });

    it('resolves a refusal into the intent’s row with a classified message', async () => {
      const arc = fakeArc();
      arc.state.failWith = new ArcZonalShiftError({
        type: 'AccessDeniedException',
        statusCode: 403,
        message:
          'User: arn:aws:sts::111122223333:assumed-role/operator is not authorized',
      });
      const actions = shiftActionsOn(db, [cluster], {
        arc: async () => arc.client,
      });
      await expect(
        actions.start(caller(), ARN, startShiftInput(BODY)),
      ).rejects.toMatchObject({ name: 'ServiceUnavailableError' });
      const rows = await auditRows();
      expect(rows).toHaveLength(1);
      expect(rows[0].outcome).toBe('failure');
      expect(rows[0].errorMessage).toMatch(/access denied/);
      expect(rows[0].errorMessage).not.toMatch(/assumed-role/);
    });

    it('leaves the intent of an uncertain failure pending; the resolver finds the shift ARC applied and stores it', async () => {
      const arc = fakeArc();
      arc.state.failWith = serverFault();
      arc.state.applyBeforeFailing = true;
      const actions = shiftActionsOn(db, [cluster], {
        arc: async () => arc.client,
        settings: { idempotencyLeaseMs: 1_000, idempotencyWaitMs: 300 },
      });
      await expect(
        actions.start(
          { ...caller('lost'), channel: 'mcp' },
          ARN,
          startShiftInput(BODY),
        ),
      ).rejects.toThrow(/may or may not have happened/);
      const [intent] = await auditRows();
      expect(intent).toMatchObject({ outcome: 'pending', channel: 'mcp' });
      // The key is kept; once its lease ran out it is still not taken over.
      await sleep(1_100);
      await expect(
        actions.start(caller('lost'), ARN, startShiftInput(BODY)),
      ).rejects.toThrow(/whether it was applied is not known yet/);
      expect(arc.startZonalShift).toHaveBeenCalledTimes(1);
      // Younger than the lease: left to its holder.
      expect(await resolver(arc.client, 60_000).resolvePending()).toEqual({
        succeeded: 0,
        failed: 0,
        left: 0,
      });
      const later = () => new Date(Date.now() + 120_000);
      expect(
        await resolver(arc.client, 60_000, later).resolvePending(),
      ).toEqual({
        succeeded: 1,
        failed: 0,
        left: 0,
      });
      expect(await auditRows()).toMatchObject([
        {
          id: intent.id,
          outcome: 'success',
          channel: 'mcp',
          inputs: { ...BODY, zonalShiftId: 'shift-1' },
        },
      ]);
      expect(await new ActionReads(db).getShift('shift-1')).toMatchObject({
        resourceIdentifier: ARN,
        awayFrom: 'use1-az2',
        actor: 'user:default/jane',
      });
      // Resolved once: another pass (another replica) changes nothing.
      expect(
        await resolver(arc.client, 60_000, later).resolvePending(),
      ).toEqual({
        succeeded: 0,
        failed: 0,
        left: 0,
      });
      // The key replays the resolved answer, with the route's status.
      await expect(
        actions.start(caller('lost'), ARN, startShiftInput(BODY)),
      ).resolves.toMatchObject({
        replayed: true,
        auditEventId: intent.id,
        shift: { zonalShiftId: 'shift-1', awayFrom: 'use1-az2' },
      });
      expect(await new IdempotencyStore(db).get('lost')).toMatchObject({
        state: 'done',
        statusCode: 201,
      });
      expect(arc.startZonalShift).toHaveBeenCalledTimes(1);
    });

    it('resolves an intent ARC never applied as a failure, and leaves one it cannot check pending', async () => {
      const arc = fakeArc();
      arc.state.failWith = serverFault();
      const actions = shiftActionsOn(db, [cluster], {
        arc: async () => arc.client,
      });
      await expect(
        actions.start(caller('unknown'), ARN, startShiftInput(BODY)),
      ).rejects.toThrow(/may or may not have happened/);
      const later = () => new Date(Date.now() + 120_000);
      const unreachable = {
        paginateZonalShifts: () => {
          throw new TypeError('fetch failed');
        },
      } as unknown as ArcZonalShiftClient;
      expect(
        await resolver(unreachable, 60_000, later).resolvePending(),
      ).toEqual({
        succeeded: 0,
        failed: 0,
        left: 1,
      });
      expect((await auditRows())[0].outcome).toBe('pending');
      expect(
        await resolver(arc.client, 60_000, later).resolvePending(),
      ).toEqual({
        succeeded: 0,
        failed: 1,
        left: 0,
      });
      expect(await auditRows()).toMatchObject([
        {
          outcome: 'failure',
          errorMessage: expect.stringMatching(
            /^Not applied: ARC has no zonal shift/,
          ),
        },
      ]);
      // Not applied: the key is given up, and a retry runs again.
      expect(await new IdempotencyStore(db).get('unknown')).toBeUndefined();
      await expect(
        actions.start(caller('unknown'), ARN, startShiftInput(BODY)),
      ).resolves.toMatchObject({ replayed: false });
      expect(arc.startZonalShift).toHaveBeenCalledTimes(2);
    });

    it('never calls ARC once its claim’s lease ran out and another request took it over', async () => {
      const arc = fakeArc();
      const keys = new IdempotencyStore(db);
      const actions = shiftActionsOn(db, [cluster], {
        settings: { idempotencyLeaseMs: 1_000 },
        arc: async () => {
          // Stalled past the lease; another replica takes the key over.
          await sleep(1_200);
          const record = (await keys.get('stalled'))!;
          expect(
            await keys.takeOver(record, 'other', new Date().toISOString()),
          ).toBe(true);
          return arc.client;
        },
      });
      await expect(
        actions.start(caller('stalled'), ARN, startShiftInput(BODY)),
      ).rejects.toThrow(/lost its claim .* ARC was not called/);
      expect(arc.startZonalShift).not.toHaveBeenCalled();
      expect(await auditRows()).toMatchObject([{ outcome: 'failure' }]);
    });

    it('renews a working holder’s lease, so a second replica waits instead of calling ARC again', async () => {
      const arc = fakeArc({ delayMs: 1_500 });
      const settings = { idempotencyLeaseMs: 1_000, idempotencyWaitMs: 5_000 };
      const first = shiftActionsOn(db, [cluster], {
        arc: async () => arc.client,
        settings,
      });
      const second = shiftActionsOn(db, [cluster], {
        arc: async () => arc.client,
        settings,
      });
      const running = first.start(caller('slow'), ARN, startShiftInput(BODY));
      // Past the first claim's lease: only the heartbeat keeps it.
      await sleep(1_200);
      const retry = await second.start(
        caller('slow'),
        ARN,
        startShiftInput(BODY),
      );
      const answer = await running;
      expect(retry).toEqual({ ...answer, replayed: true });
      expect(arc.startZonalShift).toHaveBeenCalledTimes(1);
    });

    it('authorizes with the ARN as resource ref before looking the cluster up: one 403 for "does not exist" and "may not"', async () => {
      const authorize = jest.fn(async (requests: any[]) =>
        requests.map(() => ({ result: AuthorizeResult.DENY })),
      );
      const getCluster = jest.fn(async (arn: string) =>
        arn === ARN ? cluster : undefined,
      );
      const actions = shiftActionsOn(db, [cluster], {
        arc: async () => fakeArc().client,
        permissions: mockServices.permissions.mock({
          authorize: authorize as never,
        }),
        clusters: { getCluster },
      });
      const known = actions.start(caller(), ARN, startShiftInput(BODY));
      await expect(known).rejects.toMatchObject({ name: 'NotAllowedError' });
      const unknown = actions.start(caller(), MISSING, startShiftInput(BODY));
      await expect(unknown).rejects.toMatchObject({ name: 'NotAllowedError' });
      const messages = await Promise.all(
        [known, unknown].map(p => p.catch((e: Error) => e.message)),
      );
      expect(messages[0]).toBe(
        'Not allowed to start a zonal shift on payments (fleet-resilience.shift.start)',
      );
      expect(messages[1]).toBe(
        'Not allowed to start a zonal shift on no-such-cluster (fleet-resilience.shift.start)',
      );
      expect(authorize.mock.calls[1][0]).toEqual([
        expect.objectContaining({
          permission: expect.objectContaining({
            name: 'fleet-resilience.shift.start',
            resourceType: 'fleet-resilience-cluster',
          }),
          resourceRef: MISSING,
        }),
      ]);
      expect(authorize.mock.invocationCallOrder[0]).toBeLessThan(
        getCluster.mock.invocationCallOrder[0],
      );
      // The denial on a known cluster is audited; nothing for the other.
      expect(await auditRows()).toMatchObject([{ outcome: 'denied' }]);
      // Allowed: a missing cluster is a 404.
      const allowed = shiftActionsOn(db, [cluster], {
        arc: async () => fakeArc().client,
      });
      await expect(
        allowed.start(caller(), MISSING, startShiftInput(BODY)),
      ).rejects.toMatchObject({ name: 'NotFoundError' });
    });
  },
);
