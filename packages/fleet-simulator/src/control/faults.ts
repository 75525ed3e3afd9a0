/**
 * Fault injection per service: throttling, server errors, added latency,
 * hangs (no answer until the client gives up) and (Kubernetes) 409 Conflicts
 * on writes. Each service draws from its own
 * seeded stream, so the same seed and the same sequence of requests to a
 * service give the same faults. Faults are rendered in the service's own
 * protocol: the AWS service's `error()` (awsJson1_1, restJson1, awsQuery) and
 * Kubernetes Status objects.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AwsServiceHandler, SimRequest, SimResponse } from '../http';
import { failureStatus, sendStatus } from '../kubernetes/status';
import { createRandom, type Random } from '../model/random';
import { Reader, type ValidationIssue } from '../model/validate';
import type { RawHandler } from '../server';

/**
 * The services faults can be injected into.
 *
 * @public
 */
export const FAULT_SERVICES = [
  'config',
  'eks',
  'resiliencehub',
  'arc-zonal-shift',
  'sts',
  'kubernetes',
] as const;
/**
 * A service faults can be injected into.
 *
 * @public
 */
export type FaultService = (typeof FAULT_SERVICES)[number];

/**
 * The faults injected into one service.
 *
 * @public
 */
export interface ServiceFaults {
  /** Share of requests answered with the service's throttling error (0..1). */
  throttleRate?: number;
  /** Share of requests answered with a 5xx (0..1). */
  errorRate?: number;
  /** Wall-clock delay added before every answer, in ms. */
  latencyMs?: number;
  /** Kubernetes only: share of updates (PUT/PATCH) answered 409 Conflict (0..1). */
  conflictRate?: number;
  /**
   * Share of requests neither applied nor answered (0..1): the socket stays
   * open until the client gives up or the simulator stops.
   */
  hangRate?: number;
  /**
   * `arc-zonal-shift` and `kubernetes` only: share of mutating requests
   * (any method but GET and HEAD) that are applied and then never answered
   * (0..1), as when a server crashes or a network drops after the work.
   */
  hangAfterApplyRate?: number;
}

/**
 * Requests the injector is holding without an answer.
 *
 * @public
 */
export interface HeldRequests {
  /** Requests held now (their sockets are open). */
  held: number;
  /** Requests held since the settings were last replaced. */
  total: number;
  /** Of `total`, those applied before they were held. */
  appliedThenHeld: number;
}

/**
 * The fault settings of every service, with the seed of their random streams.
 *
 * @public
 */
export interface FaultSettings {
  seed: number;
  services: Partial<Record<FaultService, ServiceFaults>>;
}

/** How each AWS service throttles and fails, as its API model says. */
const AWS_FAULT_ERRORS: Record<
  Exclude<FaultService, 'kubernetes'>,
  { throttle: [string, number]; error: [string, number] }
> = {
  // awsJson1_1: throttling is a 400; Config models no 5xx, AWS's common one is InternalFailure.
  config: {
    throttle: ['ThrottlingException', 400],
    error: ['InternalFailure', 500],
  },
  eks: {
    throttle: ['ThrottlingException', 429],
    error: ['ServerException', 500],
  },
  resiliencehub: {
    throttle: ['ThrottlingException', 429],
    error: ['InternalServerException', 500],
  },
  'arc-zonal-shift': {
    throttle: ['ThrottlingException', 429],
    error: ['InternalServerException', 500],
  },
  // awsQuery (no modelled errors): STS throttles with `Throttling` 400, Sender.
  sts: { throttle: ['Throttling', 400], error: ['InternalFailure', 500] },
};

const MAX_LATENCY_MS = 60_000;

/** The services whose mutating requests can be applied and then left unanswered. */
const HANG_AFTER_APPLY_SERVICES: readonly FaultService[] = [
  'arc-zonal-shift',
  'kubernetes',
];

const isMutating = (method: string | undefined) =>
  method !== undefined && method !== 'GET' && method !== 'HEAD';

export class FaultSettingsError extends Error {
  constructor(readonly issues: ValidationIssue[]) {
    super(issues.map(issue => `${issue.path}: ${issue.message}`).join('; '));
    this.name = 'FaultSettingsError';
  }
}

/** Validates a `PUT /_sim/faults` body. */
export function parseFaultSettings(
  body: unknown,
  defaultSeed: number,
): FaultSettings {
  const r = new Reader();
  const fields = r.object(body, '', ['seed', 'services']);
  const seed = fields
    ? r.number(fields, 'seed', '', { integer: true, min: 0, max: 2 ** 32 - 1 })
    : undefined;
  const services: FaultSettings['services'] = {};
  if (fields?.services !== undefined) {
    const serviceFields = r.object(fields.services, 'services', FAULT_SERVICES);
    for (const service of FAULT_SERVICES) {
      const value = serviceFields?.[service];
      if (value === undefined) continue;
      const path = `services.${service}`;
      const allowed = [
        'throttleRate',
        'errorRate',
        'latencyMs',
        'hangRate',
        ...(service === 'kubernetes' ? ['conflictRate'] : []),
        ...(HANG_AFTER_APPLY_SERVICES.includes(service)
          ? ['hangAfterApplyRate']
          : []),
      ];
      const settings = r.object(value, path, allowed);
      if (!settings) continue;
      const rate = (key: string) =>
        r.number(settings, key, path, { min: 0, max: 1 });
      const faults: ServiceFaults = {
        throttleRate: rate('throttleRate'),
        errorRate: rate('errorRate'),
        latencyMs: r.number(settings, 'latencyMs', path, {
          integer: true,
          min: 0,
          max: MAX_LATENCY_MS,
        }),
        conflictRate: rate('conflictRate'),
        hangRate: rate('hangRate'),
        hangAfterApplyRate: rate('hangAfterApplyRate'),
      };
      const sum =
        (faults.throttleRate ?? 0) +
        (faults.errorRate ?? 0) +
        (faults.hangRate ?? 0);
      if (sum > 1 + 1e-9) {
        r.fail(path, 'throttleRate + errorRate + hangRate must not exceed 1');
      }
      services[service] = faults;
    }
  }
  if (r.issues.length > 0) throw new FaultSettingsError(r.issues);
  return { seed: seed ?? defaultSeed, services };
}

type Outcome = 'throttle' | 'error' | 'hang' | undefined;

/**
 * Injects throttling, errors and latency into the simulated services.
 *
 * @public
 */
export interface FaultInjector {
  settings(): FaultSettings;
  /** Replaces every setting and restarts the seeded streams. */
  configure(settings: FaultSettings): void;
  /** startServer's `beforeAws` hook. */
  beforeAws(
    service: AwsServiceHandler,
    request: SimRequest,
  ): Promise<SimResponse | undefined>;
  /** startServer's `afterAws` hook: withholds the answer of an applied request (hangAfterApplyRate). */
  afterAws(
    service: AwsServiceHandler,
    request: SimRequest,
    response: SimResponse,
  ): Promise<SimResponse>;
  /** Wraps the Kubernetes API with throttling, 5xx, latency and hangs. */
  wrapKubernetes(handler: RawHandler): RawHandler;
  /** The Kubernetes API's `injectConflict` option. */
  injectConflict(): boolean;
  /** The requests held without an answer. */
  held(): HeldRequests;
}

/** `res` with its writing methods turned into no-ops, so the client never gets an answer. */
function muted(res: ServerResponse): ServerResponse {
  const self = () => res;
  return Object.assign(res, {
    setHeader: self,
    writeHead: self,
    flushHeaders: () => undefined,
    write: () => true,
    end: self,
  });
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

export function createFaultInjector(defaultSeed: number): FaultInjector {
  let current: FaultSettings = { seed: defaultSeed, services: {} };
  let streams = new Map<string, Random>();

  function stream(name: string): Random {
    let random = streams.get(name);
    if (!random) {
      random = createRandom(`${current.seed}:${name}`);
      streams.set(name, random);
    }
    return random;
  }

  /** One draw per request, only for services with a rate set, so other traffic does not shift the stream. */
  function outcome(service: FaultService): Outcome {
    const faults = current.services[service];
    const throttle = faults?.throttleRate ?? 0;
    const error = faults?.errorRate ?? 0;
    const hang = faults?.hangRate ?? 0;
    if (throttle + error + hang === 0) return undefined;
    const draw = stream(service).next();
    if (draw < throttle) return 'throttle';
    if (draw < throttle + error) return 'error';
    return draw < throttle + error + hang ? 'hang' : undefined;
  }

  /** Its own stream, drawn only for mutating requests while the rate is set. */
  function hangsAfterApply(service: FaultService, method?: string): boolean {
    const rate = current.services[service]?.hangAfterApplyRate ?? 0;
    if (rate === 0 || !isMutating(method)) return false;
    return stream(`${service}:hangAfterApply`).next() < rate;
  }

  let held = 0;
  let counts = { total: 0, appliedThenHeld: 0 };

  /** Holds a request until `closed` settles: the client hung up or the server destroyed the socket. */
  async function hold(closed: Promise<void>, applied: boolean) {
    const tally = counts;
    tally.total++;
    if (applied) tally.appliedThenHeld++;
    held++;
    try {
      await closed;
    } finally {
      held--;
    }
  }

  function whenAborted(signal: AbortSignal | undefined): Promise<void> {
    // Every request the server hands over carries its hang-up signal.
    if (!signal) throw new Error('a hang needs the request’s abort signal');
    if (signal.aborted) return Promise.resolve();
    return new Promise(resolve =>
      signal.addEventListener('abort', () => resolve(), { once: true }),
    );
  }

  function whenClosed(res: ServerResponse): Promise<void> {
    if (res.destroyed || res.closed) return Promise.resolve();
    return new Promise(resolve => res.once('close', () => resolve()));
  }

  async function delay(service: FaultService) {
    const latency = current.services[service]?.latencyMs ?? 0;
    if (latency > 0) await sleep(latency);
  }

  return {
    settings: () => current,
    configure(settings) {
      current = settings;
      streams = new Map();
      counts = { total: 0, appliedThenHeld: 0 };
    },
    held: () => ({ held, ...counts }),
    async beforeAws(service, request) {
      const name = service.signingName as Exclude<FaultService, 'kubernetes'>;
      const errors = AWS_FAULT_ERRORS[name];
      if (!errors) return undefined;
      await delay(name);
      const result = outcome(name);
      if (result === 'hang') {
        await hold(whenAborted(request.signal), false);
        // Nobody reads this: the client is gone.
        return service.error('RequestTimeout', 'Injected hang', 504);
      }
      if (result === 'throttle')
        return service.error(
          errors.throttle[0],
          'Rate exceeded',
          errors.throttle[1],
        );
      if (result === 'error') {
        return service.error(
          errors.error[0],
          'Injected fault: the service had an internal error',
          errors.error[1],
        );
      }
      return undefined;
    },
    async afterAws(service, request, response) {
      if (
        hangsAfterApply(service.signingName as FaultService, request.method)
      ) {
        await hold(whenAborted(request.signal), true);
      }
      return response;
    },
    wrapKubernetes(handler) {
      return async (
        req: IncomingMessage,
        res: ServerResponse,
        url: URL,
        body: Buffer,
      ) => {
        await delay('kubernetes');
        const result = outcome('kubernetes');
        if (result === 'hang') {
          await hold(whenClosed(res), false);
          return;
        }
        if (result === 'throttle') {
          res.setHeader('retry-after', '1');
          sendStatus(
            res,
            failureStatus(
              429,
              'TooManyRequests',
              'Too many requests, please try again later.',
              {
                retryAfterSeconds: 1,
              },
            ),
          );
          return;
        }
        if (result === 'error') {
          sendStatus(
            res,
            failureStatus(
              500,
              'InternalError',
              'Internal error occurred: injected fault',
            ),
          );
          return;
        }
        if (hangsAfterApply('kubernetes', req.method)) {
          // Applied in full; what the handler answers goes nowhere.
          await handler(req, muted(res), url, body);
          await hold(whenClosed(res), true);
          return;
        }
        await handler(req, res, url, body);
      };
    },
    injectConflict() {
      const rate = current.services.kubernetes?.conflictRate ?? 0;
      return rate > 0 && stream('kubernetes:conflict').next() < rate;
    },
  };
}
