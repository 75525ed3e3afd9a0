/**
 * Live updates after the portal's actions: signals on FLEET_SIGNAL_CHANNEL
 * (hints for open pages to refetch) and a notification to the cluster's
 * owner. Publishing is best effort: a failure is logged and never fails the
 * action that already happened in ARC.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { SignalsService } from '@backstage/plugin-signals-node';
import type { JsonObject } from '@backstage/types';
import {
  clusterEntityName,
  FLEET_SIGNAL_CHANNEL,
  type ShiftAuditAction,
  type EksClusterRef,
  type FleetSignal,
  type ZonalShift,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { ownerEntityRef } from '../domain/ownerEntityRef';

export interface FleetPublisherOptions {
  logger: LoggerService;
  signals?: SignalsService;
  notifications?: NotificationService;
}

/** What happened, for the owner's notification. */
export interface ShiftNotice {
  action: ShiftAuditAction;
  cluster: EksClusterRef;
  owner?: string;
  shift: ZonalShift;
  actor: string;
}

const VERBS: Record<ShiftAuditAction, string> = {
  'shift.start': 'started',
  'shift.update': 'updated',
  'shift.cancel': 'canceled',
};

/** The cluster's catalog page (the catalog module names the entity). */
export function clusterEntityLink(cluster: EksClusterRef): string {
  return `/catalog/default/resource/${encodeURIComponent(
    clusterEntityName(cluster),
  )}`;
}

/** The notification of one action. Pure. */
export function shiftNotification(notice: ShiftNotice) {
  const { shift, cluster } = notice;
  const verb = VERBS[notice.action];
  const expiry = shift.status === 'ACTIVE' ? ` until ${shift.expiryTime}` : '';
  return {
    title: `Zonal shift ${verb} on ${cluster.name}`,
    description: `${notice.actor} ${verb} a zonal shift of ${cluster.name} (${cluster.accountId}, ${cluster.region}) away from ${shift.awayFrom}${expiry}: ${shift.comment}`,
    link: clusterEntityLink(cluster),
    severity:
      notice.action === 'shift.start' ? ('high' as const) : ('normal' as const),
    topic: 'fleet-resilience.zonal-shift',
    scope: `zonal-shift:${shift.zonalShiftId}:${notice.action}`,
  };
}

export class FleetPublisher {
  constructor(private readonly options: FleetPublisherOptions) {}

  /** Broadcasts a hint on the channel. */
  async signal(message: FleetSignal): Promise<void> {
    const { signals, logger } = this.options;
    if (!signals) {
      return;
    }
    try {
      await signals.publish({
        recipients: { type: 'broadcast' },
        channel: FLEET_SIGNAL_CHANNEL,
        message: message as unknown as JsonObject,
      });
    } catch (error) {
      logger.warn(
        `Fleet Resilience: could not publish the ${message.type} signal: ${
          (error as Error).message
        }`,
      );
    }
  }

  /** Tells the cluster's owner (when the owner tag names one). */
  async notifyOwner(notice: ShiftNotice): Promise<void> {
    const { notifications, logger } = this.options;
    const owner = ownerEntityRef(notice.owner);
    if (!notifications || !owner) {
      if (notifications && notice.owner) {
        logger.info(
          `Fleet Resilience: owner tag '${notice.owner}' of ${notice.cluster.arn} names no group or user; no notification sent`,
        );
      }
      return;
    }
    try {
      await notifications.send({
        recipients: { type: 'entity', entityRef: owner },
        payload: shiftNotification(notice),
      });
    } catch (error) {
      logger.warn(
        `Fleet Resilience: could not notify ${owner} of the shift of ${
          notice.cluster.arn
        }: ${(error as Error).message}`,
      );
    }
  }
}
