/**
 * Shift actions refused before ARC is called: 403 for a caller without the
 * permission, 400 for a bad request (each message names the problem), 404
 * for another cluster's shift; refusals on a known cluster are audited.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import { IDEMPOTENCY_KEY_HEADER } from '@fleet-resilience/plugin-fleet-resilience-common';
import request from 'supertest';
import { API } from '../__testUtils__/fleetBackend';
import {
  PAYMENTS_USE1,
  SEARCH_USE1,
  MALLORY,
  shiftsPath,
  arcShifts,
  activeIn,
  setUpShiftActions,
} from '../__testUtils__/shiftActionsBackend';

jest.setTimeout(180_000);

const databases = TestDatabases.create();

describe.each(databases.eachSupportedId())(
  'refused shift actions on %p',
  databaseId => {
    const t = setUpShiftActions(databases, databaseId);
    const { http, as, audit } = t;

    it('answers 403 to a user without the permission, changes nothing in ARC and audits the denial', async () => {
      const response = await http()
        .post(shiftsPath(PAYMENTS_USE1))
        .set(as(MALLORY))
        .send({ awayFrom: 'use1-az1', expiresIn: '1h', comment: 'let me' });
      expect(response.status).toBe(403);
      expect(response.body.error.name).toBe('NotAllowedError');
      expect(response.body.error.message).toContain(
        'fleet-resilience.shift.start',
      );
      expect(t.startCalls).not.toHaveBeenCalled();
      expect(activeIn(await arcShifts(t.sim, PAYMENTS_USE1))).toEqual([]);
      const denied = await audit(
        `outcome=denied&cluster=${encodeURIComponent(PAYMENTS_USE1)}`,
      );
      expect(denied.items[0]).toMatchObject({
        actor: MALLORY,
        action: 'shift.start',
        outcome: 'denied',
        inputs: { awayFrom: 'use1-az1', expiresIn: '1h', comment: 'let me' },
        errorMessage: expect.stringContaining('Not allowed'),
      });
    });

    it('answers bad requests with 400 and a message that names the problem', async () => {
      const cases: Array<[string, () => request.Test, RegExp]> = [
        [
          'no comment',
          () =>
            http()
              .post(shiftsPath(PAYMENTS_USE1))
              .send({ awayFrom: 'use1-az1', expiresIn: '1h' }),
          /comment: is required/,
        ],
        [
          'bad expiry',
          () =>
            http()
              .post(shiftsPath(PAYMENTS_USE1))
              .send({ awayFrom: 'use1-az1', expiresIn: '0h', comment: 'x' }),
          /expiresIn: "0h"/,
        ],
        [
          'too long',
          () =>
            http()
              .post(shiftsPath(PAYMENTS_USE1))
              .send({ awayFrom: 'use1-az1', expiresIn: '73h', comment: 'x' }),
          /72h/,
        ],
        [
          'foreign AZ',
          () =>
            http()
              .post(shiftsPath(PAYMENTS_USE1))
              .send({ awayFrom: 'use1-az6', expiresIn: '1h', comment: 'x' }),
          /not an AZ of this cluster; choose one of use1-az1 \(us-east-1a\)/,
        ],
        [
          'unknown field',
          () =>
            http().post(shiftsPath(PAYMENTS_USE1)).send({
              awayFrom: 'use1-az1',
              expiresIn: '1h',
              comment: 'x',
              force: true,
            }),
          /Unknown field "force"/,
        ],
        [
          'not JSON',
          () =>
            http()
              .post(shiftsPath(PAYMENTS_USE1))
              .set('Content-Type', 'application/json')
              .send('{"awayFrom":'),
          /not valid JSON/,
        ],
        [
          'empty update',
          () =>
            http()
              .patch(`${shiftsPath(PAYMENTS_USE1)}/abcdef-123`)
              .send({}),
          /give extendBy or a new expiresIn, a new comment, or both/,
        ],
        [
          'bad shift ID',
          () => http().delete(`${shiftsPath(PAYMENTS_USE1)}/..%2F..`),
          /Invalid zonal shift ID/,
        ],
        [
          'bad key',
          () =>
            http()
              .post(shiftsPath(PAYMENTS_USE1))
              .set(IDEMPOTENCY_KEY_HEADER, 'has spaces')
              .send({}),
          /Invalid Idempotency-Key/,
        ],
        [
          'bad ARN',
          () =>
            http()
              .post(
                `${API}/clusters/${encodeURIComponent(
                  'arn:aws:s3:::bucket',
                )}/shifts`,
              )
              .send({}),
          /Invalid cluster ARN/,
        ],
        [
          'fleet AZ name',
          () =>
            http()
              .post(`${API}/fleet-shifts`)
              .send({ awayFrom: 'us-east-1a', expiresIn: '1h', comment: 'x' }),
          /awayFrom: "us-east-1a" is not an AZ ID such as use1-az2/,
        ],
        [
          'audit param',
          () => http().get(`${API}/audit?outcome=maybe`),
          /Invalid outcome "maybe"/,
        ],
      ];
      for (const [name, send, message] of cases) {
        const response = await send();
        expect({
          name,
          status: response.status,
          error: response.body.error?.name,
        }).toEqual({ name, status: 400, error: 'InputError' });
        expect(response.body.error.message).toMatch(message);
      }
      expect(t.startCalls).not.toHaveBeenCalled();
      // Validation failures on a known cluster by a known user are audited too.
      const failures = await audit(
        `cluster=${encodeURIComponent(
          PAYMENTS_USE1,
        )}&outcome=failure&action=shift.start`,
      );
      expect(failures.items.map(e => e.errorMessage)).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/comment: is required/),
          expect.stringMatching(/Unknown field "force"/),
          // Refused before the body could be read: attempts all the same.
          expect.stringMatching(/not valid JSON/),
          expect.stringMatching(/Invalid Idempotency-Key/),
        ]),
      );
      const cancels = await audit(
        `cluster=${encodeURIComponent(
          PAYMENTS_USE1,
        )}&outcome=failure&action=shift.cancel`,
      );
      expect(cancels.items.map(e => e.errorMessage)).toEqual([
        expect.stringMatching(/Invalid zonal shift ID/),
      ]);
      // A shift ID of another cluster is not this cluster's.
      const other = await http()
        .post(shiftsPath(SEARCH_USE1))
        .send({ awayFrom: 'use1-az4', expiresIn: '1h', comment: 'mine' })
        .expect(201);
      const foreign = await http().delete(
        `${shiftsPath(PAYMENTS_USE1)}/${other.body.shift.zonalShiftId}`,
      );
      expect(foreign.status).toBe(404);
      expect(foreign.body.error.message).toMatch(
        /is not a shift of payments-prod-use1/,
      );
      expect(t.cancelCalls).not.toHaveBeenCalled();
      await http()
        .delete(`${shiftsPath(SEARCH_USE1)}/${other.body.shift.zonalShiftId}`)
        .expect(200);
    });
  },
);
