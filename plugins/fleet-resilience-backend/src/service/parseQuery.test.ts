import { InputError } from '@backstage/errors';
import {
  parseActiveShiftsQuery,
  parseAuditQuery,
  parseClusterArn,
  parseClusterListQuery,
  parseNoQuery,
  parseReadinessSummaryQuery,
  parseReconcileQuery,
  parseShiftHistoryQuery,
  parseShiftImpactQuery,
  shiftImpactZone,
  type RawQuery,
} from './parseQuery';

function inputError(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('the readiness filters', () => {
  it('take readiness verdicts and check IDs on the list and the summary, and sort the list by readiness', () => {
    const query = {
      readiness: ['not-ready', 'at-risk'],
      check: 'zonal-shift,cluster-dns',
      owner: 'payments-team',
    };
    const filter = {
      readiness: ['not-ready', 'at-risk'],
      checks: ['zonal-shift', 'cluster-dns'],
      ownerRefs: ['group:default/payments-team'],
    };
    expect(
      parseClusterListQuery({ ...query, sort: 'readiness', order: 'desc' }),
    ).toMatchObject({ filter, sort: { field: 'readiness', order: 'desc' } });
    expect(parseReadinessSummaryQuery(query)).toMatchObject(filter);
    expect(parseReadinessSummaryQuery({})).toEqual({});
  });

  it.each([
    [
      { readiness: 'almost' },
      /^Invalid readiness "almost": expected one of ready, at-risk, not-ready, unknown$/,
    ],
    [
      { check: ['zonal-shift', 'dns'] },
      /^Invalid check "dns": expected one of zonal-shift, /,
    ],
    [
      { check: { a: 'b' } },
      /^Query parameter check must be plain text values$/,
    ],
  ])('refuse %j on both routes, naming the parameter', (query, message) => {
    expect(inputError(() => parseClusterListQuery(query))).toMatch(message);
    expect(inputError(() => parseReadinessSummaryQuery(query))).toMatch(
      message,
    );
  });

  it.each(['sort', 'order', 'limit', 'offset', 'page'])(
    'refuse %s on the summary: it is counted, not sorted or paged',
    name => {
      expect(
        inputError(() => parseReadinessSummaryQuery({ [name]: '1' })),
      ).toMatch(
        new RegExp(
          `^Unknown query parameter "${name}"; expected one of: account, `,
        ),
      );
    },
  );
});

describe('parseClusterListQuery', () => {
  it('defaults to the first page sorted by name', () => {
    expect(parseClusterListQuery({})).toEqual({
      filter: {},
      sort: { field: 'name', order: 'asc' },
      page: { limit: 50, offset: 0 },
    });
  });

  it('takes repeated and comma-separated filter values', () => {
    const query = parseClusterListQuery({
      account: ['111122223333', '444455556666'],
      region: 'us-east-1,eu-west-1',
      version: '1.33',
      zone: ['us-east-1a', 'use1-az4'],
      shiftState: 'zonal-shift',
      verdict: ['at-risk', 'unknown'],
      freshness: 'stale',
      owner: ['Payments-Team', 'user:default/Jane,group:ops/sre'],
      q: '  pay ',
      sort: 'verdict',
      order: 'desc',
      limit: '500',
      offset: '1000',
    });
    expect(query).toEqual({
      filter: {
        accountIds: ['111122223333', '444455556666'],
        regions: ['us-east-1', 'eu-west-1'],
        versions: ['1.33'],
        zones: ['us-east-1a', 'use1-az4'],
        shiftStates: ['zonal-shift'],
        verdicts: ['at-risk', 'unknown'],
        freshness: ['stale'],
        ownerRefs: [
          'group:default/payments-team',
          'user:default/jane',
          'group:ops/sre',
        ],
        nameContains: 'pay',
      },
      sort: { field: 'verdict', order: 'desc' },
      page: { limit: 500, offset: 1000 },
    });
  });

  it.each([
    [
      { limit: '501' },
      'Invalid limit "501": expected an integer from 1 to 500',
    ],
    [{ limit: '0' }, 'Invalid limit "0": expected an integer from 1 to 500'],
    [
      { limit: 'ten' },
      'Invalid limit "ten": expected an integer from 1 to 500',
    ],
    [{ limit: '1e2' }, 'Invalid limit "1e2"'],
    [{ offset: '-1' }, 'Invalid offset "-1"'],
    [
      { limit: ['5', '6'] },
      'Query parameter limit must be given once, as text',
    ],
    [
      { account: '12345' },
      'Invalid account "12345": expected a 12-digit AWS account ID',
    ],
    [{ region: 'US-EAST-1' }, 'Invalid region "US-EAST-1"'],
    [{ zone: "us-east-1a' OR 1=1" }, 'Invalid zone'],
    [{ version: 'latest' }, 'Invalid version "latest"'],
    [
      { shiftState: 'shifted' },
      'Invalid shiftState "shifted": expected one of none, zonal-shift, autoshift, practice-run, fis-experiment, unknown',
    ],
    [
      { verdict: 'ok' },
      'Invalid verdict "ok": expected one of survives, at-risk, unknown',
    ],
    [{ freshness: 'old' }, 'Invalid freshness "old"'],
    [
      { owner: 'component:default/payments' },
      'Invalid owner "component:default/payments": expected a group or user entity ref',
    ],
    [{ owner: "x' OR 1=1" }, 'Invalid owner "x\' OR 1=1"'],
    [
      { sort: 'arn' },
      'Invalid sort "arn": expected one of name, account, region, version, verdict, shiftState, lastSeen',
    ],
    [{ order: 'up' }, 'Invalid order "up": expected asc or desc'],
    [{ q: 'x'.repeat(101) }, 'Query parameter q is longer than 100 characters'],
    [
      { acount: '111122223333' },
      'Unknown query parameter "acount"; expected one of:',
    ],
    [
      { account: { $ne: 1 } },
      'Query parameter account must be plain text values',
    ],
    [
      { account: Array(51).fill('111122223333') },
      'Query parameter account takes at most 50 values, got 51',
    ],
  ])('rejects %j', (query, message) => {
    expect(inputError(() => parseClusterListQuery(query))).toContain(message);
  });
});

it('counts the values of a filter after splitting on commas, and refuses oversized or repeated single values', () => {
  const cases: Array<[RawQuery, string]> = [
    [
      { account: Array(51).fill('111122223333').join(',') },
      'Query parameter account takes at most 50 values, got 51',
    ],
    [
      { zone: [Array(30).fill('use1-az1').join(','), 'use1-az2,'.repeat(21)] },
      'Query parameter zone takes at most 50 values, got 51',
    ],
    [
      { account: Array(6000).fill('111122223333').join(',') },
      'Query parameter account is longer than 8192 characters',
    ],
    [{ limit: ['10', '20'] }, 'Query parameter limit must be given once'],
    [
      { sort: '1'.repeat(9000) },
      'Query parameter sort is longer than 8192 characters',
    ],
  ];
  for (const [query, message] of cases) {
    expect(inputError(() => parseClusterListQuery(query))).toContain(message);
  }
});

it('takes 50 values of a filter, given in any mix of repeats and commas', () => {
  const accounts = Array.from(
    { length: 50 },
    (_, i) => `1111222233${String(i).padStart(2, '0')}`,
  );
  expect(
    parseClusterListQuery({
      account: [accounts.slice(0, 25).join(','), ...accounts.slice(25)],
    }).filter.accountIds,
  ).toEqual(accounts);
});

describe('parseShiftHistoryQuery', () => {
  const arn = 'arn:aws:eks:us-east-1:111122223333:cluster/payments';

  it('parses cluster, status, type, since and paging', () => {
    expect(
      parseShiftHistoryQuery({
        cluster: arn,
        status: 'ACTIVE,EXPIRED',
        type: 'PRACTICE_RUN',
        since: '2026-11-22T09:00:00+01:00',
        limit: '10',
      }),
    ).toEqual({
      filter: {
        clusterArns: [arn],
        statuses: ['ACTIVE', 'EXPIRED'],
        types: ['PRACTICE_RUN'],
        since: '2026-11-22T08:00:00.000Z',
      },
      page: { limit: 10, offset: 0 },
    });
  });

  it.each([
    [
      { cluster: 'payments' },
      'Invalid cluster: Invalid EKS cluster ARN "payments"',
    ],
    [
      { status: 'active' },
      'Invalid status "active": expected one of ACTIVE, EXPIRED, CANCELED',
    ],
    [{ type: 'MANUAL' }, 'Invalid type "MANUAL"'],
    [
      { since: 'yesterday' },
      'Invalid since "yesterday": expected an ISO 8601 time',
    ],
    [{ since: '2026-13-45T00:00:00Z' }, 'Invalid since'],
    [{ clusterArn: arn }, 'Unknown query parameter "clusterArn"'],
  ])('rejects %j', (query, message) => {
    expect(inputError(() => parseShiftHistoryQuery(query))).toContain(message);
  });
});

describe('parseClusterArn and parseNoQuery', () => {
  it('accepts an EKS cluster ARN and rejects anything else with a 400', () => {
    expect(
      parseClusterArn(
        'arn:aws:eks:eu-west-1:444455556666:cluster/search',
        'cluster ARN',
      ),
    ).toEqual({
      arn: 'arn:aws:eks:eu-west-1:444455556666:cluster/search',
      accountId: '444455556666',
      region: 'eu-west-1',
      name: 'search',
    });
    expect(
      inputError(() => parseClusterArn('arn:aws:s3:::bucket', 'cluster ARN')),
    ).toContain('Invalid cluster ARN');
    expect(inputError(() => parseNoQuery({ verbose: 'true' }))).toBe(
      'Unknown query parameter "verbose": this route takes none',
    );
  });
});

const AUDIT_ARN = 'arn:aws:eks:us-east-1:111122223333:cluster/payments';

describe('parseAuditQuery', () => {
  it('reads filters and paging', () => {
    expect(
      parseAuditQuery({
        cluster: AUDIT_ARN,
        action: 'shift.start,shift.cancel',
        outcome: ['denied'],
        limit: '10',
        offset: '20',
      }),
    ).toEqual({
      filter: {
        clusterArns: [AUDIT_ARN],
        actions: ['shift.start', 'shift.cancel'],
        outcomes: ['denied'],
      },
      page: { limit: 10, offset: 20 },
    });
    expect(parseAuditQuery({})).toEqual({
      filter: {},
      page: { limit: 50, offset: 0 },
    });
  });

  it('filters on every outcome, pending intents included', () => {
    expect(
      parseAuditQuery({ outcome: 'success,failure,denied,pending' }).filter,
    ).toEqual({ outcomes: ['success', 'failure', 'denied', 'pending'] });
  });

  it('filters on the channels asked for, repeated or comma-separated', () => {
    expect(parseAuditQuery({ channel: ['portal', 'api,mcp'] }).filter).toEqual({
      channels: ['portal', 'api', 'mcp'],
    });
  });

  it.each([
    [{ actor: 'x' }, /Unknown query parameter "actor"/],
    [
      { action: 'shift.delete' },
      /Invalid action "shift.delete": expected one of shift.start, shift.update, shift.cancel/,
    ],
    [{ outcome: 'ok' }, /Invalid outcome "ok"/],
    [
      { channel: 'email' },
      /Invalid channel "email": expected one of portal, api, mcp/,
    ],
    [{ channel: 'Portal' }, /Invalid channel "Portal"/],
    [{ limit: '0' }, /Invalid limit "0": expected an integer from 1 to 500/],
    [{ offset: '-1' }, /Invalid offset/],
    [{ cluster: 'nope' }, /Invalid cluster/],
    [{ limit: ['1', '2'] }, /Query parameter limit must be given once/],
  ])('refuses %p', (query, message) => {
    expect(() => parseAuditQuery(query)).toThrow(message);
  });
});

describe('parseReconcileQuery', () => {
  it('reads the states asked for, or none for all', () => {
    expect(parseReconcileQuery({})).toBeUndefined();
    expect(
      parseReconcileQuery({ state: ['converged,blocked', 'error'] }),
    ).toEqual(new Set(['converged', 'blocked', 'error']));
  });

  it('refuses other states and other parameters, naming them', () => {
    expect(inputError(() => parseReconcileQuery({ state: 'bogus' }))).toBe(
      'Invalid state "bogus": expected one of converged, pending, blocked, error, observing',
    );
    expect(inputError(() => parseReconcileQuery({ limit: '3' }))).toBe(
      'Unknown query parameter "limit"; expected one of: state',
    );
    expect(inputError(() => parseReconcileQuery({ state: { a: 'b' } }))).toBe(
      'Query parameter state must be plain text values',
    );
  });
});

describe('parseActiveShiftsQuery', () => {
  it('defaults to the first page and takes limit and offset', () => {
    expect(parseActiveShiftsQuery({})).toEqual({ limit: 50, offset: 0 });
    expect(parseActiveShiftsQuery({ limit: '500', offset: '20' })).toEqual({
      limit: 500,
      offset: 20,
    });
  });

  it('names the parameter and the range of a bad page', () => {
    expect(inputError(() => parseActiveShiftsQuery({ limit: '0' }))).toBe(
      'Invalid limit "0": expected an integer from 1 to 500',
    );
    expect(inputError(() => parseActiveShiftsQuery({ limit: '501' }))).toBe(
      'Invalid limit "501": expected an integer from 1 to 500',
    );
    expect(inputError(() => parseActiveShiftsQuery({ offset: '-1' }))).toBe(
      'Invalid offset "-1": expected an integer from 0 to 1000000',
    );
    expect(
      inputError(() => parseActiveShiftsQuery({ limit: ['1', '2'] })),
    ).toBe('Query parameter limit must be given once, as text');
  });

  it('takes no filters', () => {
    expect(inputError(() => parseActiveShiftsQuery({ cluster: 'x' }))).toBe(
      'Unknown query parameter "cluster"; expected one of: limit, offset',
    );
  });
});

describe('parseShiftImpactQuery', () => {
  it('takes awayFrom, trimmed', () => {
    expect(parseShiftImpactQuery({ awayFrom: ' use1-az2 ' })).toBe('use1-az2');
  });

  it.each([
    [
      {},
      'Query parameter awayFrom is required: the AZ ID (or AZ name) to shift away from',
    ],
    [
      { awayFrom: '  ' },
      'Query parameter awayFrom is required: the AZ ID (or AZ name) to shift away from',
    ],
    [
      { awayFrom: ['a', 'b'] },
      'Query parameter awayFrom must be given once, as text',
    ],
    [
      { awayFrom: 'use1-az1', zone: 'x' },
      'Unknown query parameter "zone"; expected one of: awayFrom',
    ],
  ])('refuses %p', (query, message) => {
    expect(inputError(() => parseShiftImpactQuery(query))).toBe(message);
  });
});

describe('shiftImpactZone', () => {
  const zones = [
    { name: 'us-east-1a', id: 'use1-az1' },
    { name: 'us-east-1b', id: 'use1-az2' },
  ];

  it('finds the AZ by ID or by name', () => {
    expect(shiftImpactZone('use1-az2', { name: 'payments', zones })).toEqual(
      zones[1],
    );
    expect(shiftImpactZone('us-east-1a', { name: 'payments', zones })).toEqual(
      zones[0],
    );
  });

  it('names awayFrom and the AZs to choose from for an AZ the cluster does not have', () => {
    expect(
      inputError(() =>
        shiftImpactZone('use1-az9', { name: 'payments', zones }),
      ),
    ).toBe(
      'Invalid awayFrom "use1-az9": not an AZ of payments; choose one of use1-az1 (us-east-1a), use1-az2 (us-east-1b)',
    );
    expect(
      inputError(() =>
        shiftImpactZone('use1-az1', { name: 'payments', zones: [] }),
      ),
    ).toBe(
      'Invalid awayFrom "use1-az1": the AZs of payments are not known yet',
    );
  });
});
