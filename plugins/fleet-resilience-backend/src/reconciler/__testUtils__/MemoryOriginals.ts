/** The reconciler's stored originals in memory, for unit tests (the real store is tested on both databases). */
import type { StoredNodePoolOriginal } from '@fleet-resilience/plugin-fleet-resilience-common';
import type { OriginalsStore } from '../reconcileNodePool';

export class MemoryOriginals implements OriginalsStore {
  readonly rows = new Map<string, StoredNodePoolOriginal>();
  /** Set to make every call fail (the store is down). */
  failing?: Error;

  #key = (arn: string, name: string) => `${arn} ${name}`;

  async get(arn: string, name: string) {
    if (this.failing) throw this.failing;
    return this.rows.get(this.#key(arn, name));
  }

  async put(arn: string, name: string, original: StoredNodePoolOriginal) {
    if (this.failing) throw this.failing;
    this.rows.set(this.#key(arn, name), {
      originalZoneRequirements: original.originalZoneRequirements,
      awayZoneIds: [...original.awayZoneIds],
    });
  }

  async clear(arn: string, name: string) {
    if (this.failing) throw this.failing;
    this.rows.delete(this.#key(arn, name));
  }

  async retainNodePools(arn: string, names: readonly string[]) {
    if (this.failing) throw this.failing;
    const keep = new Set(names.map(name => this.#key(arn, name)));
    let removed = 0;
    for (const key of [...this.rows.keys()]) {
      if (key.startsWith(`${arn} `) && !keep.has(key)) {
        this.rows.delete(key);
        removed += 1;
      }
    }
    return removed;
  }

  /** The stored original of `name` (tests). */
  of(arn: string, name: string) {
    return this.rows.get(this.#key(arn, name));
  }
}
