import type { AuditEvent } from '@fleet-resilience/plugin-fleet-resilience-common';
import type { ZonalShiftSummary } from '@fleet-resilience/plugin-fleet-resilience-node';
import { CLOCK_SKEW_MS, resolveIntent } from './intentResolution';

const ARN = 'arn:aws:eks:us-east-1:111122223333:cluster/payments';
const OTHER_ARN = 'arn:aws:eks:us-east-1:111122223333:cluster/search';
const T = Date.parse('2026-12-07T10:00:00.000Z');
const WINDOW = 120_000;
const at = (ms: number) => new Date(T + ms);

function intent(
  action: AuditEvent['action'],
  inputs: AuditEvent['inputs'],
): AuditEvent {
  return {
    id: 'intent-1',
    time: new Date(T).toISOString(),
    actor: 'user:default/jane',
    action,
    cluster: {
      arn: ARN,
      accountId: '111122223333',
      region: 'us-east-1',
      name: 'payments',
    },
    inputs,
    outcome: 'pending',
  };
}

function arcShift(
  overrides: Partial<ZonalShiftSummary> = {},
): ZonalShiftSummary {
  return {
    zonalShiftId: 'zs-1',
    resourceIdentifier: ARN,
    awayFrom: 'use1-az2',
    status: 'ACTIVE',
    startTime: at(2_000),
    expiryTime: at(2_000 + 3_600_000),
    comment: 'elevated 5xx',
    shiftType: 'ZONAL_SHIFT',
    ...overrides,
  };
}

describe('resolveIntent', () => {
  describe('start', () => {
    const start = intent('shift.start', {
      awayFrom: 'use1-az2',
      expiresIn: '1h',
      comment: 'elevated 5xx',
      idempotencyKey: 'k',
    });

    it('finds the shift ARC started for it: success with that shift', () => {
      const shift = arcShift();
      expect(resolveIntent(start, [shift], WINDOW)).toEqual({
        outcome: 'success',
        shift,
        note: expect.stringMatching(/^ARC applied it/),
      });
    });

    it('takes the earliest match, of any status', () => {
      const first = arcShift({
        zonalShiftId: 'zs-first',
        startTime: at(1_000),
        status: 'CANCELED',
      });
      const later = arcShift({
        zonalShiftId: 'zs-later',
        startTime: at(5_000),
      });
      const decision = resolveIntent(start, [later, first], WINDOW);
      expect(decision).toMatchObject({
        outcome: 'success',
        shift: { zonalShiftId: 'zs-first' },
      });
    });

    it('allows ARC’s clock to be a little behind, within the window', () => {
      expect(
        resolveIntent(
          start,
          [arcShift({ startTime: at(-CLOCK_SKEW_MS) })],
          WINDOW,
        ).outcome,
      ).toBe('success');
      expect(
        resolveIntent(
          start,
          [arcShift({ startTime: at(WINDOW + CLOCK_SKEW_MS) })],
          WINDOW,
        ).outcome,
      ).toBe('success');
    });

    it.each([
      ['started before the intent', { startTime: at(-CLOCK_SKEW_MS - 1) }],
      [
        'started after the window',
        { startTime: at(WINDOW + CLOCK_SKEW_MS + 1) },
      ],
      ['away from another AZ', { awayFrom: 'use1-az1' }],
      ['with another comment', { comment: 'someone else' }],
      ['of another cluster', { resourceIdentifier: OTHER_ARN }],
      ['a practice run', { shiftType: 'PRACTICE_RUN' as const }],
      ['an autoshift', { shiftType: 'ZONAL_AUTOSHIFT' as const }],
    ])('does not take a shift %s: not applied', (_why, overrides) => {
      const decision = resolveIntent(start, [arcShift(overrides)], WINDOW);
      expect(decision).toEqual({
        outcome: 'failure',
        errorMessage: expect.stringMatching(
          /^Not applied: ARC has no zonal shift of this cluster away from use1-az2 started after this attempt \(.*resolved against ARC\)$/,
        ),
      });
    });

    it('fails an intent that names no AZ, and one with no shift in ARC', () => {
      expect(
        resolveIntent(
          intent('shift.start', { comment: 'x' }),
          [arcShift()],
          WINDOW,
        ),
      ).toMatchObject({
        outcome: 'failure',
        errorMessage: expect.stringContaining('names no AZ'),
      });
      expect(resolveIntent(start, [], WINDOW).outcome).toBe('failure');
    });

    it('takes a shift without a shift type as a customer zonal shift', () => {
      expect(
        resolveIntent(start, [arcShift({ shiftType: undefined })], WINDOW)
          .outcome,
      ).toBe('success');
    });
  });

  describe('update', () => {
    it('is a success when ARC has the asked comment and expiry (expiresIn from some moment in the window)', () => {
      const update = intent('shift.update', {
        zonalShiftId: 'zs-1',
        expiresIn: '2h',
        comment: 'longer',
      });
      for (const callAt of [0, 30_000, WINDOW]) {
        const shift = arcShift({
          comment: 'longer',
          expiryTime: at(callAt + 2 * 3_600_000),
        });
        expect(resolveIntent(update, [shift], WINDOW)).toMatchObject({
          outcome: 'success',
          shift,
        });
      }
    });

    it('checks the expiresIn an extendBy became', () => {
      const extend = intent('shift.update', {
        zonalShiftId: 'zs-1',
        extendBy: '1h',
        arcExpiresIn: '90m',
      });
      expect(
        resolveIntent(
          extend,
          [arcShift({ expiryTime: at(5_000 + 90 * 60_000) })],
          WINDOW,
        ).outcome,
      ).toBe('success');
      expect(
        resolveIntent(
          extend,
          [arcShift({ expiryTime: at(60 * 60_000) })],
          WINDOW,
        ),
      ).toMatchObject({
        outcome: 'failure',
        errorMessage: expect.stringContaining('expiry'),
      });
    });

    it('is not applied when the comment or the expiry differ, or the shift is not listed', () => {
      const update = intent('shift.update', {
        zonalShiftId: 'zs-1',
        expiresIn: '2h',
        comment: 'longer',
      });
      const asked = { comment: 'longer', expiryTime: at(2 * 3_600_000) };
      expect(
        resolveIntent(update, [arcShift({ ...asked, comment: 'old' })], WINDOW),
      ).toMatchObject({
        outcome: 'failure',
        errorMessage: expect.stringContaining('comment is not the one asked'),
      });
      expect(
        resolveIntent(
          update,
          [arcShift({ ...asked, expiryTime: at(3_600_000) })],
          WINDOW,
        ),
      ).toMatchObject({
        outcome: 'failure',
        errorMessage: expect.stringContaining('expiry'),
      });
      expect(
        resolveIntent(
          update,
          [arcShift({ ...asked, zonalShiftId: 'zs-2' })],
          WINDOW,
        ),
      ).toMatchObject({
        outcome: 'failure',
        errorMessage: expect.stringContaining('ARC lists no zonal shift zs-1'),
      });
    });

    it('checks only what was asked: a comment-only update ignores the expiry', () => {
      const update = intent('shift.update', {
        zonalShiftId: 'zs-1',
        comment: 'note',
      });
      expect(
        resolveIntent(update, [arcShift({ comment: 'note' })], WINDOW).outcome,
      ).toBe('success');
    });
  });

  describe('cancel', () => {
    const cancel = intent('shift.cancel', { zonalShiftId: 'zs-1' });

    it('is a success when ARC lists the shift as canceled', () => {
      expect(
        resolveIntent(cancel, [arcShift({ status: 'CANCELED' })], WINDOW),
      ).toMatchObject({ outcome: 'success', shift: { status: 'CANCELED' } });
    });

    it.each(['ACTIVE', 'EXPIRED'] as const)(
      'is not applied when ARC lists it as %s',
      status => {
        expect(
          resolveIntent(cancel, [arcShift({ status })], WINDOW),
        ).toMatchObject({
          outcome: 'failure',
          errorMessage: expect.stringContaining(`as ${status}`),
        });
      },
    );

    it('never takes another cluster’s shift of that ID, nor an intent without an ID', () => {
      expect(
        resolveIntent(
          cancel,
          [arcShift({ status: 'CANCELED', resourceIdentifier: OTHER_ARN })],
          WINDOW,
        ).outcome,
      ).toBe('failure');
      expect(
        resolveIntent(
          intent('shift.cancel', {}),
          [arcShift({ status: 'CANCELED' })],
          WINDOW,
        ),
      ).toMatchObject({
        outcome: 'failure',
        errorMessage: expect.stringContaining('names no zonal shift'),
      });
    });
  });
});
