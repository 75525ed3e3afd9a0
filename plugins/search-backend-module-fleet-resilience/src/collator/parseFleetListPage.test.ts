import { summary } from '../__fixtures__/clusters';
import { parseFleetListPage } from './parseFleetListPage';

function page(items: unknown[], nextOffset?: number, offset = 0) {
  return { items, totalCount: 99, paging: { limit: 2, offset, nextOffset } };
}

describe('parseFleetListPage', () => {
  it('keeps the fields a document needs and nothing else', () => {
    const parsed = parseFleetListPage(page([summary('a')], 2), 0);
    expect(parsed.nextOffset).toBe(2);
    expect(parsed.problems).toEqual([]);
    expect(parsed.clusters).toEqual([
      {
        ref: summary('a').ref,
        entityRef: summary('a').entityRef,
        version: '1.33',
        status: 'ACTIVE',
        owner: 'payments-team',
        system: 'payments',
        zones: summary('a').zones,
        zonalShiftEnabled: true,
        autoshiftStatus: 'ENABLED',
        activeShift: undefined,
        shiftState: 'none',
        survivability: summary('a').survivability,
      },
    ]);
  });

  it('keeps the readiness summary, a verdict it does not know as unknown and only the checks it knows', () => {
    const readiness = {
      verdict: 'not-ready',
      score: 44,
      failing: ['zonal-shift', 'a-future-check'],
      warning: ['cluster-dns'],
      workloadsAtRisk: 2,
    };
    const [known, future] = parseFleetListPage(
      page([
        { ...summary('a'), readiness },
        { ...summary('b'), readiness: { ...readiness, verdict: 'brilliant' } },
      ]),
      0,
    ).clusters;
    expect(known.readiness).toEqual({
      verdict: 'not-ready',
      score: 44,
      failing: ['zonal-shift'],
      warning: ['cluster-dns'],
      workloadsAtRisk: 2,
    });
    expect(future.readiness?.verdict).toBe('unknown');
  });

  it('skips a malformed item, saying which and why, and keeps the others', () => {
    const bad = { ...summary('bad'), shiftState: 'sideways' };
    const parsed = parseFleetListPage(page([summary('a'), bad, 42]), 0);
    expect(parsed.clusters.map(c => c.ref.name)).toEqual(['a']);
    expect(parsed.problems).toEqual([
      'arn:aws:eks:us-east-1:111122223333:cluster/bad skipped: shiftState "sideways" is not one of none, zonal-shift, autoshift, practice-run, fis-experiment, unknown',
      'item #2 skipped: item is not an object',
    ]);
  });

  it.each([
    [
      'no ref name',
      { ref: { arn: 'x', accountId: '1', region: 'r' } },
      'ref lacks',
    ],
    ['zones not a list', { zones: 'us-east-1a' }, 'zones is not a list'],
    [
      'a zone without ID',
      { zones: [{ name: 'us-east-1a' }] },
      'zones[0] is not a zone',
    ],
    ['no verdict', { survivability: { reason: 'x' } }, 'survivability.verdict'],
    ['a numeric owner', { owner: 7 }, 'owner is not a string'],
    [
      'a readiness string',
      { readiness: 'ready' },
      'readiness is not an object',
    ],
    [
      'a readiness score over 100',
      { readiness: { verdict: 'ready', score: 101 } },
      'readiness.score is not an integer from 0 to 100',
    ],
    [
      'readiness checks not a list',
      { readiness: { verdict: 'ready', score: 9, failing: 'zonal-shift' } },
      'readiness.failing is not a list of check ids',
    ],
    [
      'a readiness without verdict',
      { readiness: { score: 9 } },
      'readiness.verdict is not a string',
    ],
    ['a bad autoshift status', { autoshiftStatus: 'ON' }, 'autoshiftStatus'],
    [
      'a shift without away zone',
      { activeShift: { expiryTime: 'x' } },
      'activeShift lacks',
    ],
  ])('rejects an item with %s', (_label, overrides, message) => {
    const parsed = parseFleetListPage(
      page([{ ...summary('a'), ...overrides }]),
      0,
    );
    expect(parsed.clusters).toEqual([]);
    expect(parsed.problems[0]).toContain(message);
  });

  it.each([
    ['not an object', 'oops', 'no items list'],
    ['no items', { paging: {} }, 'no items list'],
    ['no paging', { items: [] }, 'no paging'],
    [
      'a next offset going back',
      page([], 0, 10),
      'does not move past offset 10',
    ],
    ['a fractional next offset', page([], 2.5), 'does not move past offset 0'],
  ])('throws on a page with %s', (_label, body, message) => {
    expect(() =>
      parseFleetListPage(
        body,
        (body as { paging?: { offset?: number } })?.paging?.offset ?? 0,
      ),
    ).toThrow(message);
  });
});
