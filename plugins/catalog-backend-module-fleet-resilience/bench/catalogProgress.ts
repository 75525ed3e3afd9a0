/**
 * What bench:catalog's child watches, the same for both sides:
 * - a wrapper around each entity provider that counts the entities it hands
 *   the catalog (its last full mutation, per provider) and when;
 * - a task runner that runs a provider's task at once and again every
 *   `pollMs` until the provider has applied a mutation, so neither side
 *   waits for a schedule (our provider finds nothing to apply until the
 *   backend has read AWS Config; Roadie's applies on its first run);
 * - the catalog's own tables: entities taken in (refresh_state), processed
 *   and valid (final_entities), or refused by processing (errors).
 */
import type { SchedulerServiceTaskRunner } from '@backstage/backend-plugin-api';
import type {
  EntityProvider,
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import type { Knex } from 'knex';
import { readFileSync } from 'node:fs';

export class ProviderTally {
  readonly #expected: number;
  readonly #emitted = new Map<string, number>();
  #lastAppliedAt = 0;
  readonly errors: string[] = [];

  constructor(expectedProviders: number) {
    this.#expected = expectedProviders;
  }

  record(provider: string, mutation: EntityProviderMutation) {
    const count =
      mutation.type === 'full'
        ? mutation.entities.length
        : mutation.added.length;
    this.#emitted.set(
      provider,
      mutation.type === 'full'
        ? count
        : (this.#emitted.get(provider) ?? 0) + count,
    );
    this.#lastAppliedAt = performance.now();
  }

  applied(provider: string): boolean {
    return this.#emitted.has(provider);
  }

  /** Every provider has applied a mutation. */
  done(): boolean {
    return this.#emitted.size >= this.#expected;
  }

  emitted(): number {
    return [...this.#emitted.values()].reduce((sum, n) => sum + n, 0);
  }

  lastAppliedAt(): number {
    return this.#lastAppliedAt;
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

/** Runs a task at once, then every `pollMs` until `applied()` says its provider has applied a mutation. */
export function untilAppliedRunner(
  pollMs: number,
  applied: () => boolean,
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
          if (applied()) return;
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
