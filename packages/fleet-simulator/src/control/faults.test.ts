import type { AwsServiceHandler, SimRequest } from '../http';
import {
  createFaultInjector,
  FaultSettingsError,
  parseFaultSettings,
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
    ).toEqual(['services.eks: throttleRate + errorRate must not exceed 1']);
    expect(parseFaultSettings({}, 9)).toEqual({ seed: 9, services: {} });
  });
});
