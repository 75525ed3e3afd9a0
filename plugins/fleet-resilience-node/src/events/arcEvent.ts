/**
 * ARC zonal shift events as EventBridge delivers them to an SQS queue: the
 * message body is the event JSON, envelope included. Pure: validates every
 * field and says what the event means, or why the body is not one.
 */
import type { ZonalShiftType } from '@fleet-resilience/plugin-fleet-resilience-common';
import { isAccountId, isRegion } from '../aws/identifiers';
import { isRecord } from '../util/json';

export const ARC_EVENT_SOURCE = 'aws.arc-zonal-shift';

/**
 * What an ARC event says happened. Every start has an end event except a
 * manual shift that expires: ARC sends nothing for that.
 *
 * @public
 */
export type ArcEventKind =
  | 'autoshiftStarted'
  | 'autoshiftCompleted'
  | 'practiceRunStarted'
  | 'practiceRunSucceeded'
  | 'practiceRunInterrupted'
  | 'practiceRunFailed'
  | 'fisExperimentStarted'
  | 'fisExperimentCompleted'
  | 'fisExperimentCanceled'
  | 'manualShiftStarted'
  | 'manualShiftUpdated'
  | 'manualShiftCanceled';

/** Each detail-type (FACTS.md) with its meaning. */
const DETAIL_TYPES: Record<
  string,
  {
    kind: ArcEventKind;
    shiftType: ZonalShiftType;
    phase: 'started' | 'updated' | 'ended';
  }
> = {
  'Autoshift In Progress': {
    kind: 'autoshiftStarted',
    shiftType: 'ZONAL_AUTOSHIFT',
    phase: 'started',
  },
  'Autoshift Completed': {
    kind: 'autoshiftCompleted',
    shiftType: 'ZONAL_AUTOSHIFT',
    phase: 'ended',
  },
  'Practice Run Started': {
    kind: 'practiceRunStarted',
    shiftType: 'PRACTICE_RUN',
    phase: 'started',
  },
  'Practice Run Succeeded': {
    kind: 'practiceRunSucceeded',
    shiftType: 'PRACTICE_RUN',
    phase: 'ended',
  },
  'Practice Run Interrupted': {
    kind: 'practiceRunInterrupted',
    shiftType: 'PRACTICE_RUN',
    phase: 'ended',
  },
  'Practice Run Failed': {
    kind: 'practiceRunFailed',
    shiftType: 'PRACTICE_RUN',
    phase: 'ended',
  },
  'FIS Experiment Autoshift In Progress': {
    kind: 'fisExperimentStarted',
    shiftType: 'FIS_EXPERIMENT',
    phase: 'started',
  },
  'FIS Experiment Autoshift Completed': {
    kind: 'fisExperimentCompleted',
    shiftType: 'FIS_EXPERIMENT',
    phase: 'ended',
  },
  'FIS Experiment Autoshift Canceled': {
    kind: 'fisExperimentCanceled',
    shiftType: 'FIS_EXPERIMENT',
    phase: 'ended',
  },
  'Manual Shift Started': {
    kind: 'manualShiftStarted',
    shiftType: 'ZONAL_SHIFT',
    phase: 'started',
  },
  'Manual Shift Updated': {
    kind: 'manualShiftUpdated',
    shiftType: 'ZONAL_SHIFT',
    phase: 'updated',
  },
  'Manual Shift Canceled': {
    kind: 'manualShiftCanceled',
    shiftType: 'ZONAL_SHIFT',
    phase: 'ended',
  },
};

/**
 * One ARC event, validated.
 *
 * @public
 */
export interface ArcEvent {
  kind: ArcEventKind;
  /** The EventBridge detail-type, e.g. `Manual Shift Started`. */
  detailType: string;
  shiftType: ZonalShiftType;
  phase: 'started' | 'updated' | 'ended';
  /** The EventBridge event id, when the envelope has one (deliveries can repeat it). */
  id?: string;
  accountId: string;
  region: string;
  /** EKS cluster ARNs among the event's resources (other resource types are left out). */
  resources: string[];
  /** AZ ID traffic is (or was) shifted away from, when the event says. */
  awayFrom?: string;
  notes?: string;
  /** ISO 8601, as the event has it. */
  time: string;
}

/**
 * The outcome of parsing one message body: an event, a well-formed ARC event
 * of a detail-type this version does not know (ignored: AWS may add some),
 * or a rejection saying what is wrong.
 *
 * @public
 */
export type ArcEventParseResult =
  | { type: 'event'; event: ArcEvent }
  | { type: 'ignored'; reason: string }
  | { type: 'rejected'; reason: string };

/** The largest body looked at: SQS messages are at most 1 MiB. */
const MAX_BODY_CHARS = 1_048_576;
const AZ_ID = /^[a-z]{2,5}\d+-az\d+$/;
const EKS_CLUSTER_ARN =
  /^arn:aws[a-z-]*:eks:[a-z]{2}(-[a-z]+)+-\d+:\d{12}:cluster\/[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/;
const ISO_TIME =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const MAX_RESOURCES = 1000;

class Rejection extends Error {}

function reject(reason: string): never {
  throw new Rejection(reason);
}

function string(
  envelope: Record<string, unknown>,
  key: string,
  maxLength = 256,
): string {
  const value = envelope[key];
  if (typeof value !== 'string' || value.length === 0) {
    return reject(`${key} is missing or not a string`);
  }
  if (value.length > maxLength) {
    return reject(`${key} is longer than ${maxLength} characters`);
  }
  return value;
}

function parseEnvelope(
  body: unknown,
): { type: 'event'; event: ArcEvent } | { type: 'ignored'; reason: string } {
  if (typeof body !== 'string') return reject('the message body is not text');
  if (body.length > MAX_BODY_CHARS)
    return reject('the message body is larger than 1 MiB');
  let envelope: unknown;
  try {
    envelope = JSON.parse(body);
  } catch {
    return reject('the message body is not JSON');
  }
  if (!isRecord(envelope))
    return reject('the message body is not a JSON object');
  const source = string(envelope, 'source');
  if (source !== ARC_EVENT_SOURCE) {
    return reject(`the event's source is '${source}', not ${ARC_EVENT_SOURCE}`);
  }
  const detailType = string(envelope, 'detail-type');
  const meaning = Object.hasOwn(DETAIL_TYPES, detailType)
    ? DETAIL_TYPES[detailType]
    : undefined;

  const accountId = string(envelope, 'account');
  if (!isAccountId(accountId))
    reject(`account '${accountId}' is not a 12-digit AWS account ID`);
  const region = string(envelope, 'region');
  if (!isRegion(region)) reject(`region '${region}' is not an AWS region`);
  const time = string(envelope, 'time', 64);
  if (!ISO_TIME.test(time) || !Number.isFinite(Date.parse(time))) {
    reject(`time '${time}' is not an ISO 8601 time`);
  }
  const id = envelope.id;
  if (id !== undefined && (typeof id !== 'string' || id.length > 256)) {
    reject('id is not a string');
  }

  const resources = envelope.resources ?? [];
  if (
    !Array.isArray(resources) ||
    !resources.every(item => typeof item === 'string' && item.length <= 2048)
  ) {
    return reject('resources is not a list of ARNs');
  }
  if (resources.length > MAX_RESOURCES) {
    reject(`resources lists more than ${MAX_RESOURCES} ARNs`);
  }

  const detail = envelope.detail ?? {};
  if (!isRecord(detail)) return reject('detail is not an object');
  const metadata = detail.metadata ?? {};
  if (!isRecord(metadata)) return reject('detail.metadata is not an object');
  const awayFrom = metadata.awayFrom;
  if (
    awayFrom !== undefined &&
    !(typeof awayFrom === 'string' && AZ_ID.test(awayFrom))
  ) {
    reject(`detail.metadata.awayFrom '${String(awayFrom)}' is not an AZ ID`);
  }
  const notes = metadata.notes;
  if (notes !== undefined && typeof notes !== 'string') {
    reject('detail.metadata.notes is not a string');
  }

  // Checked in full before this: an unknown detail-type with a broken envelope is still a rejection.
  if (!meaning) {
    return {
      type: 'ignored',
      reason: `ARC event detail-type '${detailType}' is not one this version acts on`,
    };
  }
  return {
    type: 'event',
    event: {
      ...meaning,
      detailType,
      ...(typeof id === 'string' ? { id } : {}),
      accountId,
      region,
      resources: (resources as string[]).filter(arn =>
        EKS_CLUSTER_ARN.test(arn),
      ),
      ...(typeof awayFrom === 'string' ? { awayFrom } : {}),
      ...(typeof notes === 'string' ? { notes: notes.slice(0, 1024) } : {}),
      time,
    },
  };
}

/**
 * Parses an SQS message body holding an EventBridge event of
 * `aws.arc-zonal-shift`. Never throws.
 *
 * @public
 */
export function parseArcEvent(messageBody: unknown): ArcEventParseResult {
  try {
    return parseEnvelope(messageBody);
  } catch (error) {
    if (error instanceof Rejection)
      return { type: 'rejected', reason: error.message };
    throw error;
  }
}
