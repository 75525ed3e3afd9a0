import { describeShiftError } from './shiftErrors';

describe('describeShiftError', () => {
  it('reads the reason field of the backend error body', () => {
    const error = {
      statusCode: 409,
      message: 'Request failed with 409 Conflict',
      body: {
        error: {
          name: 'ConflictError',
          message: 'ARC refused: a shift exists',
          reason: 'ZonalShiftAlreadyExists',
        },
      },
    };
    const described = describeShiftError(error);
    expect(described.status).toBe(409);
    expect(described.reason).toBe('ZonalShiftAlreadyExists');
    expect(described.message).toBe('ARC refused: a shift exists');
    expect(described.explanation).toMatch(/already active/);
  });

  it('finds a known reason named in the message', () => {
    const described = describeShiftError({
      statusCode: 409,
      body: {
        error: { name: 'ConflictError', message: 'ZonalAutoshiftActive: nope' },
      },
    });
    expect(described.reason).toBe('ZonalAutoshiftActive');
    expect(described.explanation).toMatch(/autoshift is active/);
  });

  it('explains an unknown conflict and a denial generically', () => {
    expect(
      describeShiftError({
        statusCode: 409,
        body: { error: { message: 'odd' } },
      }).explanation,
    ).toMatch(/conflicts with the cluster/);
    expect(
      describeShiftError({
        statusCode: 403,
        body: { error: { message: 'denied' } },
      }).explanation,
    ).toMatch(/not allowed/);
  });

  it('handles plain errors and non-errors', () => {
    expect(describeShiftError(new Error('network down'))).toEqual({
      status: undefined,
      message: 'network down',
      reason: undefined,
      explanation: undefined,
    });
    expect(describeShiftError('boom').message).toBe('boom');
  });
});
