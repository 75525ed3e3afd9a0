/** What every ARC operation reads, and the lookups, checks and List* paging they share. */
import type { CallerScope } from '../aws/common/caller';
import { pageAfterKey, type Page } from '../aws/common/paging';
import type { SimResponse } from '../http';
import type { AlarmStates } from './alarms';
import { conflictError, notFoundError, validationError } from './errors';
import type { ShiftRecord } from './records';
import type { ArcState } from './state';
import type { ArcManagedResource } from './types';
import {
  checkAzId,
  checkComment,
  checkResourceIdentifier,
  checkZonalShiftId,
  parseJsonBody,
  parseMaxResults,
  requiredString,
} from './validation';
import { arcJson } from './wire';

/** One API call: everything an operation reads. */
export interface OperationContext {
  state: ArcState;
  newId: () => string;
  /**
   * The caller's account and the region of its credential scope: ARC is
   * regional, and a caller acts only on its own account's resources.
   */
  scope: CallerScope;
  /** The `{...}` label of the path, still URL-encoded. */
  label?: string;
  query: URLSearchParams;
  body: Buffer;
  /** CloudWatch alarm states (set through the control API). */
  alarms: AlarmStates;
}

export type Operation = (context: OperationContext) => SimResponse;

/** AWS gives no default page size; this one is the maximum. */
const DEFAULT_MAX_RESULTS = 100;

/**
 * A List* page of `all`, keyed so that new items and status changes between
 * calls do not disturb it; its token is valid only for the same caller scope.
 */
export function listPage<T>(
  context: OperationContext,
  operation: string,
  all: readonly T[],
  keyOf: (item: T) => string,
  include: (item: T) => boolean,
): Page<T> {
  return pageAfterKey(all, {
    scope: `${operation}/${context.scope.key}`,
    keyOf,
    include,
    size: parseMaxResults(context.query, DEFAULT_MAX_RESULTS),
    token: context.query.get('nextToken'),
    invalid: () =>
      validationError('The nextToken is not valid', 'InvalidToken'),
  });
}

/** A List* response: the items of the page, and its nextToken when there is more. */
export function listOutput<T>(page: Page<T>, itemJson: (item: T) => unknown) {
  return arcJson.output({
    items: page.items.map(itemJson),
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
  });
}

export function managedResource(
  context: OperationContext,
  arn: string,
): ArcManagedResource {
  const resource = context.state.registered(arn);
  if (!resource || !context.scope.holds(resource)) {
    throw notFoundError(`No managed resource found with identifier ${arn}`);
  }
  return resource;
}

export function checkResourceZone(
  resource: ArcManagedResource,
  awayFrom: string,
) {
  if (!resource.zoneIds.includes(awayFrom)) {
    throw validationError(
      `${awayFrom} is not an Availability Zone of ${resource.arn}`,
      'UnsupportedAz',
    );
  }
}

export function existingShift(context: OperationContext): ShiftRecord {
  const id = checkZonalShiftId(context.label ?? '');
  const shift = context.state.shift(id);
  if (!shift || !context.scope.holds(shift)) {
    throw notFoundError(`No zonal shift found with ID ${id}`);
  }
  return shift;
}

export function checkActive(shift: ShiftRecord) {
  if (shift.status !== 'ACTIVE') {
    throw conflictError(
      'ZonalShiftStatusNotActive',
      `Zonal shift ${shift.zonalShiftId} is ${shift.status}`,
      shift.zonalShiftId,
    );
  }
}

/** The start members StartZonalShift and StartPracticeRun share, checked against the resource. */
export function shiftTarget(context: OperationContext) {
  const body = parseJsonBody(context.body);
  const arn = checkResourceIdentifier(
    requiredString(body, 'resourceIdentifier'),
  );
  const awayFrom = checkAzId(requiredString(body, 'awayFrom'));
  const comment = checkComment(requiredString(body, 'comment'));
  return { body, arn, awayFrom, comment };
}
