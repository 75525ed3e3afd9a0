/**
 * Keeps the newest ARC observation of every cluster: a region poll
 * (ListManagedResources, a few pages per account and region however many
 * clusters) and single reads of one cluster (GetManagedResource, after the
 * portal's own action). Each observation is stamped with the time its request
 * was sent, so an answer that left ARC before a newer one can never replace it
 * (a region poll started just before a shift must not undo the shift's kick).
 */
import { describeError } from '@fleet-resilience/plugin-fleet-resilience-node';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  AccountRegion,
  ListPage,
  ManagedResource,
  ManagedResourceSummary,
} from '@fleet-resilience/plugin-fleet-resilience-node';
import { observeResource, type ArcObservation } from './arcObservation';

/** The part of the project's ARC client the reconciler reads with. */
export interface ArcReadClient {
  paginateManagedResources(input?: {
    maxResults?: number;
  }): AsyncGenerator<ListPage<ManagedResourceSummary>>;
  getManagedResource(resourceIdentifier: string): Promise<ManagedResource>;
}

export interface ArcReadClients {
  arc(target: AccountRegion): Promise<ArcReadClient>;
}

const PAGE_SIZE = 100;

export function regionKey(scope: AccountRegion): string {
  return `${scope.accountId}/${scope.region}`;
}

/** Clusters grouped by account and region (keyed by {@link regionKey}). */
export function regionsOf(
  targets: Iterable<{ ref: AccountRegion & { arn: string } }>,
): Map<string, { scope: AccountRegion; arns: string[] }> {
  const regions = new Map<string, { scope: AccountRegion; arns: string[] }>();
  for (const target of targets) {
    const scope = {
      accountId: target.ref.accountId,
      region: target.ref.region,
    };
    const key = regionKey(scope);
    const entry = regions.get(key) ?? { scope, arns: [] };
    entry.arns.push(target.ref.arn);
    regions.set(key, entry);
  }
  return regions;
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; statusCode?: number } | undefined;
  return e?.name === 'ResourceNotFoundException' || e?.statusCode === 404;
}

export class ArcObserver {
  readonly #clients: ArcReadClients;
  readonly #logger: LoggerService;
  readonly #now: () => number;
  readonly #observations = new Map<string, ArcObservation>();
  readonly #failing = new Set<string>();

  constructor(options: {
    clients: ArcReadClients;
    logger: LoggerService;
    now?: () => number;
  }) {
    this.#clients = options.clients;
    this.#logger = options.logger;
    this.#now = options.now ?? Date.now;
  }

  get(clusterArn: string): ArcObservation | undefined {
    return this.#observations.get(clusterArn);
  }

  /** Keeps `observation` unless a newer one is known. True when it was kept. */
  offer(clusterArn: string, observation: ArcObservation): boolean {
    const known = this.#observations.get(clusterArn);
    if (known && known.observedAt > observation.observedAt) {
      return false;
    }
    this.#observations.set(clusterArn, observation);
    return true;
  }

  forgetAllBut(clusterArns: ReadonlySet<string>): void {
    for (const arn of this.#observations.keys()) {
      if (!clusterArns.has(arn)) this.#observations.delete(arn);
    }
  }

  /**
   * Reads every managed resource of an account and region; the clusters of
   * `clusterArns` that ARC does not list are observed unregistered. Rejects
   * (observations unchanged) when ARC cannot be read.
   */
  async pollRegion(
    scope: AccountRegion,
    clusterArns: readonly string[],
    signal?: AbortSignal,
  ): Promise<void> {
    const sentAt = this.#now();
    const key = regionKey(scope);
    try {
      const client = await this.#clients.arc(scope);
      const resources = new Map<string, ManagedResourceSummary>();
      for await (const page of client.paginateManagedResources({
        maxResults: PAGE_SIZE,
      })) {
        signal?.throwIfAborted();
        for (const item of page.items) {
          if (item.arn) resources.set(item.arn, item);
        }
      }
      for (const arn of clusterArns) {
        this.offer(arn, observeResource(resources.get(arn), sentAt));
      }
      if (this.#failing.delete(key)) {
        this.#logger.info(`Reconciler: ARC in ${key} can be read again`);
      }
    } catch (error) {
      if (!this.#failing.has(key)) {
        this.#failing.add(key);
        this.#logger.warn(
          `Reconciler: ARC in ${key} could not be read (the last state read is kept, retried every poll): ${describeError(
            error,
          )}`,
        );
      }
      throw error;
    }
  }

  /** Reads one cluster's managed resource (GetManagedResource). */
  async readCluster(ref: {
    arn: string;
    accountId: string;
    region: string;
  }): Promise<void> {
    const sentAt = this.#now();
    const client = await this.#clients.arc(ref);
    let resource: ManagedResource | undefined;
    try {
      resource = await client.getManagedResource(ref.arn);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    this.offer(ref.arn, observeResource(resource, sentAt));
  }
}
