/**
 * Shift actions and the audit trail under conditional decisions, resolved as
 * the permission backend resolves them (the plugin's registered cluster
 * resource): Dana may shift her team's clusters only (403 and an audited
 * denial elsewhere, ARC never called), and reads the audit rows of the
 * clusters she may read only, with exact counts and pages.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import type {
  AuditEventsResponse,
  ShiftActionResponse,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { API, clusterArnOf } from '../__testUtils__/fleetBackend';
import {
  activeIn,
  arcShifts,
  DANA,
  MALLORY,
  NOBODY,
  PAYMENTS_USE1,
  PLATFORM_TOOLS_USE1,
  PROD,
  SEARCH_USE1,
  SHARED,
  setUpShiftActions,
  shiftsPath,
} from '../__testUtils__/shiftActionsBackend';

jest.setTimeout(180_000);

const databases = TestDatabases.create();

/** The demo clusters Dana may not read: neither her team's nor in prod. */
const FOREIGN = new Set([
  SEARCH_USE1,
  clusterArnOf(SHARED, 'eu-west-1', 'search-prod-euw1'),
  clusterArnOf(SHARED, 'us-west-2', 'search-staging-usw2'),
]);
const UNKNOWN = clusterArnOf(PROD, 'us-east-1', 'no-such-cluster');

describe.each(databases.eachSupportedId())(
  'shift actions under conditional decisions on %p',
  databaseId => {
    const t = setUpShiftActions(databases, databaseId);
    const { http, as, audit } = t;
    const auditAs = async (user: string, query: string) =>
      (await http().get(`${API}/audit?${query}`).set(as(user)).expect(200))
        .body as AuditEventsResponse;

    it('lets the owner start, update and cancel on their cluster; 403 and an audited denial elsewhere, ARC not called', async () => {
      const started = await http()
        .post(shiftsPath(PAYMENTS_USE1))
        .set(as(DANA))
        .send({ awayFrom: 'use1-az2', expiresIn: '1h', comment: 'mine' })
        .expect(201);
      const { shift } = started.body as ShiftActionResponse;
      await http()
        .patch(`${shiftsPath(PAYMENTS_USE1)}/${shift.zonalShiftId}`)
        .set(as(DANA))
        .send({ expiresIn: '2h', comment: 'still mine' })
        .expect(200);

      // Another team's cluster she may not read, and one she may read only.
      for (const [clusterArn, name] of [
        [SEARCH_USE1, 'search-prod-use1'],
        [PLATFORM_TOOLS_USE1, 'platform-tools-use1'],
      ]) {
        const refused = await http()
          .post(shiftsPath(clusterArn))
          .set(as(DANA))
          .send({ awayFrom: 'use1-az1', expiresIn: '1h', comment: 'not mine' });
        expect(refused.status).toBe(403);
        expect(refused.body.error).toEqual({
          name: 'NotAllowedError',
          message: `Not allowed to start a zonal shift on ${name} (fleet-resilience.shift.start)`,
        });
        const denied = await audit(
          `outcome=denied&cluster=${encodeURIComponent(clusterArn)}`,
        );
        expect(denied.items).toMatchObject([
          {
            actor: DANA,
            action: 'shift.start',
            outcome: 'denied',
            inputs: { comment: 'not mine' },
          },
        ]);
      }
      expect(activeIn(await arcShifts(t.sim, SEARCH_USE1))).toEqual([]);

      // Not in the fleet: the condition cannot hold, the same 403, nothing audited.
      const before = (await audit('limit=1')).totalCount;
      const unknown = await http()
        .post(shiftsPath(UNKNOWN))
        .set(as(DANA))
        .send({ awayFrom: 'use1-az1', expiresIn: '1h', comment: 'x' });
      expect(unknown.status).toBe(403);
      expect((await audit('limit=1')).totalCount).toBe(before);

      // Cancelling another team's shift is refused the same way.
      const theirs = (
        await http()
          .post(shiftsPath(SEARCH_USE1))
          .send({ awayFrom: 'use1-az4', expiresIn: '1h', comment: 'search' })
          .expect(201)
      ).body as ShiftActionResponse;
      const cancelTheirs = await http()
        .delete(`${shiftsPath(SEARCH_USE1)}/${theirs.shift.zonalShiftId}`)
        .set(as(DANA));
      expect(cancelTheirs.status).toBe(403);
      expect(cancelTheirs.body.error.message).toBe(
        'Not allowed to cancel the zonal shift on search-prod-use1 (fleet-resilience.shift.cancel)',
      );
      expect(t.cancelCalls).not.toHaveBeenCalled();
      expect(activeIn(await arcShifts(t.sim, SEARCH_USE1))).toHaveLength(1);

      await http()
        .delete(`${shiftsPath(PAYMENTS_USE1)}/${shift.zonalShiftId}`)
        .set(as(DANA))
        .expect(200);
      await http()
        .delete(`${shiftsPath(SEARCH_USE1)}/${theirs.shift.zonalShiftId}`)
        .expect(200);
      expect(
        t.startCalls.mock.calls.map(([input]) => input.resourceIdentifier),
      ).toEqual([PAYMENTS_USE1, SEARCH_USE1]);
      expect(t.updateCalls).toHaveBeenCalledTimes(1);
      expect(t.cancelCalls).toHaveBeenCalledTimes(2);
    });

    it('lists only the audit rows of clusters the caller may read, with exact counts and pages', async () => {
      const all = await audit('limit=500');
      const expected = all.items.filter(e => !FOREIGN.has(e.cluster.arn));
      // The first test left rows on both sides.
      expect(expected.length).toBeGreaterThan(3);
      expect(expected.length).toBeLessThan(all.totalCount);

      const mine = await auditAs(DANA, 'limit=500');
      expect(mine.items.map(e => e.id)).toEqual(expected.map(e => e.id));
      expect(mine.totalCount).toBe(expected.length);
      const page = await auditAs(DANA, 'limit=2&offset=1');
      expect(page.items.map(e => e.id)).toEqual(
        expected.slice(1, 3).map(e => e.id),
      );
      expect(page.totalCount).toBe(expected.length);
      expect(page.paging).toEqual({ limit: 2, offset: 1, nextOffset: 3 });
      const last = await auditAs(DANA, `limit=2&offset=${expected.length - 1}`);
      expect(last.items.map(e => e.id)).toEqual([expected.at(-1)!.id]);
      expect(last.paging.nextOffset).toBeUndefined();

      // Filters combine with the permission's filter.
      const denied = await auditAs(DANA, 'outcome=denied&limit=500');
      expect(denied.items.map(e => e.id)).toEqual(
        expected.filter(e => e.outcome === 'denied').map(e => e.id),
      );
      const foreign = await auditAs(
        DANA,
        `cluster=${encodeURIComponent(SEARCH_USE1)}`,
      );
      expect(foreign).toMatchObject({ items: [], totalCount: 0 });
      expect(
        (await audit(`cluster=${encodeURIComponent(SEARCH_USE1)}`)).totalCount,
      ).toBeGreaterThan(0);

      // Unconditional read: everything; no read at all: 403.
      expect((await auditAs(MALLORY, 'limit=1')).totalCount).toBe(
        all.totalCount,
      );
      const forbidden = await http().get(`${API}/audit`).set(as(NOBODY));
      expect(forbidden.status).toBe(403);
      expect(forbidden.body.error).toEqual({
        name: 'NotAllowedError',
        message:
          'Not allowed to read the audit trail (fleet-resilience.cluster.read)',
      });
    });
  },
);
