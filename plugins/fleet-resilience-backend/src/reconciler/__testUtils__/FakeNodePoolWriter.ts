/**
 * An in-memory cluster for the reconciler's unit tests: NodePools and Nodes
 * with resourceVersions, merge-patch semantics (the common package's
 * applyNodePoolPatch), 409 on a stale resourceVersion, and injectable
 * conflicts and failures.
 */
import {
  applyNodePoolPatch,
  type NodePoolRequirement,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import {
  KubernetesConflictError,
  type NodeMarkState,
  type NodePoolState,
} from '@fleet-resilience/plugin-fleet-resilience-node';
import type { KubernetesNodePoolWriter } from '@fleet-resilience/plugin-fleet-resilience-node';

export class FakeNodePoolWriter implements KubernetesNodePoolWriter {
  pools = new Map<string, NodePoolState>();
  nodes = new Map<string, NodeMarkState>();
  /** Each queued entry makes the next NodePool patch of that name answer 409 (after `bump` changes it). */
  conflicts: Array<{
    name: string;
    bump?: (pool: NodePoolState) => NodePoolState;
  }> = [];
  failNext?: Error;
  failList?: Error;
  /** Thrown by every Node list / Node patch (e.g. a 403 Forbidden). */
  failNodeList?: Error;
  failNodePatch?: Error;
  patches: Array<{ name: string; resourceVersion: string }> = [];
  nodePatches: string[] = [];
  #version = 1;

  addPool(
    name: string,
    requirements: NodePoolRequirement[],
    annotations: Record<string, string> = {},
  ) {
    this.pools.set(name, {
      name,
      resourceVersion: String(this.#version++),
      requirements,
      annotations,
      raw: {},
    });
  }

  addNode(
    name: string,
    zoneId: string,
    annotations: Record<string, string> = {},
  ) {
    this.nodes.set(name, {
      name,
      resourceVersion: String(this.#version++),
      zoneId,
      annotations,
    });
  }

  async listNodePools() {
    if (this.failList) throw this.failList;
    return {
      nodePools: [...this.pools.values()].map(p => structuredClone(p)),
      problems: [],
    };
  }

  async patchNodePool(
    _target: unknown,
    name: string,
    patch: {
      resourceVersion: string;
      requirements?: NodePoolRequirement[];
      annotations?: Record<string, string | null>;
    },
  ) {
    if (this.failNext) {
      const error = this.failNext;
      this.failNext = undefined;
      throw error;
    }
    const conflict = this.conflicts.findIndex(c => c.name === name);
    if (conflict >= 0) {
      const [{ bump }] = this.conflicts.splice(conflict, 1);
      const current = this.pools.get(name)!;
      this.pools.set(name, {
        ...(bump ? bump(current) : current),
        resourceVersion: String(this.#version++),
      });
      throw new KubernetesConflictError(
        `nodepools "${name}": the object has been modified`,
      );
    }
    const current = this.pools.get(name);
    if (!current) throw new Error(`nodepools "${name}" not found`);
    if (current.resourceVersion !== patch.resourceVersion) {
      throw new KubernetesConflictError(
        `nodepools "${name}": stale resourceVersion`,
      );
    }
    this.patches.push({ name, resourceVersion: patch.resourceVersion });
    const next = applyNodePoolPatch(current, {
      requirements: patch.requirements ?? current.requirements,
      annotations: patch.annotations ?? {},
    });
    const stored = {
      ...current,
      ...next,
      resourceVersion: String(this.#version++),
    };
    this.pools.set(name, stored);
    return stored;
  }

  async listNodes() {
    if (this.failNodeList) throw this.failNodeList;
    return {
      nodes: [...this.nodes.values()].map(n => structuredClone(n)),
      problems: [],
    };
  }

  async patchNodeAnnotations(
    _target: unknown,
    name: string,
    patch: {
      resourceVersion: string;
      annotations: Record<string, string | null>;
    },
  ) {
    if (this.failNodePatch) throw this.failNodePatch;
    const node = this.nodes.get(name)!;
    if (node.resourceVersion !== patch.resourceVersion) {
      throw new KubernetesConflictError(
        `nodes "${name}": stale resourceVersion`,
      );
    }
    const annotations = { ...node.annotations };
    for (const [key, value] of Object.entries(patch.annotations)) {
      if (value === null) delete annotations[key];
      else annotations[key] = value;
    }
    this.nodePatches.push(name);
    this.nodes.set(name, {
      ...node,
      annotations,
      resourceVersion: String(this.#version++),
    });
  }
}
