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
      f: '[an object]',
      h: `${'y'.repeat(200)}…`,
    });
  });

  it('never throws, whatever the body: deep nesting, huge arrays, control characters, prototype keys', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100_000; i += 1) deep = { a: deep };
    const body = JSON.parse(
      '{"__proto__":{"polluted":true},"constructor":"c","comment":"a\\u0000b\\u001b[31m"}',
    );
    const inputs = auditInputs({
      ...body,
      deep,
      list: Array.from({ length: 100_000 }, (_, i) => i),
      n: Number.NaN,
      big: 1e309,
    });
    expect(inputs).toEqual({
      ['__proto__']: '[an object]',
      constructor: 'c',
      comment: 'a\\u0000b\\u001b[31m',
      deep: '[an object]',
      list: '[an array of 100000]',
      n: 'NaN',
      big: 'Infinity',
    });
    expect(Object.getPrototypeOf(inputs)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(
      Object.getOwnPropertyDescriptor(
        JSON.parse(JSON.stringify(inputs)),
        '__proto__',
      )?.value,
    ).toBe('[an object]');
  });

  it('keeps at most 32 fields and bounds keys', () => {
    const many = Object.fromEntries(
      Array.from({ length: 40 }, (_, i) => [`k${i}${'x'.repeat(100)}`, i]),
    );
    const inputs = auditInputs(many);
    expect(Object.keys(inputs)).toHaveLength(33);
    expect(inputs['…']).toBe('8 more fields');
    expect(Object.keys(inputs)[0]).toBe(`k0${'x'.repeat(62)}…`);
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
    channel: 'mcp',
    inputs: { zonalShiftId: 'zs-1' },
  } as unknown as Attempt;
  const time = new Date('2026-12-01T10:00:00.000Z');

  it('takes the intent’s ID when it is the intent’s outcome', () => {
    expect(auditEvent(attempt, time, 'success', { id: 'intent-1' }).id).toBe(
      'intent-1',
    );
  });

  it('names the attempt and its channel, with what the outcome adds to its inputs', () => {
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
      channel: 'mcp',
    });
  });

  it('bounds the error message', () => {
    const event = auditEvent(attempt, time, 'failure', {
      errorMessage: 'x'.repeat(3000),
    });
    expect(event.errorMessage).toHaveLength(2001);
    expect(
      auditEvent(attempt, time, 'failure', { errorMessage: 'a\u0000b' })
        .errorMessage,
    ).toBe('a\\u0000b');
    expect(auditEvent(attempt, time, 'denied').errorMessage).toBeUndefined();
  });
});
