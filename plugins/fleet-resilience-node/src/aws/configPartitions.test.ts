import { planAccountPartitions } from './configPartitions';
import { buildClusterQuery } from './configQuery';

const account = (n: number) => String(100000000000 + n);

/** The accounts a query names, and whether it names them to include or exclude. */
function accountsOf(query: string): { kind: 'in' | 'notIn'; ids: string[] } {
  const single = /accountId = '(\d{12})'/.exec(query);
  if (single) return { kind: 'in', ids: [single[1]] };
  const list = /accountId (NOT IN|IN) \(([^)]*)\)/.exec(query);
  if (!list) throw new Error(`no account condition in ${query}`);
  return {
    kind: list[1] === 'IN' ? 'in' : 'notIn',
    ids: [...list[2].matchAll(/'(\d{12})'/g)].map(m => m[1]),
  };
}

/** Which queries of the plan would return a cluster of `accountId`. */
function coveringQueries(queries: string[], accountId: string): number {
  return queries.filter(query => {
    const { kind, ids } = accountsOf(query);
    return kind === 'in' ? ids.includes(accountId) : !ids.includes(accountId);
  }).length;
}

describe('planAccountPartitions', () => {
  it('gives an account with a page or more of clusters a query of its own, and ends with the remainder', () => {
    const plan = planAccountPartitions(
      [
        { accountId: account(1), count: 250 },
        { accountId: account(2), count: 100 },
      ],
      { pageSize: 100 },
    );
    expect(plan.exhaustive).toBe(true);
    expect(plan.queries).toEqual([
      `${buildClusterQuery()} AND accountId = '${account(1)}'`,
      `${buildClusterQuery()} AND accountId = '${account(2)}'`,
      `${buildClusterQuery()} AND accountId NOT IN ('${account(1)}', '${account(
        2,
      )}')`,
    ]);
  });

  it('packs small accounts together up to a page, so many small accounts cost about their page count', () => {
    const counts = Array.from({ length: 300 }, (_, i) => ({
      accountId: account(i),
      count: 1 + (i % 7),
    }));
    const total = counts.reduce((sum, c) => sum + c.count, 0);
    const plan = planAccountPartitions(counts, { pageSize: 100 });
    const partitions = plan.queries.filter(q => accountsOf(q).kind === 'in');
    // First fit, largest first: no bin is over a page, and few bins are left part-empty.
    expect(partitions.length).toBeLessThanOrEqual(Math.ceil(total / 100) + 1);
    for (const query of partitions) {
      const sum = accountsOf(query)
        .ids.map(id => counts.find(c => c.accountId === id)!.count)
        .reduce((a, b) => a + b, 0);
      expect(sum).toBeLessThanOrEqual(100);
    }
  });

  it('covers every account exactly once, named or not, whatever the counts', () => {
    const counts = [
      { accountId: account(1), count: 40 },
      { accountId: account(2), count: 70 },
      { accountId: account(3), count: 500 },
      { accountId: account(4), count: 1 },
    ];
    const plan = planAccountPartitions(counts, { pageSize: 100 });
    for (const id of [1, 2, 3, 4, 5, 999].map(account)) {
      expect(coveringQueries(plan.queries, id)).toBe(1);
    }
  });

  it('leaves groups that are not a valid account with a positive count to the remainder', () => {
    const plan = planAccountPartitions(
      [
        { accountId: 'not-an-account', count: 5 },
        { accountId: account(1), count: 0 },
        { accountId: account(2), count: Number.NaN },
        { accountId: account(3), count: 3 },
      ],
      { pageSize: 100 },
    );
    expect(plan.queries).toEqual([
      `${buildClusterQuery()} AND accountId = '${account(3)}'`,
      `${buildClusterQuery()} AND accountId NOT IN ('${account(3)}')`,
    ]);
    expect(coveringQueries(plan.queries, account(1))).toBe(1);
  });

  it('reads the whole fleet in one query when there are no counts', () => {
    expect(planAccountPartitions([], { pageSize: 100 })).toEqual({
      queries: [buildClusterQuery()],
      exhaustive: true,
    });
  });

  it('keeps the tag filters in every query', () => {
    const tagFilters = [{ key: 'team', value: 'payments' }];
    const plan = planAccountPartitions([{ accountId: account(1), count: 3 }], {
      pageSize: 100,
      tagFilters,
    });
    for (const query of plan.queries)
      expect(query).toContain("tags.tag = 'team=payments'");
  });

  it('says the plan is not exhaustive when the remainder does not fit in one expression', () => {
    const counts = Array.from({ length: 400 }, (_, i) => ({
      accountId: account(i),
      count: 150,
    }));
    const plan = planAccountPartitions(counts, { pageSize: 100 });
    expect(plan.exhaustive).toBe(false);
    expect(plan.queries).toHaveLength(400);
    expect(plan.queries.every(q => q.length <= 4096)).toBe(true);
  });

  it('keeps every packed query within the expression limit', () => {
    const counts = Array.from({ length: 90 }, (_, i) => ({
      accountId: account(i),
      count: 1,
    }));
    const plan = planAccountPartitions(counts, {
      pageSize: 100,
      maxLength: 600,
    });
    expect(plan.queries.every(q => q.length <= 600)).toBe(true);
    const named = plan.queries
      .filter(q => accountsOf(q).kind === 'in')
      .flatMap(q => accountsOf(q).ids);
    expect(new Set(named).size).toBe(90);
  });
});
