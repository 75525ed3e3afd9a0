/**
 * Idempotency across replicas: two ShiftActions (two backend replicas) on one
 * database, an ARC client double that counts calls and answers slowly, and
 * many requests with one Idempotency-Key at once. On every test database.
 */
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import {
  ArcZonalShiftError,
  type ArcZonalShiftClient,
} from '@fleet-resilience/plugin-fleet-resilience-node';
import knexFactory, { type Knex } from 'knex';
import { AuditStore } from '../database/AuditStore';
import { IdempotencyStore } from '../database/IdempotencyStore';
import type { StoredCluster } from '../domain/records';
import { startShiftInput } from '../service/parseActionInput';
import {
  migratedDatabase,
  shiftActionsOn,
} from './__testUtils__/shiftActionsOn';
import { requestHash } from './idempotency';

jest.setTimeout(60_000);

const ARN = 'arn:aws:eks:us-east-1:111122223333:cluster/payments';
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
const BODY = { awayFrom: 'use1-az2', expiresIn: '1h', comment: 'replicas' };
const INPUT = startShiftInput(BODY);
const caller = (key?: string) => ({
  credentials: mockCredentials.user('user:default/jane'),
  channel: 'api' as const,
  ...(key ? { idempotency: { key, answerStatus: 201 } } : {}),
});
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

function fakeArc(delayMs: number) {
  let n = 0;
  const startZonalShift = jest.fn(async () => {
    await sleep(delayMs);
    n += 1;
    return {
      zonalShiftId: `shift-00${n}`,
      resourceIdentifier: ARN,
      awayFrom: 'use1-az2',
      status: 'ACTIVE' as const,
      startTime: new Date('2026-12-01T10:00:00Z'),
      expiryTime: new Date('2026-12-01T11:00:00Z'),
      comment: 'replicas',
    };
  });
  return { startZonalShift } as unknown as ArcZonalShiftClient & {
    startZonalShift: jest.Mock;
  };
}

function replica(
  db: Knex,
  arc: ArcZonalShiftClient,
  settings: { idempotencyWaitMs?: number } = {},
) {
  return shiftActionsOn(db, [cluster], { arc: async () => arc, settings });
}

const databases = TestDatabases.create();

describe.each(databases.eachSupportedId())(
  'idempotency across replicas on %p',
  databaseId => {
    let first: Knex;
    let second: Knex;

    beforeAll(async () => {
      first = await migratedDatabase(databases, databaseId);
      // PostgreSQL: a second connection pool, as a second replica has.
      second = databaseId.startsWith('POSTGRES')
        ? knexFactory(first.client.config)
        : first;
    });

    afterAll(async () => {
      if (second !== first) await second.destroy();
    });

    it('calls ARC once for many concurrent requests with one key on two replicas', async () => {
      const arc = fakeArc(300);
      const replicas = [replica(first, arc), replica(second, arc)];
      const answers = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          replicas[i % 2].start(caller('same-key'), ARN, INPUT),
        ),
      );
      expect(arc.startZonalShift).toHaveBeenCalledTimes(1);
      expect(new Set(answers.map(a => a.shift.zonalShiftId))).toEqual(
        new Set(['shift-001']),
      );
      expect(answers.filter(a => !a.replayed)).toHaveLength(1);
      expect(new Set(answers.map(a => a.auditEventId)).size).toBe(1);
      // Stored with the route's status, which every replica replays.
      expect(await new IdempotencyStore(first).get('same-key')).toMatchObject({
        state: 'done',
        statusCode: 201,
      });
      const audit = await new AuditStore(first).list(
        { outcomes: ['success'] },
        { limit: 50, offset: 0 },
      );
      expect(
        audit.items.filter(e => e.inputs.idempotencyKey === 'same-key'),
      ).toHaveLength(1);
    });

    it('answers 409 "in progress" when the first call outlasts the wait', async () => {
      const arc = fakeArc(1500);
      const [slow, impatient] = [
        replica(first, arc),
        replica(second, arc, { idempotencyWaitMs: 200 }),
      ];
      const running = slow.start(caller('slow-key'), ARN, INPUT);
      await sleep(100);
      await expect(
        impatient.start(caller('slow-key'), ARN, INPUT),
      ).rejects.toThrow(
        "A request with Idempotency-Key 'slow-key' is still in progress; retry shortly to get its answer",
      );
      await expect(running).resolves.toMatchObject({ replayed: false });
      await expect(
        impatient.start(caller('slow-key'), ARN, INPUT),
      ).resolves.toMatchObject({ replayed: true });
      expect(arc.startZonalShift).toHaveBeenCalledTimes(1);
    });

    it('takes over a claim its owner abandoned (a crash mid-call)', async () => {
      await new IdempotencyStore(first).claim({
        key: 'crashed-key',
        actor: 'user:default/jane',
        operation: 'shift.start',
        requestHash: requestHash({
          operation: 'shift.start',
          target: ARN,
          body: BODY,
        }),
        token: 'dead-replica',
        now: new Date(Date.now() - 10 * 60_000).toISOString(),
      });
      const arc = fakeArc(10);
      const answer = await replica(second, arc).start(
        caller('crashed-key'),
        ARN,
        INPUT,
      );
      expect(answer).toMatchObject({ replayed: false });
      expect(arc.startZonalShift).toHaveBeenCalledTimes(1);
    });

    it('gives the key up when ARC fails, so a retry calls ARC again', async () => {
      const arc = fakeArc(10);
      arc.startZonalShift.mockRejectedValueOnce(
        new ArcZonalShiftError({
          type: 'ThrottlingException',
          statusCode: 429,
          message: 'Rate exceeded',
        }),
      );
      const actions = replica(first, arc);
      await expect(
        actions.start(caller('retry-key'), ARN, INPUT),
      ).rejects.toMatchObject({ name: 'ServiceUnavailableError' });
      await expect(
        actions.start(caller('retry-key'), ARN, INPUT),
      ).resolves.toMatchObject({ replayed: false });
      expect(arc.startZonalShift).toHaveBeenCalledTimes(2);
      const failures = await new AuditStore(first).list(
        { outcomes: ['failure'] },
        { limit: 50, offset: 0 },
      );
      expect(
        failures.items.some(
          e =>
            e.inputs.idempotencyKey === 'retry-key' &&
            /ThrottlingException/.test(e.errorMessage ?? ''),
        ),
      ).toBe(true);
    });
  },
);
