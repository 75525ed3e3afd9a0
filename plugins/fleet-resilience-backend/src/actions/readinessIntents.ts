/**
 * Resolves a readiness fix's audit intent that a crash (or a lost AWS
 * answer) left pending, against what AWS holds now: the fix is a desired
 * state, so it was applied when AWS shows that state (zonal shift on,
 * autoshift ENABLED or DISABLED, practice runs with the asked outcome
 * alarms), and not otherwise. An intent whose EKS update is stored is the
 * follower's (ReadinessUpdateFollower), never resolved here. The request's
 * Idempotency-Key is given up either way, so a retry runs again and finds
 * the fix done (no change) or applies it. AWS not readable now: left for the
 * next pass.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { PendingIntent } from '../database/AuditStore';
import type { AuditEventRecord, StoredCluster } from '../domain/records';
import { readinessInAws, type ReadinessAws } from './readinessCalls';
import type { ReadinessRecords } from './readinessRecords';

const STOPPED =
  'the backend stopped or lost AWS’s answer before it recorded the outcome; resolved against AWS';

export interface ReadinessIntentsOptions {
  records: Pick<ReadinessRecords, 'byAuditEvent'>;
  clusters: { getCluster(arn: string): Promise<StoredCluster | undefined> };
  aws: ReadinessAws;
  /** Resolves the intent (if still pending) and gives its key up, in one transaction. */
  resolve: (
    audit: AuditEventRecord,
    idempotencyKey: string | undefined,
    now: Date,
  ) => Promise<boolean>;
  logger: LoggerService;
  now: () => Date;
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** Whether AWS now holds what the intent asked for. */
function applied(
  intent: AuditEventRecord,
  held: Awaited<ReturnType<typeof readinessInAws>>,
): boolean {
  switch (intent.action) {
    case 'readiness.zonal-shift.enable':
      return held.zonalShiftEnabled;
    case 'readiness.autoshift.enable':
      return held.arc?.zonalAutoshiftStatus === 'ENABLED';
    case 'readiness.autoshift.disable':
      return held.arc?.zonalAutoshiftStatus !== 'ENABLED';
    default: {
      const asked = text(intent.inputs.outcomeAlarms).split(' ').sort();
      const holds = (held.arc?.practiceRunConfiguration?.outcomeAlarms ?? [])
        .map(a => a.alarmIdentifier)
        .sort();
      return holds.length > 0 && asked.join(' ') === holds.join(' ');
    }
  }
}

export function readinessIntentResolver(options: ReadinessIntentsOptions) {
  return async ({
    event: intent,
    idempotencyKey,
  }: PendingIntent): Promise<'succeeded' | 'failed' | 'left'> => {
    const { records, clusters, aws, resolve, logger, now } = options;
    if (await records.byAuditEvent(intent.id)) {
      return 'left';
    }
    const cluster = await clusters.getCluster(intent.cluster.arn);
    let outcome: AuditEventRecord;
    if (!cluster) {
      outcome = {
        ...intent,
        outcome: 'failure',
        errorMessage: `Not known to be applied: the cluster left the fleet (${STOPPED})`,
      };
    } else {
      let held;
      try {
        held = await readinessInAws(cluster, aws, 'enable-zonal-shift');
      } catch (error) {
        logger.warn(
          `Audit intent ${intent.id} (${intent.action} on ${intent.cluster.arn}) stays pending: AWS could not be read: ${error}`,
        );
        return 'left';
      }
      if (
        intent.action === 'readiness.zonal-shift.enable' &&
        !held.zonalShiftEnabled &&
        held.clusterStatus === 'UPDATING'
      ) {
        // An update runs (perhaps this one): decided once it has ended.
        return 'left';
      }
      outcome = applied(intent, held)
        ? {
            ...intent,
            outcome: 'success',
            inputs: {
              ...intent.inputs,
              resolution: `AWS holds it (${STOPPED})`,
            },
          }
        : {
            ...intent,
            outcome: 'failure',
            errorMessage: `Not applied: AWS does not hold it (${STOPPED})`,
          };
    }
    const written = await resolve(outcome, idempotencyKey, now());
    if (written) {
      logger.info(
        `Audit intent ${intent.id} (${intent.action} on ${intent.cluster.arn}) resolved: ${outcome.outcome}`,
      );
    }
    if (!written) return 'left';
    return outcome.outcome === 'success' ? 'succeeded' : 'failed';
  };
}
