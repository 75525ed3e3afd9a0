/**
 * The simulator's control API under `/_sim/` (JSON, not an AWS or Kubernetes
 * surface): read the state and the event log, move the clock, start and end
 * what AWS starts on its own (autoshifts, practice runs, FIS experiments) and
 * set fault injection. A bad request answers 400 with a message and changes
 * nothing. Every route is documented in the package README.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ArcControlError, type ArcEmulator } from '../arc';
import type { SimClock } from '../clock';
import type { SimResponse } from '../http';
import { parseDuration } from '../model/duration';
import type { SimFleet } from '../model/fleet';
import { ZONE_ID } from '../model/parseChecks';
import { Reader, type ValidationIssue } from '../model/validate';
import { CONTROL_PREFIX, type RawHandler } from '../server';
import { DEFAULT_ARC_EVENT_QUEUE_NAME, type SqsEmulator } from '../sqs';
import { accessKeyIdFor } from './credentials';
import {
  FaultSettingsError,
  parseFaultSettings,
  type FaultInjector,
} from './faults';

export interface ControlApiOptions {
  clock: SimClock;
  fleet: SimFleet;
  arc: ArcEmulator;
  faults: FaultInjector;
  /** The default fault seed (`PUT /_sim/faults` without a seed uses it). */
  seed: number;
  /** The SQS emulator, for the ARC event queue routes. */
  sqs?: SqsEmulator;
}

/** The longest single clock move: rounds run per simulated minute, so bigger moves take long. */
export const MAX_ADVANCE_MS = 7 * 24 * 3_600_000;

class ControlError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: ValidationIssue[],
  ) {
    super(message);
  }
}

const badRequest = (message: string, issues?: ValidationIssue[]) =>
  new ControlError(400, 'BadRequest', message, issues);

function send(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

function parseBody(body: Buffer): unknown {
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw badRequest(`the body is not JSON: ${(error as Error).message}`);
  }
}

/** Reads a body with `read`, turning every problem into one 400. */
function readBody<T>(
  body: Buffer,
  read: (r: Reader, value: unknown) => T | undefined,
): T {
  const r = new Reader();
  const value = read(r, parseBody(body));
  if (r.issues.length > 0 || value === undefined) {
    throw badRequest(
      r.issues.map(issue => `${issue.path}: ${issue.message}`).join('; ') ||
        'invalid body',
      r.issues,
    );
  }
  return value;
}

function arcControl<T>(action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (error instanceof ArcControlError) {
      const status = { NotFound: 404, Conflict: 409, Invalid: 400 }[error.code];
      throw new ControlError(
        status,
        error.code === 'Invalid' ? 'BadRequest' : error.code,
        error.message,
      );
    }
    throw error;
  }
}

/** An ARC API answer relayed to the control caller: errors keep ARC's type and status. */
function relayArc(response: SimResponse): { status: number; body: unknown } {
  const body = response.body ? JSON.parse(response.body) : {};
  if (response.status < 400) return { status: response.status, body };
  const type = response.headers?.['x-amzn-errortype'] ?? 'ArcError';
  throw new ControlError(
    response.status,
    type,
    (body as { message?: string }).message ?? type,
  );
}

/** An ISO time or epoch milliseconds; NaN for anything else. */
function timeOf(value: unknown): number {
  if (typeof value === 'number') return value;
  return typeof value === 'string' ? Date.parse(value) : NaN;
}

type RouteResult = { status?: number; body: unknown };
type Route = (
  body: Buffer,
  query: URLSearchParams,
) => RouteResult | Promise<RouteResult>;

export function createControlApi(options: ControlApiOptions): RawHandler {
  const { clock, fleet, arc, faults } = options;

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

  const zoneIdField = (r: Reader, fields: Record<string, unknown>) =>
    r.string(fields, 'awayFrom', '', {
      required: true,
      pattern: ZONE_ID,
      hint: 'an AZ ID such as use1-az1',
    });

  function clusterForArn(arn: string) {
    const cluster = fleet.cluster(arn);
    if (!cluster)
      throw new ControlError(404, 'NotFound', `no cluster ${arn} in the fleet`);
    return cluster;
  }

  async function startPracticeRun(body: Buffer) {
    const input = readBody(body, (r, value) => {
      const fields = r.object(value, '', [
        'resourceArn',
        'awayFrom',
        'comment',
      ]);
      if (!fields) return undefined;
      const resourceArn = r.string(fields, 'resourceArn', '', {
        required: true,
      });
      const awayFrom = zoneIdField(r, fields);
      const comment =
        r.string(fields, 'comment', '') ??
        'Practice run started by the fleet simulator';
      return resourceArn && awayFrom
        ? { resourceArn, awayFrom, comment }
        : undefined;
    });
    const cluster = clusterForArn(input.resourceArn);
    // A practice run on demand is StartPracticeRun in the resource's account and region.
    const started = relayArc(
      await callArc(
        cluster.accountId,
        cluster.region,
        'POST',
        '/practiceruns',
        {
          resourceIdentifier: input.resourceArn,
          awayFrom: input.awayFrom,
          comment: input.comment,
        },
      ),
    );
    // Every control route that starts something answers 201.
    return { status: 201, body: started.body };
  }

  async function endPracticeRun(body: Buffer) {
    const { zonalShiftId } = readBody(body, (r, value) => {
      const fields = r.object(value, '', ['zonalShiftId']);
      const id =
        fields &&
        r.string(fields, 'zonalShiftId', '', {
          required: true,
          pattern: /^[A-Za-z0-9-]{6,36}$/,
          hint: 'a zonal shift ID',
        });
      return id ? { zonalShiftId: id } : undefined;
    });
    // ARC is regional: the shift is found in the region it was started in.
    let last: SimResponse | undefined;
    for (const cluster of uniqueAccountRegions()) {
      last = await callArc(
        cluster.accountId,
        cluster.region,
        'DELETE',
        `/practiceruns/${encodeURIComponent(zonalShiftId)}`,
      );
      if (last.status !== 404) break;
    }
    return relayArc(last!);
  }

  function uniqueAccountRegions() {
    const seen = new Map<string, { accountId: string; region: string }>();
    for (const cluster of fleet.clusters()) {
      seen.set(`${cluster.accountId}/${cluster.region}`, {
        accountId: cluster.accountId,
        region: cluster.region,
      });
    }
    return [...seen.values()];
  }

  function callArc(
    accountId: string,
    region: string,
    method: string,
    path: string,
    payload?: unknown,
  ) {
    return arc.handle(
      {
        method,
        url: new URL(`https://arc-zonal-shift.${region}.amazonaws.com${path}`),
        headers: { 'content-type': 'application/json' },
        body: Buffer.from(payload === undefined ? '' : JSON.stringify(payload)),
      },
      {
        accessKeyId: accessKeyIdFor(accountId),
        region,
        service: 'arc-zonal-shift',
      },
    );
  }

  function readFaultSettings(body: Buffer) {
    try {
      return parseFaultSettings(parseBody(body), options.seed);
    } catch (error) {
      if (error instanceof FaultSettingsError)
        throw badRequest(error.message, error.issues);
      throw error;
    }
  }

  function arcEventQueue() {
    const sqs = options.sqs;
    if (!sqs)
      throw new ControlError(
        404,
        'NotFound',
        'this simulator has no SQS emulator',
      );
    const target = sqs.arcEvents.target();
    const queue =
      target &&
      sqs.queues.get(target.accountId, target.region, target.queueName);
    return {
      sqs,
      body: {
        target: target ?? null,
        queueUrl: queue ? sqs.service.queueUrl(queue) : null,
        delivered: sqs.arcEvents.delivered(),
      },
    };
  }

  function setArcEventQueue(body: Buffer) {
    const { sqs } = arcEventQueue();
    const accounts = fleet.accounts().map(account => account.accountId);
    const target = readBody(body, (r, value) => {
      const fields = r.object(value, '', ['accountId', 'region', 'queueName']);
      if (!fields) return undefined;
      const accountId =
        r.string(fields, 'accountId', '', { oneOf: accounts }) ?? accounts[0];
      const region =
        r.string(fields, 'region', '', {
          pattern: /^[a-z]{2}(-[a-z]+)+-\d+$/,
          hint: 'a region such as us-east-1',
        }) ?? 'us-east-1';
      const queueName =
        r.string(fields, 'queueName', '', {
          pattern: /^[A-Za-z0-9_-]{1,80}$/,
          hint: 'a standard queue name (1 to 80 letters, digits, - and _)',
        }) ?? DEFAULT_ARC_EVENT_QUEUE_NAME;
      return accountId
        ? { accountId, region, queueName }
        : r.fail('accountId', 'the fleet has no account');
    });
    sqs.arcEvents.setTarget(target);
    return { body: arcEventQueue().body };
  }

  const routes: Record<string, Route> = {
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
    'POST autoshifts/start': body => {
      const input = readBody(body, (r, value) => {
        const fields = r.object(value, '', ['awayFrom', 'resourceArns']);
        if (!fields) return undefined;
        const awayFrom = zoneIdField(r, fields);
        const resourceArns = r.strings(fields, 'resourceArns', '');
        return awayFrom
          ? { awayFrom, ...(resourceArns ? { resourceArns } : {}) }
          : undefined;
      });
      return { status: 201, body: arcControl(() => arc.startAutoshift(input)) };
    },
    'POST autoshifts/end': body => {
      const { awayFrom } = readBody(body, (r, value) => {
        const fields = r.object(value, '', ['awayFrom']);
        const zone = fields && zoneIdField(r, fields);
        return zone ? { awayFrom: zone } : undefined;
      });
      return { body: arcControl(() => arc.endAutoshift(awayFrom)) };
    },
    'POST practice-runs/start': startPracticeRun,
    'POST practice-runs/end': endPracticeRun,
    'POST fis-experiments/start': body => {
      const input = readBody(body, (r, value) => {
        const fields = r.object(value, '', [
          'resourceArn',
          'awayFrom',
          'duration',
        ]);
        if (!fields) return undefined;
        const resourceArn = r.string(fields, 'resourceArn', '', {
          required: true,
        });
        const awayFrom = zoneIdField(r, fields);
        const duration = r.string(fields, 'duration', '', {
          required: true,
          check: text =>
            parseDuration(text)
              ? undefined
              : `"${text}" is not a duration such as 30m or 1h`,
        });
        return resourceArn && awayFrom && duration
          ? { resourceArn, awayFrom, durationMs: parseDuration(duration)! }
          : undefined;
      });
      return {
        status: 201,
        body: arcControl(() => arc.startFisExperiment(input)),
      };
    },
    'POST fis-experiments/end': body => {
      const { zonalShiftId } = readBody(body, (r, value) => {
        const fields = r.object(value, '', ['zonalShiftId']);
        const id =
          fields && r.string(fields, 'zonalShiftId', '', { required: true });
        return id ? { zonalShiftId: id } : undefined;
      });
      return { body: arcControl(() => arc.endFisExperiment(zonalShiftId)) };
    },
    'GET faults': () => ({ body: faults.settings() }),
    'PUT faults': body => {
      const settings = readFaultSettings(body);
      faults.configure(settings);
      return { body: settings };
    },
    'GET arc-event-queue': () => ({ body: arcEventQueue().body }),
    'PUT arc-event-queue': setArcEventQueue,
    'DELETE arc-event-queue': () => {
      arcEventQueue().sqs.arcEvents.setTarget(undefined);
      return { body: arcEventQueue().body };
    },
    'DELETE faults': () => {
      faults.configure({ seed: options.seed, services: {} });
      return { body: faults.settings() };
    },
  };

  return async (
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    body: Buffer,
  ) => {
    const path = url.pathname.slice(CONTROL_PREFIX.length).replace(/\/+$/, '');
    const route = routes[`${req.method} ${path}`];
    try {
      if (!route) {
        const known = Object.keys(routes).some(key => key.endsWith(` ${path}`));
        throw known
          ? new ControlError(
              405,
              'MethodNotAllowed',
              `${req.method} is not allowed on ${url.pathname}`,
            )
          : new ControlError(
              404,
              'NotFound',
              `no control route ${url.pathname}; see GET ${CONTROL_PREFIX}state`,
            );
      }
      const result = await route(body, url.searchParams);
      send(res, result.status ?? 200, result.body);
    } catch (error) {
      if (!(error instanceof ControlError)) throw error;
      send(res, error.status, {
        error: error.code,
        message: error.message,
        ...(error.issues ? { issues: error.issues } : {}),
      });
    }
  };
}
