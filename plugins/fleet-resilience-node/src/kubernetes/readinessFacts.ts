/**
 * The Kubernetes facts of a cluster's AZ readiness, reduced from one read's
 * objects to counts per workload: the pods themselves are not kept.
 */
import {
  ZONE_NAME_KEY,
  type ClusterDnsFacts,
  type DisruptionBudgetFacts,
  type KubernetesReadinessFacts,
  type WorkloadFacts,
  type WorkloadKind,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { isRecord } from '../util/json';
import {
  labelSelectorMatches,
  listAt,
  recordAt,
  stringMapOf,
  zoneSpreadOf,
} from './workloadTemplate';

/** The namespace and label of the cluster DNS (CoreDNS on EKS keeps kube-dns's label). */
export const DNS_NAMESPACE = 'kube-system';
export const DNS_LABEL = { key: 'k8s-app', value: 'kube-dns' } as const;

/**
 * The objects of one read. A list that is undefined could not be read (RBAC
 * forbade it): what it would tell is left out, and `unreadable` names it.
 */
export interface ReadinessObjects {
  nodes: readonly unknown[];
  /** Active pods (not Succeeded or Failed), or their tally as pages were read. */
  pods: readonly unknown[] | WorkloadPodTally;
  deployments?: readonly unknown[];
  statefulSets?: readonly unknown[];
  disruptionBudgets?: readonly unknown[];
  /** HorizontalPodAutoscalers of `kube-system`. */
  autoscalers?: readonly unknown[];
  unreadable: readonly string[];
}

interface PodCounts {
  readyByZone: Record<string, number>;
  readyWithoutZone: number;
  podCount: number;
}

/** One workload's pods as read: ready ones per node name, before nodes map to AZs. */
interface PodTally {
  podCount: number;
  /** Running pods: they count as unknown-owner pods if the workload is not listed. */
  running: number;
  readyByNode: Map<string, number>;
  readyWithoutNode: number;
}

interface Meta {
  name: string;
  namespace: string;
  labels: Record<string, string>;
}

function metaOf(object: unknown): Meta | undefined {
  const metadata = recordAt(object, 'metadata');
  if (typeof metadata.name !== 'string') return undefined;
  return {
    name: metadata.name,
    namespace:
      typeof metadata.namespace === 'string' ? metadata.namespace : 'default',
    labels: stringMapOf(metadata.labels),
  };
}

const key = (kind: WorkloadKind, namespace: string, name: string) =>
  `${kind}/${namespace}/${name}`;

/** The controller reference (else the first owner), as `{kind, name}`. */
function ownerOf(pod: unknown): { kind: string; name: string } | undefined {
  const owners = listAt(pod, 'metadata', 'ownerReferences').filter(isRecord);
  const owner = owners.find(o => o.controller === true) ?? owners[0];
  return owner &&
    typeof owner.kind === 'string' &&
    typeof owner.name === 'string'
    ? { kind: owner.kind, name: owner.name }
    : undefined;
}

/** Owners whose pods are not replicas the AZ checks count: per node, or ending. */
const NOT_COUNTED_OWNERS = new Set(['DaemonSet', 'Job', 'Node']);

/**
 * The workload key a pod counts for; `null` when its owner is not counted
 * (DaemonSet, Job, a static pod's Node); undefined when the owner is unknown.
 * A Deployment's ReplicaSet is named `<deployment>-<pod-template-hash>`.
 */
function workloadKeyOf(
  pod: unknown,
  namespace: string,
  labels: Record<string, string>,
): string | null | undefined {
  const owner = ownerOf(pod);
  if (!owner) return undefined;
  if (NOT_COUNTED_OWNERS.has(owner.kind)) return null;
  if (owner.kind === 'StatefulSet')
    return key('StatefulSet', namespace, owner.name);
  if (owner.kind !== 'ReplicaSet') return undefined;
  const hash = labels['pod-template-hash'];
  if (!hash || !owner.name.endsWith(`-${hash}`)) return undefined;
  return key('Deployment', namespace, owner.name.slice(0, -(hash.length + 1)));
}

function isReady(pod: unknown): boolean {
  return listAt(pod, 'status', 'conditions').some(
    condition =>
      isRecord(condition) &&
      condition.type === 'Ready' &&
      condition.status === 'True',
  );
}

function zonesOfNodes(nodes: readonly unknown[]): Map<string, string> {
  const zones = new Map<string, string>();
  for (const node of nodes) {
    const meta = metaOf(node);
    const zone = meta?.labels[ZONE_NAME_KEY];
    if (meta && zone) zones.set(meta.name, zone);
  }
  return zones;
}

/**
 * Active pods folded per workload key as the pages of a list arrive, so no
 * pod is kept: counts, ready pods per node name, and the running pods whose
 * owner is unknown. Nodes and workloads may be read in parallel; they are
 * joined in {@link readinessFactsFrom}.
 */
export class WorkloadPodTally {
  readonly #byWorkload = new Map<string, PodTally>();
  #unknownOwnerRunning = 0;

  static of(pods: Iterable<unknown>): WorkloadPodTally {
    const tally = new WorkloadPodTally();
    for (const pod of pods) tally.add(pod);
    return tally;
  }

  add(pod: unknown): void {
    const meta = metaOf(pod);
    if (!meta) return;
    const workload = workloadKeyOf(pod, meta.namespace, meta.labels);
    if (workload === null) return;
    const running = recordAt(pod, 'status').phase === 'Running';
    if (workload === undefined) {
      if (running) this.#unknownOwnerRunning += 1;
      return;
    }
    let tally = this.#byWorkload.get(workload);
    if (!tally) {
      tally = {
        podCount: 0,
        running: 0,
        readyByNode: new Map(),
        readyWithoutNode: 0,
      };
      this.#byWorkload.set(workload, tally);
    }
    tally.podCount += 1;
    if (running) tally.running += 1;
    if (isReady(pod)) {
      const nodeName = recordAt(pod, 'spec').nodeName;
      if (typeof nodeName === 'string')
        tally.readyByNode.set(
          nodeName,
          (tally.readyByNode.get(nodeName) ?? 0) + 1,
        );
      else tally.readyWithoutNode += 1;
    }
  }

  /** Counts per listed workload with ready pods per AZ; running pods of unlisted owners apart. */
  counts(
    objects: ReadinessObjects,
    known: ReadonlySet<string>,
  ): { counts: Map<string, PodCounts>; unknownOwnerPods: number } {
    const zones = zonesOfNodes(objects.nodes);
    const counts = new Map<string, PodCounts>();
    let unknownOwnerPods = this.#unknownOwnerRunning;
    for (const [workload, tally] of this.#byWorkload) {
      if (!known.has(workload)) {
        // An owner in a list we could not read is not unknown, only unread.
        const read = workload.startsWith('Deployment/')
          ? objects.deployments !== undefined
          : objects.statefulSets !== undefined;
        if (read) unknownOwnerPods += tally.running;
        continue;
      }
      const count: PodCounts = {
        readyByZone: {},
        readyWithoutZone: tally.readyWithoutNode,
        podCount: tally.podCount,
      };
      for (const [nodeName, ready] of tally.readyByNode) {
        const zone = zones.get(nodeName);
        if (zone)
          count.readyByZone[zone] = (count.readyByZone[zone] ?? 0) + ready;
        else count.readyWithoutZone += ready;
      }
      counts.set(workload, count);
    }
    return { counts, unknownOwnerPods };
  }
}

function intOrString(value: unknown): number | string | undefined {
  return typeof value === 'number' || typeof value === 'string'
    ? value
    : undefined;
}

interface Budget {
  namespace: string;
  selector: unknown;
  facts: DisruptionBudgetFacts;
}

function budgetsOf(objects: readonly unknown[] | undefined): Budget[] {
  const budgets: Budget[] = [];
  for (const object of objects ?? []) {
    const meta = metaOf(object);
    if (!meta) continue;
    const spec = recordAt(object, 'spec');
    const minAvailable = intOrString(spec.minAvailable);
    const maxUnavailable = intOrString(spec.maxUnavailable);
    budgets.push({
      namespace: meta.namespace,
      selector: spec.selector,
      facts: {
        name: meta.name,
        ...(minAvailable !== undefined ? { minAvailable } : {}),
        ...(maxUnavailable !== undefined ? { maxUnavailable } : {}),
      },
    });
  }
  // Several matching budgets: the first by name, so the choice is stable.
  return budgets.sort((a, b) => a.facts.name.localeCompare(b.facts.name));
}

function desiredOf(workload: unknown): number {
  const replicas = recordAt(workload, 'spec').replicas;
  return typeof replicas === 'number' && replicas >= 0 ? replicas : 1;
}

function workloadFacts(
  kind: WorkloadKind,
  object: unknown,
  meta: Meta,
  counts: Map<string, PodCounts>,
  budgets: readonly Budget[],
): WorkloadFacts {
  const template = recordAt(object, 'spec', 'template');
  const templateLabels = stringMapOf(recordAt(template, 'metadata').labels);
  const budget = budgets.find(
    candidate =>
      candidate.namespace === meta.namespace &&
      labelSelectorMatches(candidate.selector, templateLabels),
  );
  const count = counts.get(key(kind, meta.namespace, meta.name));
  return {
    kind,
    namespace: meta.namespace,
    name: meta.name,
    desiredReplicas: desiredOf(object),
    readyByZone: count?.readyByZone ?? {},
    readyWithoutZone: count?.readyWithoutZone ?? 0,
    podCount: count?.podCount ?? 0,
    zoneSpread: zoneSpreadOf(template),
    ...(budget ? { disruptionBudget: budget.facts } : {}),
  };
}

const PROPORTIONAL_TARGET = /^--target=deployments?\/(.+)$/i;

/** What scales the DNS Deployment `name`: a kube-system HPA, else a cluster-proportional-autoscaler. */
function dnsAutoscaler(
  name: string,
  objects: ReadinessObjects,
): ClusterDnsFacts['autoscaler'] {
  const byHpa = (objects.autoscalers ?? []).some(hpa => {
    const target = recordAt(hpa, 'spec', 'scaleTargetRef');
    return (
      metaOf(hpa)?.namespace === DNS_NAMESPACE &&
      target.kind === 'Deployment' &&
      target.name === name
    );
  });
  if (byHpa) return 'hpa';
  const byProportional = (objects.deployments ?? []).some(
    deployment =>
      metaOf(deployment)?.namespace === DNS_NAMESPACE &&
      listAt(deployment, 'spec', 'template', 'spec', 'containers').some(
        container =>
          listAt(container, 'args')
            .concat(listAt(container, 'command'))
            .some(
              arg =>
                typeof arg === 'string' &&
                PROPORTIONAL_TARGET.exec(arg)?.[1] === name,
            ),
      ),
  );
  return byProportional ? 'proportional' : undefined;
}

function isDns(meta: Meta): boolean {
  return (
    meta.namespace === DNS_NAMESPACE &&
    meta.labels[DNS_LABEL.key] === DNS_LABEL.value
  );
}

/**
 * The readiness facts of one read: each Deployment and StatefulSet with its
 * ready pods per AZ (condition Ready true, the AZ of its node's
 * `topology.kubernetes.io/zone`), its zone spread and its PodDisruptionBudget
 * (the first by name whose selector matches the pod template's labels in its
 * namespace); the cluster DNS (the first `kube-system` Deployment by name
 * labelled `k8s-app=kube-dns`) and its autoscaler; and the running pods no
 * Deployment or StatefulSet owns (DaemonSet, Job and static pods aside).
 */
export function readinessFactsFrom(
  objects: ReadinessObjects,
): KubernetesReadinessFacts {
  const listed: Array<{ kind: WorkloadKind; object: unknown; meta: Meta }> = [];
  for (const [kind, list] of [
    ['Deployment', objects.deployments],
    ['StatefulSet', objects.statefulSets],
  ] as const) {
    for (const object of list ?? []) {
      const meta = metaOf(object);
      if (meta) listed.push({ kind, object, meta });
    }
  }
  listed.sort(
    (a, b) =>
      a.meta.namespace.localeCompare(b.meta.namespace) ||
      a.meta.name.localeCompare(b.meta.name) ||
      a.kind.localeCompare(b.kind),
  );
  const known = new Set(
    listed.map(({ kind, meta }) => key(kind, meta.namespace, meta.name)),
  );
  const tally =
    objects.pods instanceof WorkloadPodTally
      ? objects.pods
      : WorkloadPodTally.of(objects.pods);
  const { counts, unknownOwnerPods } = tally.counts(objects, known);
  const budgets = budgetsOf(objects.disruptionBudgets);
  const dnsEntry = listed.find(
    entry => entry.kind === 'Deployment' && isDns(entry.meta),
  );
  const workloads = listed
    .filter(entry => entry !== dnsEntry)
    .map(({ kind, object, meta }) =>
      workloadFacts(kind, object, meta, counts, budgets),
    );
  const dns: ClusterDnsFacts = {};
  if (dnsEntry) {
    dns.workload = workloadFacts(
      'Deployment',
      dnsEntry.object,
      dnsEntry.meta,
      counts,
      budgets,
    );
    const autoscaler = dnsAutoscaler(dnsEntry.meta.name, objects);
    if (autoscaler) dns.autoscaler = autoscaler;
  }
  return {
    workloads,
    dns,
    unknownOwnerPods,
    unreadable: [...objects.unreadable],
  };
}
