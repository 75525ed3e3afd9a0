import { updateFromWire } from './AwsEksClusterConfigurer';

describe('updateFromWire', () => {
  it('keeps id, type, status and creation time, and joins each error code with its message', () => {
    expect(
      updateFromWire({
        id: 'u-1',
        type: 'ZonalShiftConfigUpdate',
        status: 'Failed',
        createdAt: new Date('2026-12-07T10:00:00Z'),
        errors: [
          { errorCode: 'AccessDenied', errorMessage: 'no' },
          { errorMessage: 'only a message' },
        ],
      }),
    ).toEqual({
      id: 'u-1',
      type: 'ZonalShiftConfigUpdate',
      status: 'Failed',
      createdAt: '2026-12-07T10:00:00.000Z',
      errors: ['AccessDenied: no', 'only a message'],
    });
  });

  it('refuses an update it cannot trust: no id, no status or one EKS does not define', () => {
    expect(() => updateFromWire(undefined)).toThrow('without an id');
    expect(() => updateFromWire({ id: 'u-1' })).toThrow(
      "update status 'undefined'",
    );
    expect(() =>
      updateFromWire({ id: 'u-1', status: 'Done' as never }),
    ).toThrow("update status 'Done'");
  });

  it('leaves out a creation time that is not a time', () => {
    expect(
      updateFromWire({
        id: 'u-1',
        status: 'InProgress',
        createdAt: new Date('nope'),
      }),
    ).toEqual({ id: 'u-1', type: 'Unknown', status: 'InProgress', errors: [] });
  });
});
