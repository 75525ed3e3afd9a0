/**
 * What bench:catalog's child watches, the same for both sides:
 * - a wrapper around each entity provider that counts the distinct entities
 *   it hands the catalog, and when they reach one per cluster;
 * - a task runner that runs a provider's task at once and again every
 *   `pollMs` until the provider has applied a full mutation, so neither side
 *   waits for a schedule (our provider applies nothing until the backend has
 *   read AWS Config, and only a delta after an incomplete read; Roadie's
 *   applies a full mutation on its first run);
 * - the catalog's own tables: entities taken in (refresh_state), processed
 *   and valid (final_entities), or refused by processing (errors).
 */
import type { SchedulerServiceTaskRunner } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type {
  EntityProvider,
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import type { Knex } from 'knex';
import { readFileSync } from 'node:fs';

/** An entity's reference, as the catalog keys it. */
const entityRef = ({ entity }: { entity: Entity }) =>
  `${entity.kind}:${entity.metadata.namespace ?? 'default'}/${
    entity.metadata.name
  }`.toLocaleLowerCase('en-US');

export class ProviderTally {
  readonly #expectedProviders: number;
  readonly #expectedEntities: number;
  /** Per provider, the entities it has handed the catalog and not removed. */
  readonly #emitted = new Map<string, Set<string>>();
  /** Providers that applied a full mutation (ours: after a complete read). */
  readonly #complete = new Set<string>();
  #allEmittedAt: number | null = null;
  readonly #onAllEmitted?: () => void;
  readonly errors: string[] = [];

  /**
   * `expectedEntities`: one per cluster of the fleet; `onAllEmitted` is
   * called once, the moment they all are (not at the watcher's next poll,
   * which a busy catalog can delay by seconds).
   */
  constructor(
    expectedProviders: number,
    expectedEntities: number,
    onAllEmitted?: () => void,
  ) {
    this.#expectedProviders = expectedProviders;
    this.#expectedEntities = expectedEntities;
    this.#onAllEmitted = onAllEmitted;
  }

  record(provider: string, mutation: EntityProviderMutation) {
    if (mutation.type === 'full') {
      this.#emitted.set(provider, new Set(mutation.entities.map(entityRef)));
      this.#complete.add(provider);
    } else {
      // A delta (ours, after an incomplete read) upserts: count each entity once.
      const refs = this.#emitted.get(provider) ?? new Set<string>();
      mutation.added.forEach(e => refs.add(entityRef(e)));
      mutation.removed.forEach(e =>
        refs.delete(
          'entity' in e ? entityRef(e) : e.entityRef.toLocaleLowerCase('en-US'),
        ),
      );
      this.#emitted.set(provider, refs);
    }
    if (
      this.#allEmittedAt === null &&
      this.#emitted.size >= this.#expectedProviders &&
      this.emitted() >= this.#expectedEntities
    ) {
      this.#allEmittedAt = performance.now();
      this.#onAllEmitted?.();
    }
  }

  /** The provider applied a full mutation: its task need not run again. */
  completed(provider: string): boolean {
    return this.#complete.has(provider);
  }

  /** Every provider has applied a full mutation. */
  allComplete(): boolean {
    return this.#complete.size >= this.#expectedProviders;
  }

  emitted(): number {
    return [...this.#emitted.values()].reduce(
      (sum, refs) => sum + refs.size,
      0,
    );
  }

  /** When every provider had applied and, together, handed the catalog one entity per cluster; null if not yet. */
  allEmittedAt(): number | null {
    return this.#allEmittedAt;
  }
}

/** The provider as it is, its mutations counted once the catalog took them. */
export function counted(
  provider: EntityProvider,
  tally: ProviderTally,
): EntityProvider {
  const name = provider.getProviderName();
  return {
    getProviderName: () => name,
    connect: (connection: EntityProviderConnection) =>
      provider.connect({
        applyMutation: async mutation => {
          await connection.applyMutation(mutation);
          tally.record(name, mutation);
        },
        refresh: options => connection.refresh(options),
      }),
  };
}

/** Runs a task at once, then every `pollMs` until `completed()` says its provider has applied a full mutation. */
export function untilAppliedRunner(
  pollMs: number,
  completed: () => boolean,
  tally: ProviderTally,
  signal: AbortSignal,
): SchedulerServiceTaskRunner {
  return {
    async run(task) {
      void (async () => {
        while (!signal.aborted) {
          try {
            await task.fn(signal);
          } catch (error) {
            tally.errors.push(`${task.id}: ${String(error)}`);
          }
          if (completed()) return;
          await new Promise(r => setTimeout(r, pollMs));
        }
      })();
    },
  };
}

export interface CatalogCounts {
  /** Entities the catalog took in (after conflicts between providers). */
  taken: number;
  /** Not processed yet. */
  pending: number;
  /** Processed with errors (e.g. validation): never in the catalog. */
  refused: number;
  /** Processed, valid and stitched: what the catalog serves. */
  inCatalog: number;
}

export async function catalogCounts(knex: Knex): Promise<CatalogCounts> {
  const count = async (query: Knex.QueryBuilder) =>
    Number(((await query.count({ n: '*' })) as Array<{ n: unknown }>)[0].n);
  const [taken, pending, refused, inCatalog] = await Promise.all([
    count(knex('refresh_state')),
    count(knex('refresh_state').where('errors', '')),
    count(knex('refresh_state').whereNotIn('errors', ['', '[]'])),
    count(knex('final_entities').whereNotNull('final_entity')),
  ]);
  return { taken, pending, refused, inCatalog };
}

/** Up to `limit` distinct processing errors, as the catalog recorded them. */
export async function refusalSamples(knex: Knex, limit = 3): Promise<string[]> {
  const rows = (await knex('refresh_state')
    .whereNotIn('errors', ['', '[]'])
    .select('errors')
    .limit(200)) as Array<{ errors: string }>;
  const messages = new Set<string>();
  for (const row of rows) {
    for (const error of JSON.parse(row.errors) as Array<{
      name?: string;
      message?: string;
    }>) {
      // Entity names differ per row: keep the first line's shape.
      messages.add(`${error.name}: ${error.message}`.slice(0, 300));
    }
    if (messages.size >= limit) break;
  }
  return [...messages].slice(0, limit);
}

/** This process's peak resident set (VmHWM), in MiB. */
export function peakRssMiB(): number {
  const status = readFileSync('/proc/self/status', 'utf8');
  const kib = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
  return Math.round(kib / 1024);
}
