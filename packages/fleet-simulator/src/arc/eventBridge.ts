/** The EventBridge events ARC sends as shifts and autoshifts start and end. */
import type { ShiftRecord, ShiftType } from './records';
import type { ArcEvent, ArcEventDetailType, ArcManagedResource } from './types';

/** Who an event is about: one or more resources of one account and region. */
export interface EventTarget {
  arn: string;
  accountId: string;
  region: string;
}

const EVENT_VERSION = '0.0.1';

export const START_EVENT: Record<ShiftType, ArcEventDetailType> = {
  ZONAL_SHIFT: 'Manual Shift Started',
  PRACTICE_RUN: 'Practice Run Started',
  FIS_EXPERIMENT: 'FIS Experiment Autoshift In Progress',
};

/** An expiring manual shift has no event (FACTS.md). */
export const END_EVENT: Record<
  ShiftType,
  Partial<Record<'EXPIRED' | 'CANCELED', ArcEventDetailType>>
> = {
  ZONAL_SHIFT: { CANCELED: 'Manual Shift Canceled' },
  PRACTICE_RUN: {
    EXPIRED: 'Practice Run Succeeded',
    CANCELED: 'Practice Run Interrupted',
  },
  FIS_EXPERIMENT: {
    EXPIRED: 'FIS Experiment Autoshift Completed',
    CANCELED: 'FIS Experiment Autoshift Canceled',
  },
};

export function targetOf(resource: ArcManagedResource): EventTarget {
  return {
    arn: resource.arn,
    accountId: resource.accountId,
    region: resource.region,
  };
}

/** One EventBridge event per account and region, as each account's bus gets its own. */
export function emitArcEvents(
  send: (event: ArcEvent) => void,
  type: ArcEventDetailType,
  targets: Array<EventTarget | ShiftRecord>,
  awayFrom: string,
  notes: string,
  at: number,
) {
  const groups = new Map<
    string,
    { accountId: string; region: string; arns: string[] }
  >();
  for (const target of targets) {
    const arn = 'arn' in target ? target.arn : target.resourceIdentifier;
    const key = `${target.accountId}/${target.region}`;
    const group = groups.get(key) ?? {
      accountId: target.accountId,
      region: target.region,
      arns: [],
    };
    group.arns.push(arn);
    groups.set(key, group);
  }
  for (const group of groups.values()) {
    send({
      'detail-type': type,
      source: 'aws.arc-zonal-shift',
      account: group.accountId,
      region: group.region,
      time: new Date(at).toISOString(),
      resources: group.arns,
      detail: { version: EVENT_VERSION, metadata: { awayFrom, notes } },
    });
  }
}
