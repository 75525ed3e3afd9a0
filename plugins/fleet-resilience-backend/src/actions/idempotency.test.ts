import {
  canonicalJson,
  decideIdempotency,
  leaseCutoff,
  requestHash,
} from './idempotency';
import type { IdempotencyRecord } from '../database/IdempotencyStore';

const NOW = new Date('2026-12-01T12:00:00.000Z');
const LEASE = 120_000;

function record(overrides: Partial<IdempotencyRecord> = {}): IdempotencyRecord {
  return {
    key: 'k1',
    actor: 'user:default/jane',
    requestHash: 'h1',
    state: 'done',
    statusCode: 201,
    responseBody: '{"replayed":false}',
    createdAt: '2026-12-01T11:59:00.000Z',
    updatedAt: '2026-12-01T11:59:00.000Z',
    ...overrides,
  };
}

const request = { actor: 'user:default/jane', requestHash: 'h1' };

describe('decideIdempotency', () => {
  it('proceeds without a record', () => {
    expect(decideIdempotency(undefined, request, NOW, LEASE)).toEqual({
      kind: 'proceed',
    });
  });

  it('replays a finished call with the same actor and request', () => {
    expect(decideIdempotency(record(), request, NOW, LEASE)).toEqual({
      kind: 'replay',
      statusCode: 201,
      responseBody: '{"replayed":false}',
    });
  });

  it('rejects another actor before anything else, even while pending', () => {
    const decision = decideIdempotency(
      record({ state: 'pending' }),
      { ...request, actor: 'user:default/bob' },
      NOW,
      LEASE,
    );
    expect(decision).toEqual({
      kind: 'reject',
      message: expect.stringMatching(/already used by another user/),
    });
  });

  it('rejects another request under the same key', () => {
    const decision = decideIdempotency(
      record(),
      { ...request, requestHash: 'h2' },
      NOW,
      LEASE,
    );
    expect(decision).toEqual({
      kind: 'reject',
      message: expect.stringMatching(/different request/),
    });
  });

  it('waits for a pending call within its lease, and takes over a stale one', () => {
    const fresh = record({
      state: 'pending',
      updatedAt: '2026-12-01T11:59:30.000Z',
    });
    expect(decideIdempotency(fresh, request, NOW, LEASE)).toEqual({
      kind: 'wait',
    });
    const stale = record({
      state: 'pending',
      updatedAt: '2026-12-01T11:57:59.999Z',
    });
    expect(decideIdempotency(stale, request, NOW, LEASE)).toEqual({
      kind: 'proceed',
    });
    const broken = record({ state: 'pending', updatedAt: 'not a time' });
    expect(decideIdempotency(broken, request, NOW, LEASE)).toEqual({
      kind: 'proceed',
    });
  });

  it('never takes over a stale claim whose request left an intent pending', () => {
    const stale = record({
      state: 'pending',
      updatedAt: '2026-12-01T11:57:59.999Z',
    });
    expect(decideIdempotency(stale, request, NOW, LEASE, true)).toEqual({
      kind: 'unresolved',
    });
    // Within the lease, or finished: as without an intent.
    const fresh = record({
      state: 'pending',
      updatedAt: '2026-12-01T11:59:30.000Z',
    });
    expect(decideIdempotency(fresh, request, NOW, LEASE, true)).toEqual({
      kind: 'wait',
    });
    expect(
      decideIdempotency(record(), request, NOW, LEASE, true),
    ).toMatchObject({ kind: 'replay' });
    expect(
      decideIdempotency(
        { ...stale, actor: 'user:default/other' },
        request,
        NOW,
        LEASE,
        true,
      ),
    ).toMatchObject({ kind: 'reject' });
  });

  it('gives the lease cutoff: the oldest claim time still valid', () => {
    expect(leaseCutoff(NOW, LEASE)).toBe('2026-12-01T11:58:00.000Z');
  });

  it('waits on a done record without an answer rather than replaying nothing', () => {
    const odd = record({
      state: 'done',
      statusCode: undefined,
      responseBody: undefined,
      updatedAt: NOW.toISOString(),
    });
    expect(decideIdempotency(odd, request, NOW, LEASE)).toEqual({
      kind: 'wait',
    });
  });
});

describe('requestHash', () => {
  it('is the same for the same request whatever the key order', () => {
    const a = requestHash({
      operation: 'shift.start',
      target: 'arn',
      body: { a: 1, b: 'x' },
    });
    const b = requestHash({
      operation: 'shift.start',
      target: 'arn',
      body: { b: 'x', a: 1 },
    });
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differs with the operation, the target or the body', () => {
    const base = { operation: 'shift.start', target: 'arn', body: { a: 1 } };
    const hashes = new Set([
      requestHash(base),
      requestHash({ ...base, operation: 'shift.cancel' }),
      requestHash({ ...base, target: 'arn2' }),
      requestHash({ ...base, body: { a: 2 } }),
      requestHash({ ...base, body: { a: '1' } }),
    ]);
    expect(hashes.size).toBe(5);
  });

  it('canonicalJson sorts keys deeply and drops undefined members', () => {
    expect(canonicalJson({ b: [{ d: 1, c: 2 }], a: undefined, e: null })).toBe(
      '{"b":[{"c":2,"d":1}],"e":null}',
    );
  });
});
