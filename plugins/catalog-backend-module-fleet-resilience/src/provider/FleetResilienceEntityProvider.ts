/**
 * The entity provider: on its schedule, reads the Fleet Resilience backend's
 * inventory and replaces everything it provided before with it (a full
 * mutation), so clusters the backend no longer has leave the catalog.
 *
 * The backend's inventory already keeps what a failed or incomplete read of
 * a source could not see, so it is the fleet as best known. What the
 * provider never does is remove entities on a read it cannot trust:
 * - a failed read (the backend down, a malformed page) leaves the catalog as
 *   it was, and the scheduler retries on its next run;
 * - before the backend has read any inventory source (a fresh start), and
 *   when a read found no cluster but malformed items, nothing is applied;
 * - while some source has never been read completely, or when the inventory
 *   changed under a read of several pages, the clusters read are added or
 *   updated (a delta mutation) and none removed.
 * No state is kept between runs, so any replica can run the task.
 */
import type {
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { ANNOTATION_LOCATION } from '@backstage/catalog-model';
import type {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import type { FleetInventoryReader } from '../inventory/FleetInventoryClient';
import { entitiesFromInventory } from '../mapping/entitiesFromInventory';
import type { ClusterEntityOptions } from '../mapping/entityFromCluster';

/**
 * What one refresh did.
 *
 * @public
 */
export interface EntityRefreshResult {
  /**
   * `replaced`: the catalog now holds exactly these clusters.
   * `upserted`: they were added or updated, none removed.
   * `kept-previous`: nothing was applied.
   */
  outcome: 'replaced' | 'upserted' | 'kept-previous';
  entityCount: number;
  /** Clusters left out (unusable identity, malformed item, duplicate name). */
  skippedCount: number;
  warningCount: number;
  /** Inventory sources whose last read failed or was incomplete. */
  sourceProblemCount: number;
}

/**
 * Options of {@link FleetResilienceEntityProvider}.
 *
 * @public
 */
export interface FleetResilienceEntityProviderOptions {
  /** The backend's inventory; {@link FleetInventoryClient} reads it over HTTP. */
  inventory: FleetInventoryReader;
  mapping: ClusterEntityOptions;
  logger: LoggerService;
  /** Runs the refresh on a schedule; without one, call {@link FleetResilienceEntityProvider.refresh}. */
  taskRunner?: SchedulerServiceTaskRunner;
}

/**
 * Provides the clusters of the Fleet Resilience backend's inventory as
 * `Resource` entities of type `kubernetes-cluster`.
 *
 * @public
 */
export class FleetResilienceEntityProvider implements EntityProvider {
  private readonly inventory: FleetInventoryReader;
  private readonly mapping: ClusterEntityOptions;
  private readonly logger: LoggerService;
  private readonly taskRunner?: SchedulerServiceTaskRunner;
  private connection?: EntityProviderConnection;

  constructor(options: FleetResilienceEntityProviderOptions) {
    this.inventory = options.inventory;
    this.mapping = options.mapping;
    this.taskRunner = options.taskRunner;
    this.logger = options.logger.child({
      provider: this.getProviderName(),
    });
  }

  getProviderName(): string {
    return 'FleetResilienceEntityProvider';
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

  /** Reads the inventory once and applies it to the catalog. */
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
    let read;
    try {
      read = await this.inventory.readInventory({ signal: options?.signal });
    } catch (error) {
      this.logger.error(
        'Reading the Fleet Resilience inventory failed; the catalog keeps its previous clusters',
        error instanceof Error ? error : { error: String(error) },
      );
      throw error;
    }

    const troubled = read.sources.filter(source => !source.ok);
    for (const source of troubled) {
      this.logger.warn(
        `Inventory source ${source.id}: last read at ${
          source.lastAttemptAt
        } failed or was incomplete (${
          source.errorMessage ?? 'no reason given'
        }); the backend keeps what it knew, last complete read ${
          source.lastSuccessAt ?? 'never'
        }`,
      );
    }
    const kept = (reason: string): EntityRefreshResult => {
      this.logger.warn(`${reason}; the catalog keeps its previous clusters`);
      return {
        outcome: 'kept-previous',
        entityCount: 0,
        skippedCount: read.problems.length,
        warningCount: 0,
        sourceProblemCount: troubled.length,
      };
    };
    if (read.sources.length === 0) {
      return kept(
        'The Fleet Resilience backend has not read its inventory yet',
      );
    }

    const mapped = entitiesFromInventory(read.clusters, this.mapping);
    const skipped = [...read.problems, ...mapped.skipped];
    for (const { resource, message } of skipped) {
      this.logger.warn(`${resource}: ${message}`);
    }
    for (const { resource, message } of mapped.warnings) {
      this.logger.warn(`${resource}: ${message}`);
    }
    if (mapped.entities.length === 0 && skipped.length > 0) {
      return kept(
        `The inventory gave no usable cluster and ${skipped.length} skipped`,
      );
    }

    // Keyed by source (`fleet-resilience:<source id>`), as the entity says.
    const deferred = mapped.entities.map(entity => ({
      entity,
      locationKey: entity.metadata.annotations?.[ANNOTATION_LOCATION],
    }));
    const neverComplete = read.sources.filter(s => !s.lastSuccessAt);
    const complete = read.consistent && neverComplete.length === 0;
    if (complete) {
      await connection.applyMutation({ type: 'full', entities: deferred });
    } else {
      this.logger.warn(
        read.consistent
          ? `Inventory source(s) ${neverComplete
              .map(s => s.id)
              .join(
                ', ',
              )} never read completely: clusters are added and updated, none removed`
          : 'The inventory changed while it was read: clusters are added and updated, none removed',
      );
      await connection.applyMutation({
        type: 'delta',
        added: deferred,
        removed: [],
      });
    }
    this.logger.info(
      `Provided ${mapped.entities.length} cluster(s) in ${
        Date.now() - started
      } ms; ${skipped.length} skipped, ${mapped.warnings.length} warning(s), ${
        troubled.length
      } inventory source(s) with problems`,
    );
    return {
      outcome: complete ? 'replaced' : 'upserted',
      entityCount: mapped.entities.length,
      skippedCount: skipped.length,
      warningCount: mapped.warnings.length,
      sourceProblemCount: troubled.length,
    };
  }
}
