/** Watch streams, through client-node's Watch against the simulator over HTTP. */
import {
  CoreV1Api,
  PatchStrategy,
  Watch,
  setHeaderOptions,
} from '@kubernetes/client-node';
import {
  startKubeFixture,
  type KubeFixture,
} from './__testUtils__/kubeFixture';

interface WatchEvent {
  type: string;
  name?: string;
  resourceVersion?: string;
  object: {
    kind?: string;
    code?: number;
    reason?: string;
    metadata?: { name?: string; resourceVersion?: string };
  };
}

interface OpenWatch {
  events: WatchEvent[];
  /** Resolves once `count` events arrived. */
  received(count: number): Promise<WatchEvent[]>;
  /** Resolves with the error (or null) client-node reports when the stream ends. */
  done: Promise<unknown>;
  controller: AbortController;
}

async function openWatch(
  fixture: KubeFixture,
  path: string,
  query: Record<string, string | number | boolean | undefined>,
): Promise<OpenWatch> {
  const events: WatchEvent[] = [];
  const waiters: Array<() => void> = [];
  let finish: (error: unknown) => void = () => {};
  const done = new Promise<unknown>(resolve => {
    finish = resolve;
  });
  const controller = await new Watch(fixture.config()).watch(
    path,
    query,
    (type, object) => {
      events.push({
        type,
        object,
        name: object?.metadata?.name,
        resourceVersion: object?.metadata?.resourceVersion,
      });
      waiters.forEach(wake => wake());
    },
    error => finish(error),
  );
  const received = (count: number) =>
    new Promise<WatchEvent[]>((resolve, reject) => {
      const check = () => {
        if (events.length >= count) resolve(events.slice(0, count));
      };
      waiters.push(check);
      check();
      done.then(() =>
        reject(
          new Error(`watch ended after ${events.length} of ${count} events`),
        ),
      );
    });
  return { events, received, done, controller };
}

const summary = (events: WatchEvent[]) =>
  events.map(event => `${event.type} ${event.name}`);
const cordon = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

describe('Kubernetes watch through @kubernetes/client-node', () => {
  let fixture: KubeFixture;
  let core: CoreV1Api;

  beforeEach(async () => {
    fixture = await startKubeFixture({ historyLimit: 50 });
    core = fixture.config().makeApiClient(CoreV1Api);
  });

  afterEach(() => fixture.stop());

  it('starts with synthetic ADDED events without a resourceVersion, then streams changes', async () => {
    const watch = await openWatch(fixture, '/api/v1/nodes', {});
    expect(summary(await watch.received(5))).toEqual([
      'ADDED node-a-1',
      'ADDED node-a-2',
      'ADDED node-b-1',
      'ADDED node-b-2',
      'ADDED node-c-1',
    ]);
    await core.patchNode(
      { name: 'node-a-1', body: { spec: { unschedulable: true } } },
      cordon,
    );
    await core.deleteNode({ name: 'node-c-1' });
    const events = await watch.received(7);
    expect(summary(events.slice(5))).toEqual([
      'MODIFIED node-a-1',
      'DELETED node-c-1',
    ]);
    expect(Number(events[6].resourceVersion)).toBeGreaterThan(
      Number(events[5].resourceVersion),
    );
    watch.controller.abort();
  });

  it('replays what changed after a resourceVersion, in order', async () => {
    const list = await core.listNode();
    await core.patchNode(
      { name: 'node-b-1', body: { spec: { unschedulable: true } } },
      cordon,
    );
    fixture.kube.create('nodes', {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'node-c-2' },
    });
    fixture.kube.create('pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'other', namespace: 'default' },
    });
    const watch = await openWatch(fixture, '/api/v1/nodes', {
      resourceVersion: list.metadata?.resourceVersion,
    });
    expect(summary(await watch.received(2))).toEqual([
      'MODIFIED node-b-1',
      'ADDED node-c-2',
    ]);
    watch.controller.abort();
  });

  it('turns objects entering or leaving a label selector into ADDED and DELETED', async () => {
    const list = await core.listNode({
      labelSelector: 'karpenter.sh/nodepool=default',
    });
    const watch = await openWatch(fixture, '/api/v1/nodes', {
      labelSelector: 'karpenter.sh/nodepool=default',
      resourceVersion: list.metadata?.resourceVersion,
    });
    const relabel = (name: string, value: string | null) =>
      core.patchNode(
        {
          name,
          body: { metadata: { labels: { 'karpenter.sh/nodepool': value } } },
        },
        cordon,
      );
    await relabel('node-a-2', null);
    await relabel('node-a-1', 'default');
    await core.patchNode(
      { name: 'node-c-1', body: { spec: { unschedulable: true } } },
      cordon,
    );
    await core.patchNode(
      { name: 'node-a-1', body: { spec: { unschedulable: true } } },
      cordon,
    );
    expect(summary(await watch.received(3))).toEqual([
      'DELETED node-a-2',
      'ADDED node-a-1',
      'MODIFIED node-a-1',
    ]);
    watch.controller.abort();
  });

  it('sends an ERROR event with a 410 Expired Status for a resourceVersion older than the history', async () => {
    const small = await startKubeFixture({ historyLimit: 2 });
    try {
      for (const name of ['x-1', 'x-2', 'x-3'])
        small.kube.create('nodes', {
          apiVersion: 'v1',
          kind: 'Node',
          metadata: { name },
        });
      const watch = await openWatch(small, '/api/v1/nodes', {
        resourceVersion: '1',
      });
      const [event] = await watch.received(1);
      expect(event.type).toBe('ERROR');
      expect(event.object).toMatchObject({
        kind: 'Status',
        code: 410,
        reason: 'Expired',
      });
      expect(await watch.done).toBeNull();
    } finally {
      await small.stop();
    }
  });

  it('ends after timeoutSeconds', async () => {
    const watch = await openWatch(fixture, '/api/v1/namespaces/default/pods', {
      timeoutSeconds: 1,
      resourceVersion: fixture.kube.resourceVersion(),
    });
    expect(await watch.done).toBeNull();
    expect(watch.events).toEqual([]);
    expect(fixture.openStoreWatches()).toBe(0);
  });

  it('lets go of the store when the client disconnects or the server stops watches', async () => {
    const first = await openWatch(fixture, '/api/v1/nodes', {
      resourceVersion: fixture.kube.resourceVersion(),
    });
    const second = await openWatch(fixture, '/apis/karpenter.sh/v1/nodepools', {
      resourceVersion: fixture.kube.resourceVersion(),
    });
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(fixture.openStoreWatches()).toBe(2);
    first.controller.abort();
    await first.done;
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(fixture.openStoreWatches()).toBe(1);
    fixture.api.closeWatches();
    expect(await second.done).toBeNull();
    expect(fixture.openStoreWatches()).toBe(0);
  });

  it('sends BOOKMARK events when the client allows them', async () => {
    const bookmarking = await startKubeFixture({ bookmarkIntervalMs: 30 });
    try {
      const watch = await openWatch(bookmarking, '/api/v1/nodes', {
        allowWatchBookmarks: true,
        resourceVersion: bookmarking.kube.resourceVersion(),
      });
      const [bookmark] = await watch.received(1);
      expect(bookmark.type).toBe('BOOKMARK');
      expect(bookmark.object).toEqual({
        kind: 'Node',
        apiVersion: 'v1',
        metadata: { resourceVersion: bookmarking.kube.resourceVersion() },
      });
      watch.controller.abort();
    } finally {
      await bookmarking.stop();
    }
  });

  it('streams newline-delimited JSON with chunked transfer encoding', async () => {
    const controller = new AbortController();
    const response = await fixture.raw(
      '/api/v1/nodes?watch=1&fieldSelector=metadata.name%3Dnode-b-2',
      { signal: controller.signal },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    expect(response.headers.get('content-type')).toBe('application/json');
    const reader = response.body!.getReader();
    const { value } = await reader.read();
    const lines = new TextDecoder().decode(value).trim().split('\n');
    expect(lines.map(line => JSON.parse(line))).toEqual([
      {
        type: 'ADDED',
        object: expect.objectContaining({
          kind: 'Node',
          metadata: expect.objectContaining({ name: 'node-b-2' }),
        }),
      },
    ]);
    controller.abort();
  });
});
