import {
  ConflictError,
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { ArcZonalShiftError } from '@fleet-resilience/plugin-fleet-resilience-node';
import { arcErrorDetails, mapArcError, UncertainArcError } from './arcErrors';

const arcError = (
  type: string,
  statusCode: number,
  extra: { reason?: string; zonalShiftId?: string } = {},
) =>
  new ArcZonalShiftError({
    type,
    statusCode,
    message: `${type} happened`,
    ...extra,
  });

describe('mapArcError', () => {
  it('maps conflicts to 409 with ARC’s reason, a hint and the shift in the way', () => {
    const error = mapArcError(
      arcError('ConflictException', 409, {
        reason: 'ZonalShiftAlreadyExists',
        zonalShiftId: 'abc-123',
      }),
      'start a zonal shift',
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toBe(
      'ARC refused to start a zonal shift: a zonal shift is already active for this cluster: extend or cancel it instead of starting another (ConflictException, reason ZonalShiftAlreadyExists). Shift in the way: abc-123.',
    );
  });

  it.each([
    ['SimultaneousZonalShiftsConflict', /another shift/],
    ['ZonalAutoshiftActive', /an autoshift is in progress/],
    ['ZonalShiftStatusNotActive', /no longer active/],
    ['PracticeInBlockedWindows', /reason PracticeInBlockedWindows\)/],
  ])('keeps the conflict reason %s in the message', (reason, message) => {
    const error = mapArcError(
      arcError('ConflictException', 409, { reason }),
      'cancel the zonal shift',
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toMatch(message);
    expect(error.message).toContain(reason);
  });

  it('maps validation to 400 and not found to 404', () => {
    const invalid = mapArcError(
      arcError('ValidationException', 400, { reason: 'InvalidAz' }),
      'start a zonal shift',
    );
    expect(invalid).toBeInstanceOf(InputError);
    expect(invalid.message).toContain('reason InvalidAz');
    expect(
      mapArcError(arcError('ResourceNotFoundException', 404), 'x'),
    ).toBeInstanceOf(NotFoundError);
  });

  it('maps throttling, server faults, access denied and network failures to 503', () => {
    for (const error of [
      arcError('ThrottlingException', 429),
      arcError('InternalServerException', 500),
      arcError('AccessDeniedException', 403),
      new TypeError('fetch failed'),
    ]) {
      expect(mapArcError(error, 'start a zonal shift')).toBeInstanceOf(
        ServiceUnavailableError,
      );
    }
    expect(
      mapArcError(arcError('AccessDeniedException', 403), 'start a zonal shift')
        .message,
    ).toMatch(/IAM policy/);
    // Throttled: ARC did nothing. A server fault or a lost connection: unknown.
    expect(
      mapArcError(arcError('ThrottlingException', 429), 'start a zonal shift')
        .message,
    ).toMatch(/throttling.*Nothing changed/);
    for (const uncertain of [
      arcError('InternalServerException', 500),
      new TypeError('fetch failed'),
    ]) {
      const message = mapArcError(uncertain, 'start a zonal shift').message;
      expect(message).toMatch(/may or may not have happened/);
      expect(message).not.toMatch(/nothing (may have )?changed/i);
    }
  });

  it('classifies the message and keeps ARC’s own text for the log only', () => {
    const denied = new ArcZonalShiftError({
      type: 'AccessDeniedException',
      statusCode: 403,
      message:
        'User: arn:aws:sts::111122223333:assumed-role/portal-operator/i-0abc is not authorized to perform: arc-zonal-shift:StartZonalShift',
    });
    const mapped = mapArcError(denied, 'start a zonal shift');
    expect(mapped.message).toBe(
      "ARC refused to start a zonal shift: access denied for the backend's AWS identity; check its IAM policy (AccessDeniedException)",
    );
    expect(arcErrorDetails(denied)).toContain('assumed-role/portal-operator');
    // A type or reason that is not a code (a proxy's text) is not shown.
    const odd = mapArcError(
      new ArcZonalShiftError({
        type: 'Bad <script>',
        statusCode: 409,
        message: 'secret',
        reason: 'x y z',
        zonalShiftId: '../../etc',
      }),
      'cancel the zonal shift',
    );
    expect(odd.message).toBe(
      'ARC refused to cancel the zonal shift (HTTP 409).',
    );
  });

  it('marks the failures that leave the outcome unknown', () => {
    for (const uncertain of [
      arcError('InternalServerException', 500),
      new TypeError('fetch failed'),
      Object.assign(new Error('The operation was aborted due to timeout'), {
        name: 'TimeoutError',
      }),
    ]) {
      expect(mapArcError(uncertain, 'start a zonal shift')).toBeInstanceOf(
        UncertainArcError,
      );
    }
    for (const certain of [
      arcError('ThrottlingException', 429),
      arcError('AccessDeniedException', 403),
      arcError('ConflictException', 409),
    ]) {
      expect(mapArcError(certain, 'start a zonal shift')).not.toBeInstanceOf(
        UncertainArcError,
      );
    }
    expect(
      mapArcError(
        Object.assign(new Error('aborted'), { name: 'TimeoutError' }),
        'start a zonal shift',
      ).message,
    ).toMatch(/^ARC did not answer in time\..*may or may not have happened/);
  });

  it('says nothing changed when a read timed out', () => {
    const read = mapArcError(
      Object.assign(new Error('ARC zonal shift did not answer'), {
        name: 'TimeoutError',
        mayHaveApplied: false,
      }),
      'update the zonal shift',
    );
    expect(read).toBeInstanceOf(ServiceUnavailableError);
    expect(read).not.toBeInstanceOf(UncertainArcError);
    expect(read.message).toMatch(/nothing changed/);
  });

  it('returns other errors as they are', () => {
    const other = new RangeError('boom');
    expect(mapArcError(other, 'x')).toBe(other);
    expect(mapArcError('text', 'x').message).toBe('text');
  });
});
