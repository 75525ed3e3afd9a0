/**
 * Shift actions end to end, one cluster at a time: start, extend and cancel
 * (ARC first, the API at once, audited, signalled, the owner notified), ARC's
 * refusals, ARC's throttling, shifts started outside the portal, and the
 * audit trail. The other concerns: shiftActions.refusals.test.ts (403, 400,
 * 404), shiftActions.idempotency.test.ts, fleetShift.test.ts.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import {
  accessKeyIdFor,
  SIMULATOR_SECRET_ACCESS_KEY,
} from '@fleet-resilience/fleet-simulator';
import {
  clusterEntityRef,
  FLEET_SIGNAL_CHANNEL,
  IDEMPOTENCY_KEY_HEADER,
  type ShiftActionResponse,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { ArcZonalShiftClient } from '@fleet-resilience/plugin-fleet-resilience-node';
import { API, refresh } from '../__testUtils__/fleetBackend';
import {
  PROD,
  PAYMENTS_USE1,
  PLATFORM_TOOLS_USE1,
  SEARCH_USE1,
  IDENTITY_EUW1,
  NOBODY,
  shiftsPath,
  arcClient,
  arcShifts,
  activeIn,
  setUpShiftActions,
} from '../__testUtils__/shiftActionsBackend';

jest.setTimeout(180_000);

const databases = TestDatabases.create();

describe.each(databases.eachSupportedId())(
  'shift actions on %p',
  databaseId => {
    const t = setUpShiftActions(databases, databaseId);
    const { http, as, detail, audit } = t;

    it('starts, extends and cancels a shift: ARC first, the API at once, audited, signalled, the owner notified', async () => {
      // Start, naming the AZ by its name: the API takes the cluster's own mapping.
      const started = await http()
        .post(shiftsPath(PAYMENTS_USE1))
        .send({
          awayFrom: 'us-east-1b',
          expiresIn: '2h',
          comment: '  elevated 5xx in use1-az2  ',
        })
        .expect(201);
      const response = started.body as ShiftActionResponse;
      expect(response.replayed).toBe(false);
      expect(response.shift).toMatchObject({
        resourceIdentifier: PAYMENTS_USE1,
        awayFrom: 'use1-az2',
        status: 'ACTIVE',
        shiftType: 'ZONAL_SHIFT',
        comment: 'elevated 5xx in use1-az2',
        actor: 'user:default/mock',
      });
      const id = response.shift.zonalShiftId;
      expect(
        activeIn(await arcShifts(t.sim, PAYMENTS_USE1)).map(s => [
          s.zonalShiftId,
          s.awayFrom,
        ]),
      ).toEqual([[id, 'use1-az2']]);
      // Stored at once: no refresh in between.
      let cluster = await detail(PAYMENTS_USE1);
      expect(cluster.summary.shiftState).toBe('zonal-shift');
      expect(cluster.summary.shiftAwayFrom).toEqual({
        name: 'us-east-1b',
        id: 'use1-az2',
      });
      expect(cluster.summary.activeShift).toMatchObject({
        zonalShiftId: id,
        actor: 'user:default/mock',
      });
      expect(cluster.activeShifts.map(s => s.zonalShiftId)).toEqual([id]);
      expect(cluster.appliedWeights).toMatchObject({
        'use1-az2': 0,
        'use1-az1': 1,
      });

      expect(t.signals.publish).toHaveBeenCalledWith({
        recipients: { type: 'broadcast' },
        channel: FLEET_SIGNAL_CHANNEL,
        message: {
          type: 'shift-changed',
          clusterArn: PAYMENTS_USE1,
          zonalShiftId: id,
        },
      });
      expect(t.notifications.send).toHaveBeenCalledWith({
        recipients: {
          type: 'entity',
          entityRef: 'group:default/payments-team',
        },
        payload: expect.objectContaining({
          title: 'Zonal shift started on payments-prod-use1',
          link: `/catalog/default/resource/${
            clusterEntityRef({
              accountId: PROD,
              region: 'us-east-1',
              name: 'payments-prod-use1',
            }).split('/')[1]
          }`,
          severity: 'high',
        }),
      });
      const [event] = (
        await audit(`cluster=${encodeURIComponent(PAYMENTS_USE1)}&limit=1`)
      ).items;
      expect(event).toMatchObject({
        id: response.auditEventId,
        actor: 'user:default/mock',
        action: 'shift.start',
        outcome: 'success',
        cluster: { arn: PAYMENTS_USE1, name: 'payments-prod-use1' },
        inputs: {
          awayFrom: 'use1-az2',
          expiresIn: '2h',
          comment: 'elevated 5xx in use1-az2',
          zonalShiftId: id,
        },
      });

      // Extend.
      const before = (await arcShifts(t.sim, PAYMENTS_USE1)).find(
        s => s.zonalShiftId === id,
      )!;
      const extended = await http()
        .patch(`${shiftsPath(PAYMENTS_USE1)}/${id}`)
        .send({ expiresIn: '6h', comment: 'still bad' })
        .expect(200);
      expect(extended.body.shift).toMatchObject({
        zonalShiftId: id,
        status: 'ACTIVE',
        comment: 'still bad',
        actor: 'user:default/mock',
      });
      const after = (await arcShifts(t.sim, PAYMENTS_USE1)).find(
        s => s.zonalShiftId === id,
      )!;
      expect(after.expiryTime.getTime() - before.expiryTime.getTime()).toBe(
        4 * 3600_000,
      );
      expect(after.comment).toBe('still bad');
      expect(
        (await detail(PAYMENTS_USE1)).summary.activeShift?.expiryTime,
      ).toBe(after.expiryTime.toISOString());

      // Cancel.
      const canceled = await http()
        .delete(`${shiftsPath(PAYMENTS_USE1)}/${id}`)
        .expect(200);
      expect(canceled.body.shift).toMatchObject({
        zonalShiftId: id,
        status: 'CANCELED',
      });
      expect(
        (await arcShifts(t.sim, PAYMENTS_USE1)).find(s => s.zonalShiftId === id)
          ?.status,
      ).toBe('CANCELED');
      cluster = await detail(PAYMENTS_USE1);
      expect(cluster.summary.shiftState).toBe('none');
      expect(cluster.activeShifts).toEqual([]);
      expect(cluster.pastShifts.map(s => [s.zonalShiftId, s.status])).toEqual([
        [id, 'CANCELED'],
      ]);
      expect(t.signals.publish).toHaveBeenCalledTimes(3);
      expect(
        t.notifications.send.mock.calls.map(([n]) => n.payload.title),
      ).toEqual([
        'Zonal shift started on payments-prod-use1',
        'Zonal shift updated on payments-prod-use1',
        'Zonal shift canceled on payments-prod-use1',
      ]);
      const trail = await audit(`cluster=${encodeURIComponent(PAYMENTS_USE1)}`);
      expect(trail.items.slice(0, 3).map(e => [e.action, e.outcome])).toEqual([
        ['shift.cancel', 'success'],
        ['shift.update', 'success'],
        ['shift.start', 'success'],
      ]);

      // A refresh agrees with what was stored.
      await refresh(t.backend);
      expect(
        (await detail(PAYMENTS_USE1)).pastShifts.map(s => [
          s.zonalShiftId,
          s.status,
          s.actor,
        ]),
      ).toEqual([[id, 'CANCELED', 'user:default/mock']]);
    });

    it('answers a second start with 409 and ARC’s reason, and never starts two shifts', async () => {
      const body = { awayFrom: 'use1-az1', expiresIn: '1h', comment: 'first' };
      const first = await http()
        .post(shiftsPath(SEARCH_USE1))
        .send(body)
        .expect(201);
      const second = await http()
        .post(shiftsPath(SEARCH_USE1))
        .send({ ...body, comment: 'second' });
      expect(second.status).toBe(409);
      expect(second.body.error.name).toBe('ConflictError');
      expect(second.body.error.message).toMatch(/ZonalShiftAlreadyExists/);
      expect(second.body.error.message).toContain(
        first.body.shift.zonalShiftId,
      );
      expect(activeIn(await arcShifts(t.sim, SEARCH_USE1))).toHaveLength(1);
      const [failure] = (
        await audit(
          `cluster=${encodeURIComponent(SEARCH_USE1)}&outcome=failure`,
        )
      ).items;
      expect(failure).toMatchObject({
        action: 'shift.start',
        inputs: { comment: 'second' },
        errorMessage: expect.stringMatching(/ZonalShiftAlreadyExists/),
      });

      // Cancelling an ended shift: ARC's ZonalShiftStatusNotActive.
      await http()
        .delete(`${shiftsPath(SEARCH_USE1)}/${first.body.shift.zonalShiftId}`)
        .expect(200);
      const again = await http().delete(
        `${shiftsPath(SEARCH_USE1)}/${first.body.shift.zonalShiftId}`,
      );
      expect(again.status).toBe(409);
      expect(again.body.error.message).toMatch(/ZonalShiftStatusNotActive/);
    });

    it('refuses a cluster without zonal shift with 409, without calling ARC', async () => {
      const response = await http()
        .post(shiftsPath(PLATFORM_TOOLS_USE1))
        .send({ awayFrom: 'use1-az1', expiresIn: '1h', comment: 'test' });
      expect(response.status).toBe(409);
      expect(response.body.error.message).toMatch(
        /Zonal shift is not enabled on platform-tools-use1/,
      );
      expect(t.startCalls).not.toHaveBeenCalled();
      const [event] = (
        await audit(`cluster=${encodeURIComponent(PLATFORM_TOOLS_USE1)}`)
      ).items;
      expect(event).toMatchObject({
        action: 'shift.start',
        outcome: 'failure',
      });
    });

    it('starts exactly one shift while ARC throttles', async () => {
      t.sim.setFaults({
        seed: 3,
        services: { 'arc-zonal-shift': { throttleRate: 0.5 } },
      });
      const response = await http()
        .post(shiftsPath(PAYMENTS_USE1))
        .set(IDEMPOTENCY_KEY_HEADER, `throttled-${databaseId}`)
        .send({
          awayFrom: 'use1-az4',
          expiresIn: '1h',
          comment: 'under throttling',
        });
      // The faults were there: a client that does not retry meets them.
      const once = new ArcZonalShiftClient({
        region: 'us-east-1',
        endpoint: t.sim.url,
        maxAttempts: 1,
        credentials: {
          accessKeyId: accessKeyIdFor(PROD),
          secretAccessKey: SIMULATOR_SECRET_ACCESS_KEY,
        },
      });
      const outcomes = await Promise.all(
        Array.from({ length: 20 }, () =>
          once.listZonalShifts({ maxResults: 1 }).then(
            () => 'ok',
            (e: Error) => e.name,
          ),
        ),
      );
      expect(outcomes).toEqual(
        expect.arrayContaining(['ok', 'ThrottlingException']),
      );
      t.sim.setFaults({ seed: 1, services: {} });
      expect(response.status).toBe(201);
      const active = activeIn(await arcShifts(t.sim, PAYMENTS_USE1));
      expect(active.map(s => [s.zonalShiftId, s.awayFrom])).toEqual([
        [response.body.shift.zonalShiftId, 'use1-az4'],
      ]);
      await http()
        .delete(
          `${shiftsPath(PAYMENTS_USE1)}/${response.body.shift.zonalShiftId}`,
        )
        .expect(200);
    });

    it('updates and cancels a shift started out of band before any refresh (ARC tells whose it is)', async () => {
      const outOfBand = await arcClient(
        t.sim,
        PROD,
        'eu-west-1',
      ).startZonalShift({
        resourceIdentifier: IDENTITY_EUW1,
        awayFrom: 'euw1-az2',
        expiresIn: '1h',
        comment: 'from the console',
      });
      const id = outOfBand.zonalShiftId;
      const updated = await http()
        .patch(`${shiftsPath(IDENTITY_EUW1)}/${id}`)
        .send({ comment: 'taken over' })
        .expect(200);
      expect(updated.body.shift).toMatchObject({
        zonalShiftId: id,
        comment: 'taken over',
        shiftType: 'ZONAL_SHIFT',
      });
      expect(updated.body.shift.actor).toBeUndefined();
      // Another cluster's URL does not reach it.
      const elsewhere = await http().delete(
        `${shiftsPath(PAYMENTS_USE1)}/${id}`,
      );
      expect(elsewhere.status).toBe(404);
      await http()
        .delete(`${shiftsPath(IDENTITY_EUW1)}/${id}`)
        .expect(200);
      expect(
        (await arcShifts(t.sim, IDENTITY_EUW1)).find(s => s.zonalShiftId === id)
          ?.status,
      ).toBe('CANCELED');
      expect((await detail(IDENTITY_EUW1)).summary.shiftState).toBe('none');
    });

    it('pages the audit trail newest first and filters it', async () => {
      const forbidden = await http().get(`${API}/audit`).set(as(NOBODY));
      expect(forbidden.status).toBe(403);
      expect(forbidden.body.error.name).toBe('NotAllowedError');
      const all = await audit('limit=500');
      expect(all.totalCount).toBe(all.items.length);
      const times = all.items.map(e => e.time);
      expect([...times].sort().reverse()).toEqual(times);
      const page = await audit('limit=2&offset=1');
      expect(page.items.map(e => e.id)).toEqual(
        all.items.slice(1, 3).map(e => e.id),
      );
      expect(page.paging).toEqual({ limit: 2, offset: 1, nextOffset: 3 });
      const cancels = await audit('action=shift.cancel');
      expect(cancels.items.length).toBeGreaterThan(0);
      expect(cancels.items.every(e => e.action === 'shift.cancel')).toBe(true);
    });
  },
);
