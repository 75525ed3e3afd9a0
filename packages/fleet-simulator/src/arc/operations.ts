import type { CallerScope } from '../aws/common/caller';
import { pageAfterKey, type Page } from '../aws/common/paging';
import type { SimResponse } from '../http';
import { conflictError, notFoundError, validationError } from './errors';
import {
  checkPracticeRunAllowed,
  parsePracticeRunConfiguration,
} from './practice';
import {
  PRACTICE_RUN_DURATION_MS,
  PRECEDENCE,
  type ShiftRecord,
} from './records';
import type { ArcState } from './state';
import type { ArcManagedResource } from './types';
import {
  checkAzId,
  checkComment,
  checkResourceIdentifier,
  checkZonalShiftId,
  decodeResourceLabel,
  optionalString,
  parseEnum,
  parseExpiresIn,
  parseJsonBody,
  parseMaxResults,
  requiredString,
} from './validation';
import {
  arcJson,
  autoshiftSummaryJson,
  managedResourceJson,
  managedResourceSummaryJson,
  zonalShiftJson,
  zonalShiftSummaryJson,
} from './wire';

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
}

export type Operation = (context: OperationContext) => SimResponse;

/** AWS gives no default page size; this one is the maximum. */
const DEFAULT_MAX_RESULTS = 100;
const SHIFT_STATUSES = ['ACTIVE', 'EXPIRED', 'CANCELED'] as const;
const AUTOSHIFT_STATUSES = ['ACTIVE', 'COMPLETED'] as const;
const AUTOSHIFT_CONFIG_STATUSES = ['ENABLED', 'DISABLED'] as const;

/**
 * A List* page of `all`, keyed so that new items and status changes between
 * calls do not disturb it; its token is valid only for the same caller scope.
 */
function listPage<T>(
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
function listOutput<T>(page: Page<T>, itemJson: (item: T) => unknown) {
  return arcJson.output({
    items: page.items.map(itemJson),
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
  });
}

function managedResource(
  context: OperationContext,
  arn: string,
): ArcManagedResource {
  const resource = context.state.registered(arn);
  if (!resource || !context.scope.holds(resource)) {
    throw notFoundError(`No managed resource found with identifier ${arn}`);
  }
  return resource;
}

function checkResourceZone(resource: ArcManagedResource, awayFrom: string) {
  if (!resource.zoneIds.includes(awayFrom)) {
    throw validationError(
      `${awayFrom} is not an Availability Zone of ${resource.arn}`,
      'UnsupportedAz',
    );
  }
}

function existingShift(context: OperationContext): ShiftRecord {
  const id = checkZonalShiftId(context.label ?? '');
  const shift = context.state.shift(id);
  if (!shift || !context.scope.holds(shift)) {
    throw notFoundError(`No zonal shift found with ID ${id}`);
  }
  return shift;
}

function checkActive(shift: ShiftRecord) {
  if (shift.status !== 'ACTIVE') {
    throw conflictError(
      'ZonalShiftStatusNotActive',
      `Zonal shift ${shift.zonalShiftId} is ${shift.status}`,
      shift.zonalShiftId,
    );
  }
}

/** The start members StartZonalShift and StartPracticeRun share, checked against the resource. */
function shiftTarget(context: OperationContext) {
  const body = parseJsonBody(context.body);
  const arn = checkResourceIdentifier(
    requiredString(body, 'resourceIdentifier'),
  );
  const awayFrom = checkAzId(requiredString(body, 'awayFrom'));
  const comment = checkComment(requiredString(body, 'comment'));
  return { body, arn, awayFrom, comment };
}

export const startZonalShift: Operation = context => {
  const { body, arn, awayFrom, comment } = shiftTarget(context);
  const expiresInMs = parseExpiresIn(requiredString(body, 'expiresIn'));
  const resource = managedResource(context, arn);
  checkResourceZone(resource, awayFrom);
  const blocker = context.state.blocker(arn, PRECEDENCE.ZONAL_SHIFT);
  if (blocker?.kind === 'shift') {
    throw conflictError(
      'ZonalShiftAlreadyExists',
      `A zonal shift is already active for ${arn}`,
      blocker.shift.zonalShiftId,
    );
  }
  const now = context.state.now();
  const shift = context.state.startShift(resource, {
    zonalShiftId: context.newId(),
    awayFrom,
    comment,
    shiftType: 'ZONAL_SHIFT',
    expiryTime: now + expiresInMs,
  });
  return arcJson.output(zonalShiftJson(shift, now), 201);
};

export const updateZonalShift: Operation = context => {
  const body = parseJsonBody(context.body);
  const comment = optionalString(body, 'comment');
  const expiresIn = optionalString(body, 'expiresIn');
  if (comment !== undefined) checkComment(comment);
  const expiresInMs =
    expiresIn === undefined ? undefined : parseExpiresIn(expiresIn);
  if (comment === undefined && expiresInMs === undefined) {
    throw validationError(
      'Specify a comment or expiresIn to update',
      'MissingValue',
    );
  }
  const shift = existingShift(context);
  if (shift.shiftType === 'FIS_EXPERIMENT') {
    throw validationError(
      'A zonal shift started by an AWS FIS experiment cannot be updated',
      'FISExperimentUpdateNotAllowed',
    );
  }
  if (shift.shiftType === 'PRACTICE_RUN') {
    throw validationError(
      'A practice run cannot be updated',
      'AutoshiftUpdateNotAllowed',
    );
  }
  checkActive(shift);
  const now = context.state.now();
  context.state.updateShift(shift, {
    comment,
    expiryTime: expiresInMs === undefined ? undefined : now + expiresInMs,
  });
  return arcJson.output(zonalShiftJson(shift, now));
};

export const cancelZonalShift: Operation = context => {
  const shift = existingShift(context);
  if (shift.shiftType === 'FIS_EXPERIMENT') {
    throw validationError(
      'A zonal shift started by an AWS FIS experiment is stopped through AWS FIS',
      'FISExperimentUpdateNotAllowed',
    );
  }
  checkActive(shift);
  context.state.cancelShift(shift);
  return arcJson.output(zonalShiftJson(shift, context.state.now()));
};

export const listZonalShifts: Operation = context => {
  const { query, state } = context;
  const status = parseEnum(query.get('status'), SHIFT_STATUSES, 'status');
  const rawResource = query.get('resourceIdentifier');
  const arn =
    rawResource === null ? undefined : checkResourceIdentifier(rawResource);
  const page = listPage(
    context,
    'ListZonalShifts',
    state.allShifts(),
    shift => shift.zonalShiftId,
    shift =>
      context.scope.holds(shift) &&
      (status === undefined || shift.status === status) &&
      (arn === undefined || shift.resourceIdentifier === arn),
  );
  const now = state.now();
  return listOutput(page, shift => zonalShiftSummaryJson(shift, now));
};

export const getManagedResource: Operation = context => {
  const resource = managedResource(
    context,
    decodeResourceLabel(context.label ?? ''),
  );
  return arcJson.output(managedResourceJson(context.state, resource));
};

export const listManagedResources: Operation = context => {
  const { state } = context;
  const page = listPage(
    context,
    'ListManagedResources',
    state.registeredIn(context.scope),
    resource => resource.arn,
    () => true,
  );
  return listOutput(page, resource =>
    managedResourceSummaryJson(state, resource),
  );
};

/**
 * AWS lists only ACTIVE autoshifts unless asked for another status; an
 * account lists the autoshifts that shifted its resources.
 */
export const listAutoshifts: Operation = context => {
  const { query, state } = context;
  const status =
    parseEnum(query.get('status'), AUTOSHIFT_STATUSES, 'status') ?? 'ACTIVE';
  const page = listPage(
    context,
    'ListAutoshifts',
    state.allAutoshifts(),
    autoshift => String(autoshift.seq),
    autoshift =>
      autoshift.status === status &&
      [...autoshift.accountIds].some(accountId =>
        context.scope.holds({ accountId, region: autoshift.region }),
      ),
  );
  return listOutput(page, autoshiftSummaryJson);
};

/** Enabling needs a practice run configuration (ConflictException otherwise). */
export const updateZonalAutoshiftConfiguration: Operation = context => {
  const arn = decodeResourceLabel(context.label ?? '');
  const body = parseJsonBody(context.body);
  const status = parseEnum(
    requiredString(body, 'zonalAutoshiftStatus'),
    AUTOSHIFT_CONFIG_STATUSES,
    'zonalAutoshiftStatus',
  )!;
  managedResource(context, arn);
  const config = context.state.config(arn);
  if (status === 'ENABLED' && !config.practiceRunConfiguration) {
    throw conflictError(
      'PracticeConfigurationDoesNotExist',
      `Create a practice run configuration for ${arn} before enabling zonal autoshift`,
    );
  }
  context.state.setConfig(arn, { ...config, zonalAutoshiftStatus: status });
  if (status === 'DISABLED') context.state.leaveAutoshifts(arn);
  return arcJson.output({
    resourceIdentifier: arn,
    zonalAutoshiftStatus: status,
  });
};

export const createPracticeRunConfiguration: Operation = context => {
  const body = parseJsonBody(context.body);
  const arn = checkResourceIdentifier(
    requiredString(body, 'resourceIdentifier'),
  );
  const practiceRunConfiguration = parsePracticeRunConfiguration(body);
  const resource = managedResource(context, arn);
  const config = context.state.config(arn);
  if (config.practiceRunConfiguration) {
    throw conflictError(
      'PracticeConfigurationAlreadyExists',
      `A practice run configuration already exists for ${arn}`,
    );
  }
  context.state.setConfig(arn, { ...config, practiceRunConfiguration });
  return arcJson.output(
    {
      arn,
      name: resource.name,
      zonalAutoshiftStatus: config.zonalAutoshiftStatus,
      practiceRunConfiguration,
    },
    201,
  );
};

function existingPracticeRunConfiguration(context: OperationContext) {
  const arn = decodeResourceLabel(context.label ?? '');
  const resource = managedResource(context, arn);
  const config = context.state.config(arn);
  if (!config.practiceRunConfiguration) {
    throw conflictError(
      'PracticeConfigurationDoesNotExist',
      `No practice run configuration exists for ${arn}`,
    );
  }
  return { arn, resource, config, current: config.practiceRunConfiguration };
}

export const updatePracticeRunConfiguration: Operation = context => {
  const body = parseJsonBody(context.body);
  const { arn, resource, config, current } =
    existingPracticeRunConfiguration(context);
  const practiceRunConfiguration = parsePracticeRunConfiguration(body, current);
  context.state.setConfig(arn, { ...config, practiceRunConfiguration });
  return arcJson.output({
    arn,
    name: resource.name,
    zonalAutoshiftStatus: config.zonalAutoshiftStatus,
    practiceRunConfiguration,
  });
};

/** AWS requires autoshift to be disabled first. */
export const deletePracticeRunConfiguration: Operation = context => {
  const { arn, resource, config } = existingPracticeRunConfiguration(context);
  if (config.zonalAutoshiftStatus === 'ENABLED') {
    throw conflictError(
      'AutoShiftEnabled',
      `Disable zonal autoshift for ${arn} before deleting its practice run configuration`,
    );
  }
  context.state.setConfig(arn, {
    zonalAutoshiftStatus: config.zonalAutoshiftStatus,
  });
  return arcJson.output({
    arn,
    name: resource.name,
    zonalAutoshiftStatus: config.zonalAutoshiftStatus,
  });
};

/**
 * An on-demand practice run: needs a practice run configuration whose dates
 * and windows allow it now, and fails to start against any running shift
 * (all outrank it, and AWS allows one practice run at a time).
 */
export const startPracticeRun: Operation = context => {
  const { arn, awayFrom, comment } = shiftTarget(context);
  const resource = managedResource(context, arn);
  checkResourceZone(resource, awayFrom);
  const { state } = context;
  const configuration = state.config(arn).practiceRunConfiguration;
  if (!configuration) {
    throw conflictError(
      'PracticeConfigurationDoesNotExist',
      `Create a practice run configuration for ${arn} first`,
    );
  }
  checkPracticeRunAllowed(configuration, state.now());
  const blocker = state.blocker(arn, PRECEDENCE.PRACTICE_RUN);
  if (blocker?.kind === 'autoshift') {
    throw conflictError(
      'ZonalAutoshiftActive',
      `An autoshift is in progress for ${arn}`,
    );
  }
  if (blocker?.kind === 'shift') {
    const { shift } = blocker;
    throw conflictError(
      shift.shiftType === 'PRACTICE_RUN'
        ? 'ZonalShiftAlreadyExists'
        : 'SimultaneousZonalShiftsConflict',
      `Zonal shift ${shift.zonalShiftId} (${shift.shiftType}) is active for ${arn}`,
      shift.zonalShiftId,
    );
  }
  const now = state.now();
  const shift = state.startShift(resource, {
    zonalShiftId: context.newId(),
    awayFrom,
    comment,
    shiftType: 'PRACTICE_RUN',
    expiryTime: now + PRACTICE_RUN_DURATION_MS,
  });
  return arcJson.output(zonalShiftJson(shift, now));
};

export const cancelPracticeRun: Operation = context => {
  const shift = existingShift(context);
  if (shift.shiftType !== 'PRACTICE_RUN') {
    throw validationError(
      `Zonal shift ${shift.zonalShiftId} is a ${shift.shiftType}, not a practice run`,
      'UnsupportedPracticeCancelShiftType',
    );
  }
  checkActive(shift);
  context.state.cancelShift(shift);
  return arcJson.output(zonalShiftJson(shift, context.state.now()));
};
