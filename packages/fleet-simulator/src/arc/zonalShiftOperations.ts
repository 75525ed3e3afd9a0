/** StartZonalShift, UpdateZonalShift, CancelZonalShift and ListZonalShifts. */
import { conflictError, validationError } from './errors';
import {
  checkActive,
  checkResourceZone,
  existingShift,
  listOutput,
  listPage,
  managedResource,
  shiftTarget,
  type Operation,
} from './operationContext';
import { PRECEDENCE } from './records';
import {
  checkComment,
  checkResourceIdentifier,
  optionalString,
  parseEnum,
  parseExpiresIn,
  parseJsonBody,
  requiredString,
} from './validation';
import { arcJson, zonalShiftJson, zonalShiftSummaryJson } from './wire';

const SHIFT_STATUSES = ['ACTIVE', 'EXPIRED', 'CANCELED'] as const;

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
