/**
 * Updating a shift's expiry through ShiftActions, with an ARC double that
 * counts `expiresIn` from its own clock as ARC does, on every test database:
 * `extendBy` adds to ARC's current expiry (never shortens), refusals change
 * nothing and are audited, the audit records the expiry before and after,
 * and a retried extension with the same Idempotency-Key adds time once.
 */
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import {
  expiresInToMilliseconds,
  type AuditEvent,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type {
  ArcZonalShiftClient,
  ListZonalShiftsInput,
  ZonalShiftSummary,
} from '@fleet-resilience/plugin-fleet-resilience-node';
import type { Knex } from 'knex';
import { AuditStore } from '../database/AuditStore';
import { ActionReads } from '../database/ActionReads';
import type { StoredCluster } from '../domain/records';
import { updateShiftInput } from '../service/parseActionInput';
import {
  migratedDatabase,
  shiftActionsOn,
} from './__testUtils__/shiftActionsOn';
import type { ShiftActions } from './ShiftActions';

jest.setTimeout(60_000);

const ARN = 'arn:aws:eks:us-east-1:111122223333:cluster/payments';
const NOW = Date.parse('2026-12-01T10:00:00Z');
const HOUR = 3_600_000;
const at = (ms: number) => new Date(ms).toISOString();
const cluster = {
  ref: {
    arn: ARN,
    accountId: '111122223333',
    region: 'us-east-1',
    name: 'payments',
  },
  zones: [{ name: 'us-east-1b', id: 'use1-az2' }],
  zonalShiftEnabled: true,
  shiftState: 'zonal-shift',
  tags: {},
} as unknown as StoredCluster;
const caller = (key?: string) => ({
  credentials: mockCredentials.user('user:default/jane'),
  channel: 'api' as const,
  ...(key ? { idempotency: { key, answerStatus: 200 } } : {}),
});
const body = updateShiftInput;

/** ARC's side: shifts by ID, `expiresIn` counted from ARC's clock. */
function fakeArc(now: () => number) {
  const shifts = new Map<string, ZonalShiftSummary>();
  const add = (
    id: string,
    expiryTime: number,
    status: ZonalShiftSummary['status'] = 'ACTIVE',
  ) =>
    shifts.set(id, {
      zonalShiftId: id,
      resourceIdentifier: ARN,
      awayFrom: 'use1-az2',
      startTime: new Date(NOW - HOUR),
      expiryTime: new Date(expiryTime),
      status,
      comment: 'incident',
      shiftType: 'ZONAL_SHIFT',
    });
  const updateZonalShift = jest.fn(
    async (input: {
      zonalShiftId: string;
      expiresIn?: string;
      comment?: string;
    }) => {
      const shift = shifts.get(input.zonalShiftId)!;
      if (input.expiresIn !== undefined) {
        shift.expiryTime = new Date(
          now() + expiresInToMilliseconds(input.expiresIn),
        );
      }
      if (input.comment !== undefined) shift.comment = input.comment;
      return { ...shift };
    },
  );
  async function* paginateZonalShifts(input: ListZonalShiftsInput) {
    yield {
      items: [...shifts.values()]
        .filter(s => s.resourceIdentifier === input.resourceIdentifier)
        .filter(s => input.status === undefined || s.status === input.status)
        .map(s => ({ ...s })),
    };
  }
  const client = {
    updateZonalShift,
    paginateZonalShifts,
  } as unknown as ArcZonalShiftClient;
  return { client, shifts, add, updateZonalShift };
}

const databases = TestDatabases.create();

describe.each(databases.eachSupportedId())(
  'updating a shift’s expiry on %p',
  databaseId => {
    let db: Knex;
    let clock: number;
    let arc: ReturnType<typeof fakeArc>;
    let actions: ShiftActions;
    let audit: AuditStore;
    let reads: ActionReads;

    beforeAll(async () => {
      db = await migratedDatabase(databases, databaseId);
      audit = new AuditStore(db);
      reads = new ActionReads(db);
    });

    beforeEach(() => {
      clock = NOW;
      arc = fakeArc(() => clock);
      actions = shiftActionsOn(db, [cluster], {
        arc: async () => arc.client,
        now: () => new Date(clock),
      });
    });

    const auditOf = async (
      zonalShiftId: string,
      outcome: AuditEvent['outcome'],
    ) =>
      (
        await audit.list({ outcomes: [outcome] }, { limit: 500, offset: 0 })
      ).items.filter(e => e.inputs.zonalShiftId === zonalShiftId);

    it('adds extendBy to the expiry ARC reports and sends ARC the duration from now', async () => {
      arc.add('zs-extend', NOW + 2 * HOUR);
      const answer = await actions.update(
        caller(),
        ARN,
        'zs-extend',
        body({
          extendBy: '1h',
        }),
      );
      expect(arc.updateZonalShift).toHaveBeenCalledWith({
        zonalShiftId: 'zs-extend',
        expiresIn: '3h',
      });
      expect(answer.shift.expiryTime).toBe(at(NOW + 3 * HOUR));
      const [event] = await auditOf('zs-extend', 'success');
      expect(event).toMatchObject({
        action: 'shift.update',
        inputs: {
          zonalShiftId: 'zs-extend',
          extendBy: '1h',
          arcExpiresIn: '3h',
          previousExpiry: at(NOW + 2 * HOUR),
          newExpiry: at(NOW + 3 * HOUR),
        },
      });
      expect(event.id).toBe(answer.auditEventId);
    });

    it('extends from ARC’s current expiry, not the stored one, after a change outside the portal', async () => {
      arc.add('zs-console', NOW + HOUR);
      await actions.update(
        caller(),
        ARN,
        'zs-console',
        body({
          comment: 'stored now',
        }),
      );
      expect((await reads.getShift('zs-console'))?.expiryTime).toBe(
        at(NOW + HOUR),
      );
      // Someone extends it in the AWS console: the store does not know yet.
      arc.shifts.get('zs-console')!.expiryTime = new Date(NOW + 5 * HOUR);
      clock = NOW + 10 * 60_000;
      await actions.update(
        caller(),
        ARN,
        'zs-console',
        body({ extendBy: '30m' }),
      );
      expect(arc.updateZonalShift).toHaveBeenLastCalledWith({
        zonalShiftId: 'zs-console',
        expiresIn: '320m',
      });
      expect(arc.shifts.get('zs-console')!.expiryTime.toISOString()).toBe(
        at(NOW + 5.5 * HOUR),
      );
    });

    it('refuses an extension past 72 h from now with a 400 that says how much fits, changing nothing, audited', async () => {
      arc.add('zs-cap', NOW + 2 * HOUR);
      await expect(
        actions.update(caller(), ARN, 'zs-cap', body({ extendBy: '71h' })),
      ).rejects.toMatchObject({
        name: 'InputError',
        message:
          'Invalid zonal shift update: extendBy: adding 71 h would end the shift 73 h from now, and ARC allows at most 72 h from now; at most 70 h (70h) can be added now',
      });
      expect(arc.updateZonalShift).not.toHaveBeenCalled();
      expect(arc.shifts.get('zs-cap')!.expiryTime.toISOString()).toBe(
        at(NOW + 2 * HOUR),
      );
      const [failure] = await auditOf('zs-cap', 'failure');
      expect(failure).toMatchObject({
        action: 'shift.update',
        inputs: { zonalShiftId: 'zs-cap', extendBy: '71h' },
        errorMessage: expect.stringContaining(
          'at most 70 h (70h) can be added now',
        ),
      });
    });

    it('refuses to extend a shift past its expiry by the clock (400) or ended in ARC (409), changing nothing', async () => {
      arc.add('zs-late', NOW - 1);
      await expect(
        actions.update(caller(), ARN, 'zs-late', body({ extendBy: '1h' })),
      ).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringMatching(
          /^Invalid zonal shift update: extendBy: the shift has ended/,
        ),
      });
      arc.add('zs-gone', NOW + HOUR, 'CANCELED');
      await expect(
        actions.update(caller(), ARN, 'zs-gone', body({ extendBy: '1h' })),
      ).rejects.toMatchObject({
        name: 'ConflictError',
        message: expect.stringMatching(/no longer active in ARC/),
      });
      expect(arc.updateZonalShift).not.toHaveBeenCalled();
      expect(await auditOf('zs-late', 'failure')).toHaveLength(1);
      expect(await auditOf('zs-gone', 'failure')).toHaveLength(1);
    });

    it('adds the time once when an extension is retried with the same Idempotency-Key', async () => {
      arc.add('zs-retry', NOW + 2 * HOUR);
      const key = `extend-${databaseId}`;
      const first = await actions.update(
        caller(key),
        ARN,
        'zs-retry',
        body({
          extendBy: '1h',
        }),
      );
      clock += 30_000;
      const retry = await actions.update(
        caller(key),
        ARN,
        'zs-retry',
        body({
          extendBy: '1h',
        }),
      );
      expect(arc.updateZonalShift).toHaveBeenCalledTimes(1);
      expect(arc.shifts.get('zs-retry')!.expiryTime.toISOString()).toBe(
        at(NOW + 3 * HOUR),
      );
      expect(retry).toEqual({ ...first, replayed: true });
      expect(await auditOf('zs-retry', 'success')).toHaveLength(1);
      // A new key is a new extension; 2 h 59.5 min left count as 3 h, so it
      // ends half a minute later than 3 h + 1 h, never earlier.
      await actions.update(
        caller(`${key}-2`),
        ARN,
        'zs-retry',
        body({
          extendBy: '1h',
        }),
      );
      expect(arc.updateZonalShift).toHaveBeenLastCalledWith({
        zonalShiftId: 'zs-retry',
        expiresIn: '4h',
      });
      expect(arc.shifts.get('zs-retry')!.expiryTime.toISOString()).toBe(
        at(NOW + 4 * HOUR + 30_000),
      );
    });

    it('records an expiresIn that moves the expiry earlier with the expiry before and after', async () => {
      arc.add('zs-short', NOW + 2 * HOUR);
      await actions.update(
        caller(),
        ARN,
        'zs-short',
        body({ expiresIn: '30m' }),
      );
      expect(arc.updateZonalShift).toHaveBeenCalledWith({
        zonalShiftId: 'zs-short',
        expiresIn: '30m',
      });
      const [event] = await auditOf('zs-short', 'success');
      expect(event.inputs).toMatchObject({
        expiresIn: '30m',
        previousExpiry: at(NOW + 2 * HOUR),
        newExpiry: at(NOW + 30 * 60_000),
      });
      expect(event.inputs.arcExpiresIn).toBeUndefined();
    });

    it('refuses expiresIn with extendBy, naming both, before calling ARC', async () => {
      arc.add('zs-both', NOW + HOUR);
      await expect(
        actions.update(
          caller(),
          ARN,
          'zs-both',
          body({
            expiresIn: '2h',
            extendBy: '1h',
          }),
        ),
      ).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringMatching(
          /^Invalid zonal shift update: expiresIn, extendBy: give one of them/,
        ),
      });
      expect(arc.updateZonalShift).not.toHaveBeenCalled();
    });
  },
);
