/**
 * The entity provider: on its schedule, reads one inventory source and
 * replaces everything it provided before with what the source says now (a
 * full mutation), so deleted clusters leave the catalog.
 *
 * What it never does: delete clusters because a read failed. A thrown read
 * leaves the catalog as it was (the scheduler retries on its next run), and
 * so does a snapshot with no cluster at all but with problems. When some
 * account/regions could not be read (`incompleteScopes`), the clusters read
 * are added or updated (a delta mutation) and nothing is removed: deletions
 * wait for the next complete read. No state is kept between runs, so any
 * replica can run the task.
 */
import type {
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import type {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import type { FleetInventorySource } from '@fleet-resilience/plugin-fleet-resilience-node';
import {
  ClusterEntityOptions,
  sourceLocationRef,
} from '../mapping/entityFromCluster';
import { entitiesFromInventory } from '../mapping/entitiesFromInventory';

/** What one refresh did. */
export interface EntityRefreshResult {
  /**
   * `replaced`: the catalog now holds exactly these clusters of the source.
   * `upserted`: they were added or updated, none removed (incomplete read).
   * `kept-previous`: nothing was applied.
   */
  outcome: 'replaced' | 'upserted' | 'kept-previous';
  entityCount: number;
  skippedCount: number;
  warningCount: number;
  /** Problems the source itself reported (resources it could not read). */
  sourceProblemCount: number;
}

export interface FleetResilienceEntityProviderOptions {
  source: FleetInventorySource;
  mapping: Omit<ClusterEntityOptions, 'sourceId'>;
  logger: LoggerService;
  /** Runs the refresh on a schedule; without one, call {@link FleetResilienceEntityProvider.refresh}. */
  taskRunner?: SchedulerServiceTaskRunner;
}

/**
 * Provides the clusters of one {@link FleetInventorySource} as `Resource`
 * entities of type `kubernetes-cluster`.
 *
 * @public
 */
export class FleetResilienceEntityProvider implements EntityProvider {
  private readonly source: FleetInventorySource;
  private readonly mapping: ClusterEntityOptions;
  private readonly logger: LoggerService;
  private readonly taskRunner?: SchedulerServiceTaskRunner;
  private connection?: EntityProviderConnection;

  constructor(options: FleetResilienceEntityProviderOptions) {
    this.source = options.source;
    this.mapping = { ...options.mapping, sourceId: options.source.id };
    this.taskRunner = options.taskRunner;
    this.logger = options.logger.child({
      provider: this.getProviderName(),
    });
  }

  getProviderName(): string {
    return `FleetResilienceEntityProvider:${this.source.id}`;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    if (this.taskRunner) {
      await this.taskRunner.run({
        id: `${this.getProviderName()}:refresh`,
        fn: async (signal?: AbortSignal) => {
          await this.refresh({ signal });
        },
      });
    }
  }

  /** Reads the source once and applies the result to the catalog. */
  async refresh(options?: {
    signal?: AbortSignal;
  }): Promise<EntityRefreshResult> {
    const connection = this.connection;
    if (!connection) {
      throw new Error(
        `${this.getProviderName()} is not connected to the catalog`,
      );
    }
    const started = Date.now();
    let snapshot;
    try {
      snapshot = await this.source.readInventory({ signal: options?.signal });
    } catch (error) {
      this.logger.error(
        `Inventory source ${this.source.id} failed; the catalog keeps its previous clusters`,
        error instanceof Error ? error : { error: String(error) },
      );
      throw error;
    }

    for (const problem of snapshot.problems) {
      this.logger.warn(
        `Inventory problem (${problem.source}${
          problem.resource ? ` ${problem.resource}` : ''
        }): ${problem.message}`,
      );
    }

    if (snapshot.clusters.length === 0 && snapshot.problems.length > 0) {
      this.logger.warn(
        `Inventory source ${this.source.id} returned no cluster and ${snapshot.problems.length} problem(s); the catalog keeps its previous clusters`,
      );
      return {
        outcome: 'kept-previous',
        entityCount: 0,
        skippedCount: 0,
        warningCount: 0,
        sourceProblemCount: snapshot.problems.length,
      };
    }

    const mapped = entitiesFromInventory(snapshot.clusters, this.mapping);
    for (const { resource, message } of mapped.skipped) {
      this.logger.warn(`${resource}: ${message}`);
    }
    for (const { resource, message } of mapped.warnings) {
      this.logger.warn(`${resource}: ${message}`);
    }

    const locationKey = sourceLocationRef(this.source.id);
    const deferred = mapped.entities.map(entity => ({ entity, locationKey }));
    const incomplete = snapshot.incompleteScopes ?? [];
    if (incomplete.length > 0) {
      this.logger.warn(
        `Inventory incomplete (${incomplete
          .map(scope => `${scope.accountId}/${scope.region}`)
          .join(
            ', ',
          )}): clusters are added and updated, none removed until a complete read`,
      );
      await connection.applyMutation({
        type: 'delta',
        added: deferred,
        removed: [],
      });
    } else {
      await connection.applyMutation({ type: 'full', entities: deferred });
    }

    this.logger.info(
      `Provided ${mapped.entities.length} cluster(s) from ${
        this.source.id
      } in ${Date.now() - started} ms; ${mapped.skipped.length} skipped, ${
        mapped.warnings.length
      } warning(s), ${snapshot.problems.length} source problem(s)`,
    );
    return {
      outcome: incomplete.length > 0 ? 'upserted' : 'replaced',
      entityCount: mapped.entities.length,
      skippedCount: mapped.skipped.length,
      warningCount: mapped.warnings.length,
      sourceProblemCount: snapshot.problems.length,
    };
  }
}
