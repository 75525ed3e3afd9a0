/**
 * The fleet's AZ readiness over HTTP, with permissions decided for real
 * (the permission backend and the shipped policy: platform-team admins,
 * owners read their own clusters) on the demo fleet the simulator serves.
 * `GET /readiness-summary` counts, in SQL, exactly the clusters each caller
 * may read: an owner's summary is her team's clusters' readiness, checked
 * against the documents she can read one by one. The list's `readiness` and
 * `check` filters and `readiness` sort agree with the summaries; bad values
 * are a 400 naming the parameter.
 */
import { TestDatabases, type TestBackend } from '@backstage/backend-test-utils';
import {
  createManualClock,
  startSimulator,
  type RunningSimulator,
} from '@fleet-resilience/fleet-simulator';
import {
  fleetClusterPath,
  READINESS_CHECK_IDS,
  READINESS_VERDICTS,
  type FleetClusterDetail,
  type FleetListResponse,
  type FleetReadinessSummary,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import request from 'supertest';
import { API, DEMO_FLEET } from '../__testUtils__/fleetBackend';
import {
  DANA,
  PAT,
  PAYMENTS_USE1,
  refreshedAsAdmin,
  SAM,
  startMcpBackend,
  userHeader,
} from '../__testUtils__/mcpBackend';

jest.setTimeout(240_000);

const databases = TestDatabases.create();

const RANK = { 'not-ready': 0, 'at-risk': 1, unknown: 2, ready: 3 };

/** The summary a caller should get: counted from the details she can read. */
function expectedSummary(details: FleetClusterDetail[]): FleetReadinessSummary {
  const summary: FleetReadinessSummary = {
    clusterCount: details.length,
    byVerdict: { ready: 0, 'at-risk': 0, 'not-ready': 0, unknown: 0 },
    checks: Object.fromEntries(
      READINESS_CHECK_IDS.map(id => [
        id,
        { pass: 0, warn: 0, fail: 0, unknown: 0 },
      ]),
    ) as FleetReadinessSummary['checks'],
    workloadsAtRisk: 0,
    singleReplicaWorkloads: 0,
  };
  for (const detail of details) {
    const readiness = detail.readiness!;
    summary.byVerdict[readiness.verdict] += 1;
    for (const check of readiness.checks) {
      summary.checks[check.id][check.verdict] += 1;
    }
    summary.workloadsAtRisk += readiness.workloads?.atRiskCount ?? 0;
    summary.singleReplicaWorkloads +=
      readiness.workloads?.singleReplicaCount ?? 0;
  }
  return summary;
}

describe.each(databases.eachSupportedId())(
  'the fleet’s readiness over HTTP with the shipped policy on %p',
  databaseId => {
    let sim: RunningSimulator;
    let backend: TestBackend;
    const get = (user: string, path: string) =>
      request(backend.server).get(`${API}${path}`).set(userHeader(user));
    const ok = async <T>(user: string, path: string): Promise<T> => {
      const response = await get(user, path);
      expect([path, response.status]).toEqual([path, 200]);
      return response.body as T;
    };
    const list = (user: string, query = '') =>
      ok<FleetListResponse>(user, `/clusters?limit=100${query}`);
    const details = async (user: string) =>
      Promise.all(
        (await list(user)).items.map(c =>
          ok<FleetClusterDetail>(user, fleetClusterPath(c.ref.arn)),
        ),
      );

    /**
     * A caller's details and summary read while no refresh rewrote the
     * documents in between (the refresh the test asked for may still be
     * storing a later read): the summary read before and after the details
     * is the same.
     */
    const settled = async (user: string) => {
      for (let attempt = 0; ; attempt += 1) {
        const before = await ok<FleetReadinessSummary>(
          user,
          '/readiness-summary',
        );
        const read = await details(user);
        const after = await ok<FleetReadinessSummary>(
          user,
          '/readiness-summary',
        );
        if (JSON.stringify(before) === JSON.stringify(after) || attempt >= 10) {
          return { details: read, summary: after };
        }
        await new Promise(resolve => setTimeout(resolve, 500));
      }
    };

    beforeAll(async () => {
      sim = await startSimulator({
        fleet: DEMO_FLEET,
        port: 0,
        clock: createManualClock(Date.now()),
      });
      backend = await startMcpBackend(sim, await databases.init(databaseId));
      await refreshedAsAdmin(backend);
    });

    afterAll(async () => {
      await backend?.stop();
      await sim?.stop();
    });

    it('counts for each caller exactly the readiness of the clusters she may read', async () => {
      const { details: everything, summary: all } = await settled(PAT);
      expect(all).toEqual(expectedSummary(everything));
      // The demo's platform-tools-use1 has zonal shift off.
      expect(all.checks['zonal-shift'].fail).toBeGreaterThan(0);
      expect(all.byVerdict['not-ready']).toBeGreaterThan(0);
      // The demo's workloads pinned to one AZ, read from its Kubernetes APIs.
      expect(all.workloadsAtRisk).toBeGreaterThan(0);
      expect(all.checks['workload-spread'].fail).toBeGreaterThan(0);

      const payments = everything.filter(
        d => d.summary.owner === 'payments-team',
      );
      expect(payments.map(d => d.summary.ref.arn)).toContain(PAYMENTS_USE1);
      const { details: danas, summary: dana } = await settled(DANA);
      expect(danas.map(d => d.summary.ref.arn).sort()).toEqual(
        payments.map(d => d.summary.ref.arn).sort(),
      );
      expect(dana).toEqual(expectedSummary(danas));
      expect(dana).toEqual(expectedSummary(payments));
      expect(dana.clusterCount).toBeLessThan(all.clusterCount);

      const search = everything.filter(d => d.summary.owner === 'search-team');
      expect(
        await ok<FleetReadinessSummary>(SAM, '/readiness-summary'),
      ).toEqual(expectedSummary(search));
      // A filter never widens what the caller may read.
      expect(
        (
          await ok<FleetReadinessSummary>(
            SAM,
            '/readiness-summary?owner=payments-team',
          )
        ).clusterCount,
      ).toBe(0);
      expect(
        await ok<FleetReadinessSummary>(
          PAT,
          '/readiness-summary?owner=payments-team',
        ),
      ).toEqual(dana);
    });

    it('filters and sorts the list by readiness as the summaries count it', async () => {
      const { items } = await list(PAT);
      for (const verdict of READINESS_VERDICTS) {
        const filtered = await list(PAT, `&readiness=${verdict}`);
        expect([verdict, filtered.items.map(c => c.ref.arn).sort()]).toEqual([
          verdict,
          items
            .filter(c => c.readiness?.verdict === verdict)
            .map(c => c.ref.arn)
            .sort(),
        ]);
        const counted = await ok<FleetReadinessSummary>(
          PAT,
          `/readiness-summary?readiness=${verdict}`,
        );
        expect([verdict, counted.clusterCount]).toEqual([
          verdict,
          filtered.totalCount,
        ]);
      }
      for (const check of READINESS_CHECK_IDS) {
        const flagged = await list(PAT, `&check=${check}`);
        expect([check, flagged.items.map(c => c.ref.arn).sort()]).toEqual([
          check,
          items
            .filter(
              c =>
                c.readiness?.failing.includes(check) ||
                c.readiness?.warning.includes(check),
            )
            .map(c => c.ref.arn)
            .sort(),
        ]);
        const { checks } = await ok<FleetReadinessSummary>(
          PAT,
          '/readiness-summary',
        );
        expect([check, flagged.totalCount]).toEqual([
          check,
          checks[check].fail + checks[check].warn,
        ]);
      }
      const zonalShiftOff = await list(PAT, '&check=zonal-shift');
      expect(zonalShiftOff.items.map(c => c.ref.name)).toContain(
        'platform-tools-use1',
      );
      // The owner's filtered list stays within her clusters.
      const danas = await list(DANA, '&check=zonal-shift&check=cluster-dns');
      expect(danas.items.every(c => c.owner === 'payments-team')).toBe(true);

      for (const order of ['asc', 'desc'] as const) {
        const sorted = await list(PAT, `&sort=readiness&order=${order}`);
        const ranks = sorted.items.map(c => RANK[c.readiness!.verdict]);
        const expected = [...ranks].sort((a, b) =>
          order === 'asc' ? a - b : b - a,
        );
        expect([order, ranks]).toEqual([order, expected]);
      }
    });

    it.each([
      ['/readiness-summary?readiness=almost', /Invalid readiness "almost"/],
      ['/readiness-summary?check=zonal-shifts', /Invalid check "zonal-shifts"/],
      ['/readiness-summary?sort=name', /Unknown query parameter "sort"/],
      ['/readiness-summary?limit=5', /Unknown query parameter "limit"/],
      ['/clusters?check=dns', /Invalid check "dns"/],
      ['/clusters?sort=ready', /Invalid sort "ready"/],
    ])('answers %s with a 400 naming the parameter', async (path, message) => {
      const response = await get(PAT, path);
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(message);
    });
  },
);
