import {
  detailJson,
  summaryJson,
  type KubernetesStatus,
} from '../domain/clusterDocuments';
import {
  accessKey,
  assemble,
  BufferPool,
  type AnswerBytes,
  GenerationCache,
  GenerationReader,
  prepareDocument,
} from './documentCache';

const SUMMARY = JSON.stringify({ ref: { name: 'pay-1' }, note: 'zone — a' });
const DETAIL = JSON.stringify({ nodePools: [], problems: ['≥ 2 zones'] });
const SUCCESS = '2026-11-22T08:00:00.250Z';

const STATUSES: Record<string, KubernetesStatus> = {
  fresh: {
    freshness: 'fresh',
    lastAttemptAt: SUCCESS,
    lastSuccessAt: SUCCESS,
    durationMs: 12,
  },
  stale: {
    freshness: 'stale',
    lastAttemptAt: '2026-11-22T09:00:00.000Z',
    lastSuccessAt: SUCCESS,
    lastError: 'connect ETIMEDOUT',
  },
  never: { freshness: 'never' },
  'an unreadable success time': {
    freshness: 'fresh',
    lastSuccessAt: 'not a time',
  },
};

const at = (ms: number) => new Date(Date.parse(SUCCESS) + ms);
const text = (answer: AnswerBytes) => answer.body.toString('utf8');

describe('prepareDocument and assemble', () => {
  it.each(Object.entries(STATUSES))(
    'answer exactly the uncached list and detail at every instant (%s)',
    (_, status) => {
      const prepared = at(5_000);
      const item = prepareDocument(
        SUMMARY,
        status,
        '',
        '',
        now => summaryJson(SUMMARY, status, now),
        prepared,
      );
      const summaryLength = summaryJson(SUMMARY, status, prepared).length;
      const detail = prepareDocument(
        SUMMARY,
        status,
        '{"summary":',
        detailJson(SUMMARY, DETAIL, status, prepared).slice(summaryLength + 11),
        now => detailJson(SUMMARY, DETAIL, status, now),
        prepared,
      );
      expect(item.fallback).toBeUndefined();
      expect(detail.fallback).toBeUndefined();
      // Across second boundaries after (and before) it was prepared.
      for (const ms of [-3_000, 0, 749, 750, 5_000, 61_250, 86_400_000]) {
        const now = at(ms);
        const open = Buffer.from('{"items":[');
        const close = Buffer.from('],"totalCount":2}');
        expect(text(assemble(open, [item, item], close, now))).toBe(
          `{"items":[${summaryJson(SUMMARY, status, now)},${summaryJson(
            SUMMARY,
            status,
            now,
          )}],"totalCount":2}`,
        );
        expect(
          text(assemble(Buffer.alloc(0), [detail], Buffer.alloc(0), now)),
        ).toBe(detailJson(SUMMARY, DETAIL, status, now));
      }
    },
  );

  it('falls back to rendering per request when the split does not match', () => {
    const status = STATUSES.fresh;
    const render = (now: Date) => `{"other":${now.getTime()}}`;
    const document = prepareDocument(SUMMARY, status, '', '', render, at(0));
    expect(document.fallback).toBe(render);
    expect(
      text(assemble(Buffer.from('['), [document], Buffer.from(']'), at(7))),
    ).toBe(`[${render(at(7))}]`);
  });
});

describe('BufferPool', () => {
  it('reuses a buffer only after its answer was released, within its budget', () => {
    const pool = new BufferPool(200_000);
    const item = prepareDocument(
      SUMMARY.padEnd(100_000, ' '),
      STATUSES.fresh,
      '',
      '',
      now => summaryJson(SUMMARY.padEnd(100_000, ' '), STATUSES.fresh, now),
      at(0),
    );
    const open = Buffer.from('[');
    const close = Buffer.from(']');
    const first = assemble(open, [item], close, at(1_000), pool);
    const second = assemble(open, [item], close, at(2_000), pool);
    expect(second.body.buffer).not.toBe(first.body.buffer);
    const firstText = text(first);
    first.release();
    first.release();
    const third = assemble(open, [item], close, at(3_000), pool);
    expect(third.body.buffer).toBe(first.body.buffer);
    // The second answer was not overwritten by the third.
    expect(text(second)).toContain('"ageSeconds":2}');
    expect(text(third)).toContain('"ageSeconds":3}');
    expect(firstText).toContain('"ageSeconds":1}');
    // Over the budget: not kept.
    const small = new BufferPool(1_000);
    const big = assemble(open, [item], close, at(1_000), small);
    big.release();
    expect(
      assemble(open, [item], close, at(1_000), small).body.buffer,
    ).not.toBe(big.body.buffer);
  });
});

describe('accessKey', () => {
  it('tells conditional decisions apart by their criteria', () => {
    const account = (accountIds: string[]) =>
      accessKey({
        kind: 'some',
        criteria: { kind: 'account', accountIds },
      });
    expect(account(['111122223333'])).not.toBe(account(['444455556666']));
    expect(account(['111122223333'])).toBe(account(['111122223333']));
    expect(accessKey({ kind: 'all' })).not.toBe(account([]));
  });
});

describe('GenerationCache', () => {
  const entry = (bytes: number) => ({ bytes });

  it('serves an entry only under the generation it was filled under', () => {
    const cache = new GenerationCache(1_000);
    const value = entry(10);
    cache.set(3, 'page', value);
    expect(cache.get(3, 'page')).toBe(value);
    expect(cache.get(4, 'page')).toBeUndefined();
    expect(cache.get(2, 'page')).toBeUndefined();
  });

  it('drops every older entry when a newer generation is filled, and ignores older fills', () => {
    const cache = new GenerationCache(1_000);
    cache.set(3, 'a', entry(10));
    cache.set(4, 'b', entry(10));
    expect(cache.size).toBe(1);
    expect(cache.bytes).toBe(10);
    cache.set(3, 'c', entry(10));
    expect(cache.get(4, 'c')).toBeUndefined();
    expect(cache.size).toBe(1);
  });

  it('keeps its byte budget by evicting the least recently used', () => {
    const cache = new GenerationCache(100);
    cache.set(1, 'a', entry(25));
    cache.set(1, 'b', entry(25));
    cache.set(1, 'c', entry(25));
    cache.get(1, 'a');
    cache.set(1, 'd', entry(25));
    cache.set(1, 'e', entry(25));
    expect(cache.bytes).toBeLessThanOrEqual(100);
    expect(cache.get(1, 'b')).toBeUndefined();
    expect(cache.get(1, 'a')).toBeDefined();
    expect(cache.get(1, 'e')).toBeDefined();
    // An entry over a quarter of the budget is not kept at all.
    cache.set(1, 'huge', entry(26));
    expect(cache.get(1, 'huge')).toBeUndefined();
  });
});

describe('GenerationReader', () => {
  it('shares one query among requests that arrived before it was sent, never one sent before a request arrived', async () => {
    let generation = 7;
    const read = jest.fn(async () => generation);
    const reader = new GenerationReader(read);
    const first = reader.current();
    const second = reader.current();
    expect(first).toBe(second);
    await expect(first).resolves.toBe(7);
    expect(read).toHaveBeenCalledTimes(1);
    // A write commits; a request arriving now reads again.
    generation = 8;
    await expect(reader.current()).resolves.toBe(8);
    expect(read).toHaveBeenCalledTimes(2);

    // A request arriving while a query is in flight does not join it.
    let release!: (value: number) => void;
    read.mockImplementationOnce(
      () => new Promise<number>(resolve => (release = resolve)),
    );
    const inFlight = reader.current();
    await new Promise(resolve => setImmediate(resolve));
    expect(read).toHaveBeenCalledTimes(3);
    generation = 9;
    const later = reader.current();
    expect(later).not.toBe(inFlight);
    release(8);
    await expect(inFlight).resolves.toBe(8);
    await expect(later).resolves.toBe(9);
  });
});
