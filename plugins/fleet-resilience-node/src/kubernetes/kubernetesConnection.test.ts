import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CoreV1Api } from '@kubernetes/client-node';
import type { KubernetesTarget } from '../sources/types';
import {
  certificateAuthorityProblem,
  describeKubernetesFailure,
  KubernetesConnector,
  KubernetesDeadlineError,
} from './kubernetesConnection';

const PEM_CA = Buffer.from(
  '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
).toString('base64');

const target = (
  endpoint: string,
  certificateAuthorityData?: string,
): KubernetesTarget => ({
  ref: {
    arn: 'arn:aws:eks:us-east-1:111122223333:cluster/a',
    accountId: '111122223333',
    region: 'us-east-1',
    name: 'a',
  } as KubernetesTarget['ref'],
  endpoint,
  ...(certificateAuthorityData ? { certificateAuthorityData } : {}),
});

const connector = (options: {
  allowInsecureEndpoints?: boolean;
  requestTimeoutMs?: number;
  deadlineMs?: number;
  maxAttempts?: number;
}) =>
  new KubernetesConnector({
    tokens: { token: async () => 'token' },
    retryDelay: { baseMs: 1, maxMs: 1 },
    ...options,
  });

describe('KubernetesConnector endpoint trust', () => {
  it('contacts an https API server only with a PEM CA from EKS', () => {
    const strict = connector({});
    expect(strict.endpoint(target('https://a.example', PEM_CA))).toEqual({
      ok: true,
      url: 'https://a.example',
    });
    const none = strict.endpoint(target('https://a.example'));
    expect(none.ok).toBe(false);
    expect(!none.ok && none.reason).toMatch(/no certificate authority/);
    const junk = strict.endpoint(
      target('https://a.example', Buffer.from('hello').toString('base64')),
    );
    expect(!junk.ok && junk.reason).toMatch(/not a base64 PEM certificate/);
    expect(strict.endpoint(target('http://a.example', PEM_CA)).ok).toBe(false);
  });

  it('lets the embedded simulator through only with allowInsecureEndpoints', () => {
    const insecure = connector({ allowInsecureEndpoints: true });
    expect(insecure.endpoint(target('http://127.0.0.1:1')).ok).toBe(true);
    expect(insecure.endpoint(target('https://a.example')).ok).toBe(true);
    expect(certificateAuthorityProblem(undefined)).toBeDefined();
    expect(certificateAuthorityProblem(PEM_CA)).toBeUndefined();
  });
});

describe('KubernetesConnector timeouts', () => {
  let server: http.Server;
  let url: string;
  let requests = 0;
  let mode: 'hang' | 'slow503' = 'hang';
  const open = new Set<http.ServerResponse>();

  beforeAll(async () => {
    server = http.createServer((_req, res) => {
      requests++;
      open.add(res);
      res.on('close', () => open.delete(res));
      if (mode === 'slow503') {
        setTimeout(() => {
          res.writeHead(503, { 'content-type': 'application/json' });
          res.end('{"kind":"Status","code":503,"message":"busy"}');
        }, 100);
      }
      // 'hang': never answered.
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise(resolve => server.close(resolve));
  });

  beforeEach(() => {
    requests = 0;
  });

  async function listNamespaces(c: KubernetesConnector) {
    const kubeConfig = await c.kubeConfig(target(url), url);
    const core = kubeConfig.makeApiClient(CoreV1Api);
    return c.request(options => core.listNamespace({}, options));
  }

  const until = async (check: () => boolean) => {
    for (let i = 0; i < 100 && !check(); i++) {
      await new Promise(resolve => setTimeout(resolve, 10));
    }
    return check();
  };

  it('gives up on an API server that never answers after the per-request timeout', async () => {
    mode = 'hang';
    const c = connector({
      allowInsecureEndpoints: true,
      requestTimeoutMs: 200,
      deadlineMs: 5_000,
    });
    const start = Date.now();
    const error = await listNamespaces(c).catch(e => e);
    expect(Date.now() - start).toBeLessThan(2_000);
    expect(error.name).toBe('TimeoutError');
    expect(describeKubernetesFailure(error, 200)).toBe(
      'no answer within 200 ms',
    );
    // A timeout is not retried, and the socket is released.
    expect(requests).toBe(1);
    expect(await until(() => open.size === 0)).toBe(true);
  });

  it('bounds retries by the overall deadline', async () => {
    mode = 'slow503';
    const c = connector({
      allowInsecureEndpoints: true,
      requestTimeoutMs: 5_000,
      deadlineMs: 350,
      maxAttempts: 100,
    });
    const start = Date.now();
    const error = await listNamespaces(c).catch(e => e);
    expect(Date.now() - start).toBeLessThan(1_500);
    expect(error).toBeInstanceOf(KubernetesDeadlineError);
    expect(describeKubernetesFailure(error, 5_000)).toBe(
      'the Kubernetes API did not answer within 350 ms',
    );
    expect(requests).toBeGreaterThan(1);
    expect(requests).toBeLessThan(10);
  });
});

describe('KubernetesConnector paging', () => {
  const pages: Record<string, { items: unknown[]; next?: string }> = {
    first: { items: [1, 2], next: 'second' },
    second: { items: [3], next: 'third' },
    third: { items: [4, 5] },
  };
  const fetchPage =
    (log: string[], book = pages) =>
    async (token: string | undefined) => {
      const page = book[token ?? 'first'];
      log.push(`fetch ${token ?? 'first'}`);
      return { items: page.items, metadata: { _continue: page.next } };
    };

  it('hands each page to onPage before asking for the next one', async () => {
    const log: string[] = [];
    await connector({}).forEachPage(fetchPage(log), items =>
      log.push(`page ${items.join(',')}`),
    );
    expect(log).toEqual([
      'fetch first',
      'page 1,2',
      'fetch second',
      'page 3',
      'fetch third',
      'page 4,5',
    ]);
  });

  it('listAll gives the same items in order', async () => {
    expect(await connector({}).listAll(fetchPage([]))).toEqual([1, 2, 3, 4, 5]);
  });

  it('stops on a continue token the API server repeats', async () => {
    const looping = {
      first: { items: [1], next: 'again' },
      again: { items: [2], next: 'again' },
    };
    const seen: unknown[] = [];
    await expect(
      connector({}).forEachPage(fetchPage([], looping), items =>
        seen.push(...items),
      ),
    ).rejects.toThrow('the API server returned the same continue token twice');
    expect(seen).toEqual([1, 2]);
  });
});

describe('KubernetesConnector pages over HTTP', () => {
  let server: http.Server;
  let url: string;
  let answers: Array<{ status: number; body: unknown }> = [];
  let connections = 0;
  let openConnections = 0;

  beforeAll(async () => {
    server = http.createServer((_req, res) => {
      const { status, body } = answers.shift()!;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
    server.on('connection', socket => {
      connections++;
      openConnections++;
      socket.on('close', () => openConnections--);
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise(resolve => server.close(resolve));
  });

  const node = (name: string) => ({
    metadata: { name, creationTimestamp: '2026-11-22T08:00:00Z' },
    status: { allocatable: { cpu: '2' } },
  });

  it('hands the pages over as parsed JSON, not client-node model objects, and only the answer that succeeded', async () => {
    answers = [
      { status: 503, body: { kind: 'Status', code: 503, message: 'busy' } },
      {
        status: 200,
        body: { items: [node('a'), node('b')], metadata: { continue: 'p2' } },
      },
      { status: 200, body: { items: [node('c')], metadata: {} } },
    ];
    const c = connector({ allowInsecureEndpoints: true });
    const core = (await c.kubeConfig(target(url), url)).makeApiClient(
      CoreV1Api,
    );
    const pages: unknown[][] = [];
    await c.forEachPage(
      (_continue, options) => core.listNode({ limit: 2, _continue }, options),
      items => pages.push([...items]),
    );
    expect(pages).toEqual([[node('a'), node('b')], [node('c')]]);
    // Plain objects: timestamps stay strings, no model classes.
    const first = pages[0][0] as { metadata: { creationTimestamp: unknown } };
    expect(Object.getPrototypeOf(first)).toBe(Object.prototype);
    expect(typeof first.metadata.creationTimestamp).toBe('string');
    expect(answers).toEqual([]);
  });

  it('lets client-node raise an error answer as before', async () => {
    answers = [
      { status: 403, body: { kind: 'Status', code: 403, message: 'no' } },
    ];
    const c = connector({ allowInsecureEndpoints: true });
    const core = (await c.kubeConfig(target(url), url)).makeApiClient(
      CoreV1Api,
    );
    await expect(
      c.listAll((_continue, options) => core.listNode({ _continue }, options)),
    ).rejects.toMatchObject({ code: 403 });
  });

  it('sends one cluster read’s requests over one connection pool and closes it on release', async () => {
    server.closeAllConnections();
    await new Promise(resolve => setTimeout(resolve, 20));
    connections = 0;
    answers = [1, 2, 3, 4, 5, 6].map(() => ({
      status: 200,
      body: { items: [], metadata: {} },
    }));
    const c = connector({ allowInsecureEndpoints: true });
    const kubeConfig = await c.kubeConfig(target(url), url);
    const core = kubeConfig.makeApiClient(CoreV1Api);
    for (let i = 0; i < 6; i++) {
      await c.listAll((_continue, options) =>
        core.listNode({ _continue }, options),
      );
    }
    // client-node alone opens a connection (and a pool) per request; a
    // shared pool reuses its idle ones.
    expect(connections).toBeLessThanOrEqual(2);
    expect(openConnections).toBeGreaterThan(0);
    kubeConfig.release();
    const until = Date.now() + 2000;
    while (openConnections > 0 && Date.now() < until) {
      await new Promise(resolve => setTimeout(resolve, 10));
    }
    expect(openConnections).toBe(0);
  });
});
