import { mockCredentials } from '@backstage/backend-test-utils';
import {
  parseClusterListQuery,
  parseReadinessSummaryQuery,
} from '../service/parseQuery';
import { ANSWERS, ARN, fleetTools } from './__testUtils__/fleetTools';

const READ = { readOnly: true, destructive: false, idempotent: true };
const ACTION = { readOnly: false, destructive: true, idempotent: false };

describe('the registered fleet tools', () => {
  it('are the 12 tools of the contract, with its attributes', async () => {
    const { actions } = await fleetTools().registry.list();
    expect(
      Object.fromEntries(actions.map(a => [a.name, a.attributes])),
    ).toEqual({
      'list-clusters': READ,
      'get-cluster': READ,
      'get-shift-impact': READ,
      'list-shift-history': READ,
      'list-active-shifts': READ,
      'list-audit-events': READ,
      'assess-zone-loss': READ,
      'get-readiness-summary': READ,
      'start-zonal-shift': ACTION,
      'extend-zonal-shift': ACTION,
      'cancel-zonal-shift': ACTION,
      'start-fleet-shift': ACTION,
    });
  });

  it('describe every tool and every input field for a model choosing tools', async () => {
    const { actions } = await fleetTools().registry.list();
    for (const action of actions) {
      expect(action.title.length).toBeGreaterThan(10);
      expect(action.description.length).toBeGreaterThan(80);
    }
    // Fields without a description long enough to help a model.
    const undescribed = actions.flatMap(action =>
      Object.entries(action.schema.input.properties ?? {})
        .filter(
          ([, schema]) =>
            ((schema as { description?: string }).description ?? '').length <
            20,
        )
        .map(([field]) => `${action.name}.${field}`),
    );
    expect(undescribed).toEqual([]);
    expect(
      actions.reduce(
        (n, a) => n + Object.keys(a.schema.input.properties ?? {}).length,
        0,
      ),
    ).toBeGreaterThan(40);
  });

  it('say when to use them: the verdict filter for surviving an AZ loss, the dry run first', async () => {
    const { actions } = await fleetTools().registry.list();
    const description = (name: string) =>
      actions.find(a => a.name === name)?.description;
    expect(description('list-clusters')).toMatch(/verdict \["at-risk"\]/);
    expect(description('start-fleet-shift')).toMatch(
      /dryRun defaults to true.*dryRun false to act/,
    );
    const fleet = actions.find(a => a.name === 'start-fleet-shift');
    expect(fleet?.schema.input.properties?.dryRun).toMatchObject({
      type: 'boolean',
      default: true,
    });
  });
});

describe('the read tools', () => {
  it('list-clusters hands FleetReads the query GET /clusters would get, and answers its body', async () => {
    const { reads, invoke } = fleetTools();
    const credentials = mockCredentials.user('user:default/jane');
    const output = await invoke(
      'list-clusters',
      {
        account: ['123456789012'],
        region: ['us-east-1'],
        zone: ['use1-az2'],
        version: ['1.33'],
        owner: ['payments-team'],
        shiftState: ['none', 'zonal-shift'],
        verdict: ['at-risk'],
        freshness: ['fresh'],
        readiness: ['not-ready', 'at-risk'],
        check: ['zonal-shift'],
        search: 'pay',
        sort: 'verdict',
        order: 'desc',
        limit: 10,
        offset: 20,
      },
      credentials,
    );
    const query = {
      account: ['123456789012'],
      region: ['us-east-1'],
      zone: ['use1-az2'],
      version: ['1.33'],
      owner: ['payments-team'],
      shiftState: ['none', 'zonal-shift'],
      verdict: ['at-risk'],
      freshness: ['fresh'],
      readiness: ['not-ready', 'at-risk'],
      check: ['zonal-shift'],
      q: 'pay',
      sort: 'verdict',
      order: 'desc',
      limit: '10',
      offset: '20',
    };
    expect(reads.listClustersJson).toHaveBeenCalledWith(credentials, query);
    // The route's own parser takes it as the URL's query.
    expect(parseClusterListQuery(query)).toMatchObject({
      filter: {
        nameContains: 'pay',
        verdicts: ['at-risk'],
        readiness: ['not-ready', 'at-risk'],
        checks: ['zonal-shift'],
      },
      sort: { field: 'verdict', order: 'desc' },
      page: { limit: 10, offset: 20 },
    });
    // Every field the HTTP API answers, unnamed ones included.
    expect(output).toEqual(ANSWERS.list);
  });

  it('list-clusters without input asks for the whole first page', async () => {
    const { reads, invoke } = fleetTools();
    await invoke('list-clusters', {});
    expect(reads.listClustersJson).toHaveBeenCalledWith(expect.anything(), {});
  });

  it('get-cluster and get-shift-impact ask for the cluster and AZ given', async () => {
    const { reads, invoke } = fleetTools();
    const credentials = mockCredentials.user();
    expect(
      await invoke('get-cluster', { clusterArn: ARN }, credentials),
    ).toEqual(ANSWERS.detail);
    expect(reads.clusterDetailJson).toHaveBeenCalledWith(credentials, ARN);
    expect(
      await invoke(
        'get-shift-impact',
        { clusterArn: ARN, awayFrom: 'us-east-1b' },
        credentials,
      ),
    ).toEqual(ANSWERS.impact);
    expect(reads.shiftImpact).toHaveBeenCalledWith(credentials, ARN, {
      awayFrom: 'us-east-1b',
    });
  });

  it('list-shift-history, list-active-shifts and list-audit-events map their filters onto the routes’ parameters', async () => {
    const { reads, invoke } = fleetTools();
    const credentials = mockCredentials.user();
    expect(
      await invoke(
        'list-shift-history',
        {
          cluster: ARN,
          status: ['ACTIVE'],
          type: ['ZONAL_SHIFT', 'PRACTICE_RUN'],
          since: '2026-11-22T08:00:00Z',
          limit: 5,
        },
        credentials,
      ),
    ).toEqual(ANSWERS.history);
    expect(reads.shiftHistory).toHaveBeenCalledWith(credentials, {
      cluster: ARN,
      status: ['ACTIVE'],
      type: ['ZONAL_SHIFT', 'PRACTICE_RUN'],
      since: '2026-11-22T08:00:00Z',
      limit: '5',
    });

    expect(
      await invoke('list-active-shifts', { limit: 3, offset: 0 }, credentials),
    ).toEqual(ANSWERS.active);
    expect(reads.activeShifts).toHaveBeenCalledWith(credentials, {
      limit: '3',
      offset: '0',
    });

    expect(
      await invoke(
        'list-audit-events',
        {
          cluster: ARN,
          action: ['shift.cancel'],
          outcome: ['denied', 'success'],
          channel: ['mcp'],
          offset: 50,
        },
        credentials,
      ),
    ).toEqual(ANSWERS.audit);
    expect(reads.auditEvents).toHaveBeenCalledWith(credentials, {
      cluster: ARN,
      action: ['shift.cancel'],
      outcome: ['denied', 'success'],
      channel: ['mcp'],
      offset: '50',
    });
  });

  it('get-readiness-summary hands FleetReads the query GET /readiness-summary would get, and answers its body', async () => {
    const { reads, invoke } = fleetTools();
    const credentials = mockCredentials.user('user:default/jane');
    const output = await invoke(
      'get-readiness-summary',
      {
        account: ['123456789012'],
        owner: ['payments-team'],
        readiness: ['not-ready'],
        check: ['zonal-shift', 'cluster-dns'],
        search: 'pay',
      },
      credentials,
    );
    const query = {
      account: ['123456789012'],
      owner: ['payments-team'],
      readiness: ['not-ready'],
      check: ['zonal-shift', 'cluster-dns'],
      q: 'pay',
    };
    expect(reads.readinessSummary).toHaveBeenCalledWith(credentials, query);
    expect(parseReadinessSummaryQuery(query)).toMatchObject({
      accountIds: ['123456789012'],
      ownerRefs: ['group:default/payments-team'],
      readiness: ['not-ready'],
      checks: ['zonal-shift', 'cluster-dns'],
      nameContains: 'pay',
    });
    expect(output).toEqual(ANSWERS.readinessSummary);
  });

  it('get-readiness-summary refuses what the route refuses, naming the field', async () => {
    const { reads, invoke } = fleetTools();
    await expect(
      invoke('get-readiness-summary', { check: ['zonal-shifts'] }),
    ).rejects.toThrow(/get-readiness-summary: check\.0: /);
    await expect(invoke('get-readiness-summary', { limit: 5 })).rejects.toThrow(
      /Unrecognized key/,
    );
    expect(reads.readinessSummary).not.toHaveBeenCalled();
  });

  it('answer a refusal of FleetReads as it is (the route’s error)', async () => {
    const { reads, invoke } = fleetTools();
    const refusal = Object.assign(new Error('Not allowed to read the fleet'), {
      name: 'NotAllowedError',
    });
    reads.listClustersJson.mockRejectedValueOnce(refusal);
    await expect(invoke('list-clusters', {})).rejects.toBe(refusal);
  });
});
