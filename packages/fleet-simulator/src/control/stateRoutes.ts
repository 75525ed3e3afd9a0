/** Control routes that read the simulator's state and event log and move its clock. */
import type { ControlApiOptions } from './api';
import { badRequest, readBody, type Route } from './requests';

/** The longest single clock move: rounds run per simulated minute, so bigger moves take long. */
export const MAX_ADVANCE_MS = 7 * 24 * 3_600_000;

/** An ISO time or epoch milliseconds; NaN for anything else. */
function timeOf(value: unknown): number {
  if (typeof value === 'number') return value;
  return typeof value === 'string' ? Date.parse(value) : NaN;
}

export function stateRoutes(options: ControlApiOptions): Record<string, Route> {
  const { clock, fleet, faults } = options;

  function clusterSummary() {
    return fleet.clusters().map(cluster => ({
      id: fleet.clusterId(cluster),
      arn: cluster.arn,
      name: cluster.name,
      accountId: cluster.accountId,
      region: cluster.region,
      endpoint: cluster.endpoint,
      zones: cluster.zones,
      zonalShiftEnabled: cluster.zonalShiftEnabled,
      karpenter: cluster.karpenter,
      appliedAwayFrom: fleet.eksZonalShift.awayZone(cluster.arn) ?? null,
      materialised: fleet.isMaterialised(cluster.arn),
    }));
  }

  function state() {
    const clusters = fleet.clusters();
    return {
      time: new Date(clock.now()).toISOString(),
      epochMillis: clock.now(),
      accounts: fleet.accounts().map(account => account.accountId),
      regions: [...new Set(clusters.map(cluster => cluster.region))],
      clusters: {
        total: clusters.length,
        materialised: clusters.filter(cluster =>
          fleet.isMaterialised(cluster.arn),
        ).length,
        zonalShiftEnabled: clusters.filter(cluster => cluster.zonalShiftEnabled)
          .length,
        karpenter: clusters.filter(cluster => cluster.karpenter.version).length,
        karpenterNativeZonalShift: clusters.filter(
          cluster => cluster.karpenter.nativeZonalShift,
        ).length,
      },
      shifted: clusters
        .map(cluster => ({
          arn: cluster.arn,
          awayFrom: fleet.eksZonalShift.awayZone(cluster.arn),
        }))
        .filter(entry => entry.awayFrom !== undefined),
      resilienceApps: fleet.resilienceApps().length,
      faults: faults.settings(),
      lastEventSeq: fleet.events.lastSeq(),
    };
  }

  function advance(body: Buffer) {
    const target = readBody(body, (r, value) => {
      const fields = r.object(value, '', ['ms', 'to']);
      if (!fields) return undefined;
      const ms = r.number(fields, 'ms', '', { min: 0, max: MAX_ADVANCE_MS });
      const to = fields.to;
      if ((ms === undefined) === (to === undefined))
        return r.fail('', 'give exactly one of ms or to');
      if (ms !== undefined) return clock.now() + ms;
      const time = timeOf(to);
      if (!Number.isFinite(time))
        return r.fail('to', 'must be an ISO time or epoch milliseconds');
      if (time < clock.now())
        return r.fail(
          'to',
          `is before the simulated now (${new Date(
            clock.now(),
          ).toISOString()})`,
        );
      if (time - clock.now() > MAX_ADVANCE_MS)
        return r.fail('to', `is more than ${MAX_ADVANCE_MS} ms ahead`);
      return time;
    });
    clock.advance(target - clock.now());
    return {
      body: {
        time: new Date(clock.now()).toISOString(),
        epochMillis: clock.now(),
      },
    };
  }

  return {
    'GET state': () => ({ body: state() }),
    'GET clusters': () => ({ body: { clusters: clusterSummary() } }),
    'POST clock/advance': advance,
    'GET events': (_body, query) => {
      const since = Number(query.get('since') ?? 0);
      const limit = Number(query.get('limit') ?? 1000);
      if (!Number.isInteger(since) || since < 0)
        throw badRequest('since must be a non-negative integer');
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
        throw badRequest('limit must be an integer from 1 to 10000');
      return {
        body: {
          events: fleet.events.list({ since, limit }),
          lastSeq: fleet.events.lastSeq(),
        },
      };
    },
  };
}
