/**
 * Fault injection per service: throttling, server errors, added latency and
 * (Kubernetes) 409 Conflicts on writes. Each service draws from its own
 * seeded stream, so the same seed and the same sequence of requests to a
 * service give the same faults. Faults are rendered in the service's own
 * protocol: the AWS service's `error()` (awsJson1_1 or restJson1) and
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
};

const MAX_LATENCY_MS = 60_000;

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
        ...(service === 'kubernetes' ? ['conflictRate'] : []),
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
      };
      if ((faults.throttleRate ?? 0) + (faults.errorRate ?? 0) > 1) {
        r.fail(path, 'throttleRate + errorRate must not exceed 1');
      }
      services[service] = faults;
    }
  }
  if (r.issues.length > 0) throw new FaultSettingsError(r.issues);
  return { seed: seed ?? defaultSeed, services };
}

type Outcome = 'throttle' | 'error' | undefined;

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
  /** Wraps the Kubernetes API with throttling, 5xx and latency. */
  wrapKubernetes(handler: RawHandler): RawHandler;
  /** The Kubernetes API's `injectConflict` option. */
  injectConflict(): boolean;
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
    if (throttle + error === 0) return undefined;
    const draw = stream(service).next();
    if (draw < throttle) return 'throttle';
    return draw < throttle + error ? 'error' : undefined;
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
    },
    async beforeAws(service, _request) {
      const name = service.signingName as Exclude<FaultService, 'kubernetes'>;
      const errors = AWS_FAULT_ERRORS[name];
      if (!errors) return undefined;
      await delay(name);
      const result = outcome(name);
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
    wrapKubernetes(handler) {
      return async (
        req: IncomingMessage,
        res: ServerResponse,
        url: URL,
        body: Buffer,
      ) => {
        await delay('kubernetes');
        const result = outcome('kubernetes');
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
        await handler(req, res, url, body);
      };
    },
    injectConflict() {
      const rate = current.services.kubernetes?.conflictRate ?? 0;
      return rate > 0 && stream('kubernetes:conflict').next() < rate;
    },
  };
}
