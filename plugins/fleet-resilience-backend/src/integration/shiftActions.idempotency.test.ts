/**
 * The Idempotency-Key of the shift actions end to end: a retry replays the
 * first answer without calling ARC again, the key is refused for another
 * body or user, and of two requests with one key at once only one calls ARC.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import { IDEMPOTENCY_KEY_HEADER } from '@fleet-resilience/plugin-fleet-resilience-common';
import {
  IDENTITY_EUW1,
  OTHER,
  shiftsPath,
  arcShifts,
  activeIn,
  setUpShiftActions,
} from '../__testUtils__/shiftActionsBackend';

jest.setTimeout(180_000);

const databases = TestDatabases.create();

describe.each(databases.eachSupportedId())(
  'idempotent shift actions on %p',
  databaseId => {
    const t = setUpShiftActions(databases, databaseId);
    const { http, as } = t;

    it('replays a retried Idempotency-Key without calling ARC again, and refuses the key for another body or user', async () => {
      const key = `retry-${databaseId}`;
      const body = {
        awayFrom: 'euw1-az1',
        expiresIn: '30m',
        comment: 'idempotent',
      };
      const first = await http()
        .post(shiftsPath(IDENTITY_EUW1))
        .set(IDEMPOTENCY_KEY_HEADER, key)
        .send(body)
        .expect(201);
      const retry = await http()
        .post(shiftsPath(IDENTITY_EUW1))
        .set(IDEMPOTENCY_KEY_HEADER, key)
        .send(body)
        .expect(201);
      expect(first.body.replayed).toBe(false);
      expect(retry.body).toEqual({ ...first.body, replayed: true });
      expect(t.startCalls).toHaveBeenCalledTimes(1);
      expect(activeIn(await arcShifts(t.sim, IDENTITY_EUW1))).toHaveLength(1);

      const otherBody = await http()
        .post(shiftsPath(IDENTITY_EUW1))
        .set(IDEMPOTENCY_KEY_HEADER, key)
        .send({ ...body, expiresIn: '1h' });
      expect(otherBody.status).toBe(409);
      expect(otherBody.body.error.message).toMatch(
        /already used for a different request/,
      );
      const otherUser = await http()
        .post(shiftsPath(IDENTITY_EUW1))
        .set(as(OTHER))
        .set(IDEMPOTENCY_KEY_HEADER, key)
        .send(body);
      expect(otherUser.status).toBe(409);
      expect(otherUser.body.error.message).toMatch(
        /already used by another user/,
      );
      expect(t.startCalls).toHaveBeenCalledTimes(1);

      // Two requests with one new key at once: one calls ARC, the other gets its answer.
      const cancelKey = `cancel-${databaseId}`;
      const id = first.body.shift.zonalShiftId;
      const both = await Promise.all(
        [1, 2].map(() =>
          http()
            .delete(`${shiftsPath(IDENTITY_EUW1)}/${id}`)
            .set(IDEMPOTENCY_KEY_HEADER, cancelKey),
        ),
      );
      expect(both.map(r => r.status)).toEqual([200, 200]);
      expect(both.map(r => r.body.replayed).sort()).toEqual([false, true]);
      expect(t.cancelCalls).toHaveBeenCalledTimes(1);
      expect(t.updateCalls).not.toHaveBeenCalled();
    });
  },
);
