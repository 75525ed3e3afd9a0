/**
 * Builds the readiness fixes (ReadinessActions), the resolver of their
 * pending intents (for the IntentResolver) and the follower of the EKS
 * updates they start, scheduled on Backstage's scheduler
 * (`fleetResilience.readiness.followUpdatesEvery`).
 */
import type {
  LoggerService,
  PermissionsService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import type { AuditStore } from '../database/AuditStore';
import type { IdempotencyStore } from '../database/IdempotencyStore';
import { recordActionIntent } from '../database/recordActionIntent';
import { recordNotApplied } from '../database/recordActionOutcome';
import type { StoredCluster } from '../domain/records';
import type { FleetPublisher } from '../events/FleetPublisher';
import type { ClusterAuthorizer } from '../permissions/ClusterAuthorizer';
import type { ShiftActionsSettings } from './ShiftActions';
import { ReadinessActions } from './ReadinessActions';
import type { ReadinessAws } from './readinessCalls';
import { readinessIntentResolver } from './readinessIntents';
import { ReadinessRecords } from './readinessRecords';
import {
  ReadinessUpdateFollower,
  scheduleReadinessUpdates,
} from './ReadinessUpdateFollower';

export interface ReadinessSetUpOptions {
  knex: Knex;
  scheduler: SchedulerService;
  logger: LoggerService;
  permissions: PermissionsService;
  clusterAuthorizer: Pick<ClusterAuthorizer, 'access'>;
  clusters: { getCluster(arn: string): Promise<StoredCluster | undefined> };
  audit: AuditStore;
  idempotency: IdempotencyStore;
  aws: ReadinessAws;
  /** Describes the cluster again and stores what EKS says (zonal shift on). */
  redescribe: (ref: StoredCluster['ref']) => Promise<void>;
  publisher: Pick<FleetPublisher, 'signal'>;
  settings: ShiftActionsSettings;
  /** How often pending EKS updates are described. */
  followEveryMs: number;
}

export async function setUpReadinessActions(options: ReadinessSetUpOptions) {
  const { knex, logger, aws, publisher, clusters } = options;
  const records = new ReadinessRecords(knex);
  const now = () => new Date();
  const readinessActions = new ReadinessActions({
    clusters,
    audit: options.audit,
    intents: options.audit,
    recordIntent: (intent, at) => recordActionIntent(knex, intent, at),
    records,
    aws,
    redescribe: cluster => options.redescribe(cluster.ref),
    permissions: options.permissions,
    clusterAuthorizer: options.clusterAuthorizer,
    idempotency: options.idempotency,
    publisher,
    logger,
    settings: options.settings,
    now,
  });
  const follower = new ReadinessUpdateFollower({
    records,
    eksUpdates: aws.eksUpdates,
    redescribe: options.redescribe,
    publisher,
    logger,
    now,
  });
  await scheduleReadinessUpdates({
    scheduler: options.scheduler,
    logger,
    every: { milliseconds: options.followEveryMs },
    follower,
  });
  const resolveIntent = readinessIntentResolver({
    records,
    clusters,
    aws,
    // Resolves the intent with the given outcome and gives the key up.
    resolve: (audit, key, at) => recordNotApplied(knex, audit, key, at),
    logger,
    now,
  });
  return { readinessActions, follower, resolveIntent };
}
