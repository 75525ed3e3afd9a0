import { createManualClock } from '../clock';
import {
  KubeStoreError,
  type KubeObject,
  type KubeWatchEvent,
} from '../model/types';
import { nodePoolWith } from './__testUtils__/kubeFixture';
import { KubeObjectError, ResourceVersionExpiredError } from './errors';
import { createKubeStore } from './store';

function node(name: string, labels: Record<string, string> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels },
    spec: {},
  };
}

function pod(name: string, namespace?: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace },
    spec: { nodeName: 'n1' },
  };
}

function nodePool(name: string, values: string[]): KubeObject {
  return nodePoolWith(name, [
    { key: 'topology.kubernetes.io/zone', operator: 'In', values },
  ]);
}

function storeError(action: () => unknown): KubeStoreError {
  try {
    action();
  } catch (error) {
    if (error instanceof KubeStoreError) return error;
    throw error;
  }
  throw new Error('expected a KubeStoreError');
}

describe('createKubeStore', () => {
  it('stamps uid, creationTimestamp, generation and a cluster-wide increasing resourceVersion', () => {
    const clock = createManualClock(Date.UTC(2026, 0, 2, 3, 4, 5));
    const store = createKubeStore(clock);
    const a = store.create('nodes', node('a'));
    clock.advance(1000);
    const b = store.create('nodepools', nodePool('default', ['us-east-1a']));
    expect(a.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.metadata.uid).not.toBe(b.metadata.uid);
    expect(a.metadata.creationTimestamp).toBe('2026-01-02T03:04:05Z');
    expect(b.metadata.creationTimestamp).toBe('2026-01-02T03:04:06Z');
    expect(a.metadata.generation).toBe(1);
    expect(Number(b.metadata.resourceVersion)).toBeGreaterThan(
      Number(a.metadata.resourceVersion),
    );
    expect(store.resourceVersion()).toBe(b.metadata.resourceVersion);
  });

  it('bumps generation on spec changes only, and ignores writes that change nothing', () => {
    const store = createKubeStore(createManualClock());
    const created = store.create(
      'nodepools',
      nodePool('default', ['us-east-1a']),
    );
    const relabeled = store.update('nodepools', {
      ...created,
      metadata: { ...created.metadata, labels: { team: 'a' } },
    });
    expect(relabeled.metadata.generation).toBe(1);
    expect(relabeled.metadata.resourceVersion).not.toBe(
      created.metadata.resourceVersion,
    );
    const respecced = store.update('nodepools', {
      ...nodePool('default', ['us-east-1b']),
      metadata: relabeled.metadata,
    });
    expect(respecced.metadata.generation).toBe(2);
    const unchanged = store.update('nodepools', respecced);
    expect(unchanged.metadata.resourceVersion).toBe(
      respecced.metadata.resourceVersion,
    );
  });

  it('answers Conflict for a stale resourceVersion and changes nothing', () => {
    const store = createKubeStore(createManualClock());
    const first = store.create('nodes', node('a'));
    store.update('nodes', { ...first, spec: { unschedulable: true } });
    const error = storeError(() =>
      store.update('nodes', { ...first, spec: { unschedulable: false } }),
    );
    expect(error.reason).toBe('Conflict');
    expect(error.message).toBe(
      'Operation cannot be fulfilled on nodes "a": the object has been modified; please apply your changes to the latest version and try again',
    );
    expect(store.get('nodes', 'a')?.spec).toEqual({ unschedulable: true });
  });

  it('answers AlreadyExists and NotFound with Kubernetes wording', () => {
    const store = createKubeStore(createManualClock());
    store.create('nodepools', nodePool('default', ['us-east-1a']));
    const exists = storeError(() =>
      store.create('nodepools', nodePool('default', ['us-east-1a'])),
    );
    expect(exists.reason).toBe('AlreadyExists');
    expect(exists.message).toBe(
      'nodepools.karpenter.sh "default" already exists',
    );
    const missing = storeError(() => store.delete('pods', 'nope', 'default'));
    expect(missing.reason).toBe('NotFound');
    expect((missing as KubeObjectError).details).toEqual({
      name: 'nope',
      kind: 'pods',
    });
    expect(storeError(() => store.update('nodes', node('ghost'))).reason).toBe(
      'NotFound',
    );
  });

  it('never lets callers mutate stored state', () => {
    const store = createKubeStore(createManualClock());
    const input = node('a', { zone: 'a' });
    const created = store.create('nodes', input);
    input.metadata.labels!.zone = 'changed-input';
    created.metadata.labels!.zone = 'changed-output';
    store.get('nodes', 'a')!.metadata.labels!.zone = 'changed-get';
    store.list('nodes')[0].metadata.labels!.zone = 'changed-list';
    expect(store.get('nodes', 'a')?.metadata.labels).toEqual({ zone: 'a' });
  });

  it('names objects from metadata.generateName', () => {
    const store = createKubeStore(createManualClock());
    const created = store.create('pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: '', generateName: 'web-' },
    });
    expect(created.metadata.name).toMatch(/^web-[a-z0-9]{5}$/);
    expect(store.get('pods', created.metadata.name)).toBeDefined();
  });

  it('defaults the namespace of namespaced objects and lists by namespace in key order', () => {
    const store = createKubeStore(createManualClock());
    store.create('pods', pod('b'));
    store.create('pods', pod('a', 'kube-system'));
    store.create('pods', pod('a'));
    expect(
      store.list('pods').map(p => `${p.metadata.namespace}/${p.metadata.name}`),
    ).toEqual(['default/a', 'default/b', 'kube-system/a']);
    expect(store.list('pods', 'kube-system')).toHaveLength(1);
    expect(store.get('pods', 'a', 'kube-system')?.metadata.namespace).toBe(
      'kube-system',
    );
  });

  it('rejects NodePools the Karpenter CRD would reject, with field causes', () => {
    const store = createKubeStore(createManualClock());
    const error = storeError(() =>
      store.create('nodepools', nodePool('bad', [])),
    );
    expect(error.reason).toBe('Invalid');
    expect(error.message).toBe(
      `NodePool.karpenter.sh "bad" is invalid: spec.template.spec.requirements: Invalid value: "array": requirements with operator 'In' must have a value defined`,
    );
    const exists = nodePoolWith('exists', [
      { key: 'topology.kubernetes.io/zone', operator: 'Exists', values: ['x'] },
    ]);
    expect(
      storeError(() => store.create('nodepools', exists)).message,
    ).toContain("'Exists' or 'DoesNotExist' must not have values");
    const badOperator = nodePoolWith('op', [
      { key: 'topology.kubernetes.io/zone', operator: 'Near', values: ['a'] },
    ]);
    expect(
      (
        storeError(() =>
          store.create('nodepools', badOperator),
        ) as KubeObjectError
      ).details.causes,
    ).toEqual([
      expect.objectContaining({
        reason: 'FieldValueNotSupported',
        field: 'spec.template.spec.requirements[0].operator',
      }),
    ]);
    expect(store.list('nodepools')).toEqual([]);
  });

  it('streams changes to watchers, replays from a resourceVersion, and expires old ones', () => {
    const store = createKubeStore(createManualClock(), { historyLimit: 4 });
    const first = store.create('nodes', node('a'));
    const seen: KubeWatchEvent[] = [];
    const stop = store.watch(
      'nodes',
      undefined,
      first.metadata.resourceVersion,
      e => seen.push(e),
    );
    store.create('pods', pod('p'));
    store.update('nodes', { ...first, spec: { unschedulable: true } });
    store.delete('nodes', 'a');
    stop();
    store.create('nodes', node('b'));
    expect(seen.map(e => `${e.type} ${e.object.metadata.name}`)).toEqual([
      'MODIFIED a',
      'DELETED a',
    ]);
    const replayed: string[] = [];
    store.watch('nodes', undefined, first.metadata.resourceVersion, e =>
      replayed.push(`${e.type} ${e.object.metadata.name}`),
    )();
    // history holds 4 changes (rv 2..5): enough to resume from rv 1.
    expect(replayed).toEqual(['MODIFIED a', 'DELETED a', 'ADDED b']);
    store.create('nodes', node('c')); // rv 6 pushes rv 2 out of the history
    const expired = storeError(() =>
      store.watch('nodes', undefined, '1', () => undefined),
    );
    expect(expired).toBeInstanceOf(ResourceVersionExpiredError);
    expect(expired.message).toBe('too old resource version: 1 (2)');
  });

  it('delivers changes in resourceVersion order even when a listener writes', () => {
    const store = createKubeStore(createManualClock());
    const order: string[] = [];
    store.watch('nodes', undefined, undefined, event => {
      if (event.object.metadata.name === 'a' && event.type === 'ADDED')
        store.create('nodes', node('b'));
    });
    store.watch('nodes', undefined, undefined, event =>
      order.push(event.object.metadata.resourceVersion!),
    );
    store.create('nodes', node('a'));
    expect(order).toEqual(['1', '2']);
  });

  it('lists the objects as they were at an older resourceVersion', () => {
    const store = createKubeStore(createManualClock());
    const a = store.create('nodes', node('a', { v: '1' }));
    store.create('nodes', node('b'));
    const at = store.resourceVersion();
    store.update('nodes', {
      ...a,
      metadata: { ...a.metadata, labels: { v: '2' } },
    });
    store.delete('nodes', 'b');
    store.create('nodes', node('c'));
    const then = store.listAt!('nodes', undefined, at);
    expect(then.map(n => [n.metadata.name, n.metadata.labels?.v])).toEqual([
      ['a', '1'],
      ['b', undefined],
    ]);
    expect(store.list('nodes').map(n => n.metadata.name)).toEqual(['a', 'c']);
  });
});
