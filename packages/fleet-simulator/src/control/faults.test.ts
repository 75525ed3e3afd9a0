import http from 'node:http';
import type { AwsServiceHandler, SimRequest } from '../http';
import { startServer } from '../server';
import {
  createFaultInjector,
  FaultSettingsError,
  parseFaultSettings,
  type FaultSettings,
} from './faults';

const request: SimRequest = {
  method: 'POST',
  url: new URL('http://127.0.0.1/'),
  headers: {},
  body: Buffer.alloc(0),
};

function service(signingName: string): AwsServiceHandler {
  return {
    signingName,
    handle: () => ({ status: 200 }),
    error: (type, message, status) => ({
      status,
      headers: { 'x-error': type },
      body: message,
    }),
  };
}

async function outcomes(seed: number, count: number, rate = 0.5) {
  const faults = createFaultInjector(1);
  faults.configure({ seed, services: { eks: { throttleRate: rate } } });
  const results: string[] = [];
  for (let i = 0; i < count; i++) {
    const response = await faults.beforeAws(service('eks'), request);
    results.push(
      response ? `${response.status} ${response.headers!['x-error']}` : 'ok',
    );
  }
  return results;
}

describe('fault injection', () => {
  it('is deterministic for a seed', async () => {
    const first = await outcomes(42, 40);
    expect(await outcomes(42, 40)).toEqual(first);
    expect(await outcomes(43, 40)).not.toEqual(first);
    expect(
      first.filter(result => result === '429 ThrottlingException').length,
    ).toBeGreaterThan(5);
    expect(first.filter(result => result === 'ok').length).toBeGreaterThan(5);
  });

  it('renders each service’s own throttling and server errors', async () => {
    const faults = createFaultInjector(1);
    faults.configure({
      seed: 1,
      services: {
        config: { throttleRate: 1 },
        resiliencehub: { errorRate: 1 },
      },
    });
    expect((await faults.beforeAws(service('config'), request))?.status).toBe(
      400,
    );
    expect(
      (await faults.beforeAws(service('config'), request))?.headers?.[
        'x-error'
      ],
    ).toBe('ThrottlingException');
    expect(
      (await faults.beforeAws(service('resiliencehub'), request))?.headers?.[
        'x-error'
      ],
    ).toBe('InternalServerException');
    expect(await faults.beforeAws(service('eks'), request)).toBeUndefined();
  });

  it('adds latency', async () => {
    const faults = createFaultInjector(1);
    faults.configure({ seed: 1, services: { eks: { latencyMs: 50 } } });
    const start = Date.now();
    expect(await faults.beforeAws(service('eks'), request)).toBeUndefined();
    expect(Date.now() - start).toBeGreaterThanOrEqual(45);
  });

  it('injects Kubernetes conflicts at the configured rate only', () => {
    const faults = createFaultInjector(1);
    expect(faults.injectConflict()).toBe(false);
    faults.configure({
      seed: 1,
      services: { kubernetes: { conflictRate: 1 } },
    });
    expect(faults.injectConflict()).toBe(true);
  });

  it('validates settings with paths', () => {
    const issues = (body: unknown) => {
      try {
        parseFaultSettings(body, 1);
        return [];
      } catch (error) {
        return (error as FaultSettingsError).issues.map(
          issue => `${issue.path}: ${issue.message}`,
        );
      }
    };
    expect(
      issues({
        seed: 5,
        services: { kubernetes: { conflictRate: 0.2, latencyMs: 10 } },
      }),
    ).toEqual([]);
    expect(issues({ services: { s3: {} } })).toEqual([
      expect.stringContaining('services.s3: unknown field'),
    ]);
    expect(issues({ services: { eks: { throttleRate: 2 } } })).toEqual([
      'services.eks.throttleRate: must be at most 1',
    ]);
    expect(issues({ services: { eks: { conflictRate: 0.1 } } })).toEqual([
      expect.stringContaining('services.eks.conflictRate: unknown field'),
    ]);
    expect(
      issues({ services: { eks: { throttleRate: 0.6, errorRate: 0.6 } } }),
    ).toEqual([
      'services.eks: throttleRate + errorRate + hangRate must not exceed 1',
    ]);
    expect(parseFaultSettings({}, 9)).toEqual({ seed: 9, services: {} });
  });
});

describe('hang faults', () => {
  const SIGNATURE = '0'.repeat(64);
  const AUTH = `AWS4-HMAC-SHA256 Credential=AKIAEXAMPLEEXAMPLE01/20261122/us-east-1/arc-zonal-shift/aws4_request, SignedHeaders=host;x-amz-date, Signature=${SIGNATURE}`;

  /** A server with one AWS service and a Kubernetes API that count what they applied. */
  async function startFaultyServer(settings: FaultSettings['services']) {
    const faults = createFaultInjector(1);
    faults.configure({ seed: 3, services: settings });
    const applied: string[] = [];
    const arc: AwsServiceHandler = {
      ...service('arc-zonal-shift'),
      handle: req => {
        applied.push(`arc ${req.method}`);
        return { status: 201, body: '{"zonalShiftId":"z"}' };
      },
    };
    const server = await startServer({
      aws: [arc],
      kubernetes: faults.wrapKubernetes(async (req, res) => {
        applied.push(`k8s ${req.method}`);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
      }),
      control: async (_req, res) => {
        res.writeHead(404);
        res.end();
      },
      beforeAws: faults.beforeAws,
      afterAws: faults.afterAws,
    });
    return { faults, server, applied };
  }

  /** Sends a request, giving up after `timeoutMs`: resolves with the status or 'timeout'. */
  function call(
    url: string,
    method: string,
    path: string,
    timeoutMs: number,
    aws = false,
  ): Promise<number | 'timeout' | 'reset'> {
    return new Promise(resolve => {
      const req = http.request(
        `${url}${path}`,
        {
          method,
          headers: {
            ...(aws
              ? { authorization: AUTH, 'x-amz-date': '20261122T080000Z' }
              : { authorization: 'Bearer t' }),
            'content-length': method === 'GET' ? 0 : 2,
          },
        },
        res => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.setTimeout(timeoutMs, () => {
        req.destroy();
        resolve('timeout');
      });
      req.on('error', () => resolve('reset'));
      req.end(method === 'GET' ? undefined : '{}');
    });
  }

  const until = async (check: () => boolean) => {
    for (let i = 0; i < 100 && !check(); i++) {
      await new Promise(resolve => setTimeout(resolve, 10));
    }
    return check();
  };

  it('holds a request unanswered and unapplied until the client gives up', async () => {
    const { faults, server, applied } = await startFaultyServer({
      'arc-zonal-shift': { hangRate: 1 },
      kubernetes: { hangRate: 1 },
    });
    try {
      expect(await call(server.url, 'POST', '/zonalshifts', 150, true)).toBe(
        'timeout',
      );
      expect(await call(server.url, 'GET', '/k8s/c/api', 150)).toBe('timeout');
      expect(applied).toEqual([]);
      // The sockets are released once the client hangs up.
      expect(await until(() => faults.held().held === 0)).toBe(true);
      expect(faults.held()).toEqual({ held: 0, total: 2, appliedThenHeld: 0 });
    } finally {
      await server.close();
    }
  });

  it('applies a mutating request and then never answers it', async () => {
    const { faults, server, applied } = await startFaultyServer({
      'arc-zonal-shift': { hangAfterApplyRate: 1 },
      kubernetes: { hangAfterApplyRate: 1 },
    });
    try {
      expect(await call(server.url, 'POST', '/zonalshifts', 150, true)).toBe(
        'timeout',
      );
      expect(await call(server.url, 'PATCH', '/k8s/c/x', 150)).toBe('timeout');
      // Reads are answered.
      expect(await call(server.url, 'GET', '/zonalshifts', 2_000, true)).toBe(
        201,
      );
      expect(await call(server.url, 'GET', '/k8s/c/x', 2_000)).toBe(200);
      expect(applied).toEqual(['arc POST', 'k8s PATCH', 'arc GET', 'k8s GET']);
      expect(await until(() => faults.held().held === 0)).toBe(true);
      expect(faults.held()).toEqual({ held: 0, total: 2, appliedThenHeld: 2 });
    } finally {
      await server.close();
    }
  });

  it('closes the server while requests are held', async () => {
    const { faults, server } = await startFaultyServer({
      'arc-zonal-shift': { hangRate: 1 },
      kubernetes: { hangAfterApplyRate: 1 },
    });
    const pending = [
      call(server.url, 'POST', '/zonalshifts', 30_000, true),
      call(server.url, 'DELETE', '/k8s/c/x', 30_000),
    ];
    const allHeld = await until(() => faults.held().held === 2);
    const start = Date.now();
    await server.close();
    expect(allHeld).toBe(true);
    expect(await Promise.all(pending)).toEqual(['reset', 'reset']);
    expect(Date.now() - start).toBeLessThan(5_000);
    expect(await until(() => faults.held().held === 0)).toBe(true);
  });

  it('draws hangs from the seeded stream after throttling and errors', async () => {
    const draws = async (seed: number) => {
      const faults = createFaultInjector(1);
      faults.configure({
        seed,
        services: { eks: { throttleRate: 0.3, hangRate: 0.3 } },
      });
      const results: string[] = [];
      for (let i = 0; i < 40; i++) {
        const hangUp = new AbortController();
        const answer = faults.beforeAws(service('eks'), {
          ...request,
          signal: hangUp.signal,
        });
        await new Promise(resolve => setImmediate(resolve));
        const held = faults.held().held === 1;
        hangUp.abort();
        const response = await answer;
        if (held) results.push('hang');
        else results.push(response ? 'throttle' : 'ok');
      }
      return results;
    };
    const first = await draws(5);
    expect(await draws(5)).toEqual(first);
    for (const kind of ['hang', 'throttle', 'ok']) {
      expect(first.filter(result => result === kind).length).toBeGreaterThan(4);
    }
  });

  it('validates hang rates', () => {
    const issues = (services: unknown) => {
      try {
        parseFaultSettings({ services }, 1);
        return [];
      } catch (error) {
        return (error as FaultSettingsError).issues.map(
          issue => `${issue.path}: ${issue.message}`,
        );
      }
    };
    expect(
      issues({
        'arc-zonal-shift': { hangRate: 0.5, hangAfterApplyRate: 1 },
        kubernetes: { hangAfterApplyRate: 0.2 },
      }),
    ).toEqual([]);
    expect(issues({ eks: { hangAfterApplyRate: 0.5 } })).toEqual([
      expect.stringContaining('services.eks.hangAfterApplyRate: unknown field'),
    ]);
    expect(
      issues({ config: { throttleRate: 0.5, errorRate: 0.3, hangRate: 0.3 } }),
    ).toEqual([
      'services.config: throttleRate + errorRate + hangRate must not exceed 1',
    ]);
    expect(issues({ config: { hangRate: -0.1 } })).toEqual([
      expect.stringContaining('services.config.hangRate'),
    ]);
  });
});
