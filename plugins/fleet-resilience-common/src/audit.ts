import { EksClusterRef } from './cluster';

/**
 * An action that changes a cluster and is therefore audited.
 *
 * @public
 */
export type AuditAction = 'shift.start' | 'shift.update' | 'shift.cancel';

/**
 * How an audited action ended: `denied` by the permission policy before
 * anything was called, or `success`/`failure` of the call itself. `pending`:
 * the intent recorded just before ARC is called, until its outcome is known
 * (a crash in between leaves it pending until the backend resolves it
 * against ARC at its next start or check).
 *
 * @public
 */
export type AuditOutcome = 'success' | 'failure' | 'denied' | 'pending';

/**
 * One audited action.
 *
 * @public
 */
export interface AuditEvent {
  id: string;
  /** ISO 8601 time of the action. */
  time: string;
  /** User entity ref, e.g. `user:default/jane.doe`. */
  actor: string;
  action: AuditAction;
  cluster: EksClusterRef;
  /**
   * What the actor asked for, e.g. `{ awayFrom, expiresIn, comment }`. A
   * successful `shift.update` adds the expiry before and after it
   * (`previousExpiry`, `newExpiry`, ISO 8601), and an `extendBy` update the
   * `arcExpiresIn` sent to ARC.
   */
  inputs: Record<string, string | number | boolean | null>;
  outcome: AuditOutcome;
  /** Why the action failed or was denied. */
  errorMessage?: string;
}
