import { auditEvent, auditInputs, type Attempt } from './auditTrail';

describe('auditInputs', () => {
  it('keeps plain values and bounds the rest', () => {
    expect(
      auditInputs({
        a: 'x',
        b: 2,
        c: true,
        d: null,
        e: undefined,
        f: { g: 1 },
        h: 'y'.repeat(300),
      }),
    ).toEqual({
      a: 'x',
      b: 2,
      c: true,
      d: null,
      f: '{"g":1}',
      h: `${'y'.repeat(200)}…`,
    });
  });
});

describe('auditEvent', () => {
  const attempt = {
    action: 'shift.cancel',
    cluster: {
      ref: {
        arn: 'arn:aws:eks:us-east-1:111122223333:cluster/payments',
        accountId: '111122223333',
        region: 'us-east-1',
        name: 'payments',
      },
    },
    actor: 'user:default/jane',
    inputs: { zonalShiftId: 'zs-1' },
  } as unknown as Attempt;
  const time = new Date('2026-12-01T10:00:00.000Z');

  it('names the attempt, with what the outcome adds to its inputs', () => {
    const event = auditEvent(attempt, time, 'success', {
      more: { newExpiry: 'later' },
    });
    expect(event).toEqual({
      id: expect.any(String),
      time: '2026-12-01T10:00:00.000Z',
      actor: 'user:default/jane',
      action: 'shift.cancel',
      cluster: attempt.cluster.ref,
      inputs: { zonalShiftId: 'zs-1', newExpiry: 'later' },
      outcome: 'success',
    });
  });

  it('bounds the error message', () => {
    const event = auditEvent(attempt, time, 'failure', {
      errorMessage: 'x'.repeat(3000),
    });
    expect(event.errorMessage).toHaveLength(2000);
    expect(auditEvent(attempt, time, 'denied').errorMessage).toBeUndefined();
  });
});
