import { EksClusterRef } from './cluster';

/**
 * A zonal shift action (ARC StartZonalShift, UpdateZonalShift,
 * CancelZonalShift).
 *
 * @public
 */
export type ShiftAuditAction = 'shift.start' | 'shift.update' | 'shift.cancel';

/**
 * The readiness fixes the portal applies on the AWS side, as audited:
 * EKS UpdateClusterConfig (zonal shift on), ARC
 * UpdateZonalAutoshiftConfiguration (on, off), ARC Create- or
 * UpdatePracticeRunConfiguration.
 *
 * @public
 */
export const READINESS_AUDIT_ACTIONS = [
  'readiness.zonal-shift.enable',
  'readiness.autoshift.enable',
  'readiness.autoshift.disable',
  'readiness.practice-run.configure',
] as const;

/**
 * A readiness fix, as audited.
 *
 * @public
 */
export type ReadinessAuditAction = (typeof READINESS_AUDIT_ACTIONS)[number];

/**
 * An action that changes a cluster and is therefore audited.
 *
 * @public
 */
export type AuditAction = ShiftAuditAction | ReadinessAuditAction;

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
 * Through what an audited action came: `portal` (the plugin's pages, which
 * say so in the {@link FLEET_CHANNEL_HEADER} header), `api` (any other HTTP
 * call: scripts, incident tooling) or `mcp` (a tool of the actions registry,
 * as served to MCP clients). What the client declares, for the record: the
 * principal, not the channel, is what permissions decide on.
 *
 * @public
 */
export const AUDIT_CHANNELS = ['portal', 'api', 'mcp'] as const;

/** @public */
export type AuditChannel = (typeof AUDIT_CHANNELS)[number];

/**
 * The request header the plugin's pages send on every call, so the audit
 * records their actions as made in the `portal`.
 *
 * @public
 */
export const FLEET_CHANNEL_HEADER = 'x-fleet-resilience-channel';

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
   * `arcExpiresIn` sent to ARC. A readiness fix records its `fix` and
   * `comment`, and what AWS answered (`updateId` of an EKS update, the
   * autoshift status, the practice-run settings).
   */
  inputs: Record<string, string | number | boolean | null>;
  outcome: AuditOutcome;
  /** Through what the action came; absent on events recorded before it was. */
  channel?: AuditChannel;
  /** Why the action failed or was denied. */
  errorMessage?: string;
}
