/**
 * Follows the EKS updates the readiness fixes started until they end: each
 * InProgress row of `readiness_updates` is described (DescribeUpdate, the
 * reader's credentials); one that succeeded makes the cluster be described
 * again and stored (zonal shift on), then the row, the audit outcome of the
 * intent that started it and the cluster's documents are written in one
 * transaction; one that failed or was cancelled records EKS's errors as the
 * audit's failure. Rows persist, so a restart loses nothing; of two
 * replicas the scheduler runs the task on one, and a row is finished only
 * while still InProgress (one writer wins). An update EKS cannot describe
 * now stays for the next pass.
 */
import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { HumanDuration } from '@backstage/types';
import type { EksClusterConfigurer } from '@fleet-resilience/plugin-fleet-resilience-node';
import type { FleetPublisher } from '../events/FleetPublisher';
import type { ReadinessRecords, FollowedUpdate } from './readinessRecords';

export const READINESS_UPDATES_TASK_ID = 'fleet-resilience-readiness-updates';

/** Updates described per pass; more wait for the next one. */
const BATCH = 50;

export interface ReadinessUpdateFollowerOptions {
  records: Pick<ReadinessRecords, 'inProgress' | 'checked' | 'finish'>;
  eksUpdates: Pick<EksClusterConfigurer, 'describeUpdate'>;
  /** Describes the cluster again and stores what EKS says (zonal shift on). */
  redescribe: (cluster: FollowedUpdate['cluster']) => Promise<void>;
  publisher: Pick<FleetPublisher, 'signal'>;
  logger: LoggerService;
  now?: () => Date;
}

export interface FollowedPass {
  finished: number;
  inProgress: number;
  /** Not described now (EKS failed to answer), or another replica was first. */
  left: number;
}

export class ReadinessUpdateFollower {
  readonly #options: ReadinessUpdateFollowerOptions;
  readonly #now: () => Date;

  constructor(options: ReadinessUpdateFollowerOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => new Date());
  }

  /** One pass over the updates still in progress. */
  async followPending(): Promise<FollowedPass> {
    const pass: FollowedPass = { finished: 0, inProgress: 0, left: 0 };
    for (const followed of await this.#options.records.inProgress(BATCH)) {
      pass[await this.#follow(followed)] += 1;
    }
    return pass;
  }

  async #follow(followed: FollowedUpdate): Promise<keyof FollowedPass> {
    const { records, eksUpdates, redescribe, publisher, logger } =
      this.#options;
    const { cluster, updateId } = followed;
    let update;
    try {
      update = await eksUpdates.describeUpdate(cluster, updateId);
    } catch (error) {
      if (!isGone(error)) {
        logger.warn(
          `EKS update ${updateId} of ${cluster.arn} could not be described; tried again next pass: ${error}`,
        );
        return 'left';
      }
      // EKS no longer knows the update (the cluster was deleted, or this is
      // not the account it ran in): it can never end, so it ends here.
      update = {
        id: updateId,
        type: followed.type,
        status: 'Failed' as const,
        errors: [`EKS no longer knows this update: ${describeGone(error)}`],
      };
    }
    if (update.status === 'InProgress') {
      await records.checked(updateId, this.#now());
      return 'inProgress';
    }
    const more = { updateId, updateStatus: update.status };
    if (update.status === 'Successful') {
      try {
        await redescribe(cluster);
      } catch (error) {
        // Finished all the same: the next refresh describes the cluster.
        logger.warn(`Could not describe ${cluster.arn} again: ${error}`);
      }
    }
    const finished = await records.finish(
      followed,
      update,
      update.status === 'Successful'
        ? { outcome: 'success', more }
        : {
            outcome: 'failure',
            more,
            errorMessage: `EKS update ${updateId} ended ${update.status}: ${
              update.errors.join('; ') || 'EKS gave no reason'
            }`,
          },
      this.#now(),
    );
    if (!finished) return 'left';
    logger.info(
      `EKS update ${updateId} of ${cluster.arn} (${followed.type}) ended ${update.status}`,
    );
    await publisher.signal({ type: 'fleet-refreshed' });
    return 'finished';
  }
}

/**
 * Follows pending updates every `every` on one replica at a time (`scope:
 * 'global'`), starting at once: updates a stopped backend left InProgress
 * are picked up on start.
 */
export async function scheduleReadinessUpdates(options: {
  scheduler: SchedulerService;
  logger: LoggerService;
  every: HumanDuration;
  follower: ReadinessUpdateFollower;
}): Promise<void> {
  const { scheduler, logger, every, follower } = options;
  await scheduler.scheduleTask({
    id: READINESS_UPDATES_TASK_ID,
    frequency: every,
    timeout: { minutes: 2 },
    initialDelay: { seconds: 1 },
    scope: 'global',
    fn: async () => {
      const pass = await follower.followPending();
      if (pass.finished + pass.left > 0) {
        logger.info(
          `Readiness updates: ${pass.finished} finished, ${pass.inProgress} in progress, ${pass.left} left for the next pass`,
        );
      }
    },
  });
}

/** EKS answered that the cluster or the update does not exist. */
function isGone(error: unknown): boolean {
  return (error as { name?: unknown })?.name === 'ResourceNotFoundException';
}

function describeGone(error: unknown): string {
  const cause = (error as { cause?: { message?: unknown } })?.cause;
  return typeof cause?.message === 'string'
    ? `ResourceNotFoundException: ${cause.message}`
    : 'ResourceNotFoundException';
}
