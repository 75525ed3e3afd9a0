/** The practice run configuration operations, StartPracticeRun and CancelPracticeRun. */
import { conflictError, validationError } from './errors';
import {
  checkActive,
  checkResourceZone,
  existingShift,
  managedResource,
  shiftTarget,
  type Operation,
  type OperationContext,
} from './operationContext';
import { parsePracticeRunConfiguration } from './practice';
import { practiceRunRefusal } from './practiceSchedule';
import {
  PRACTICE_RUN_DURATION_MS,
  PRECEDENCE,
  type PracticeRunConfiguration,
} from './records';
import {
  checkResourceIdentifier,
  decodeResourceLabel,
  parseJsonBody,
  requiredString,
} from './validation';
import { arcJson, zonalShiftJson } from './wire';

/**
 * ARC's guide: "You must use alarms that are in the same AWS Region that your
 * resource is deployed in." An identifier that is not an ARN is left to the
 * model's length check.
 */
function checkAlarmRegions(
  configuration: PracticeRunConfiguration,
  region: string,
) {
  for (const alarm of [
    ...configuration.outcomeAlarms,
    ...(configuration.blockingAlarms ?? []),
  ]) {
    const parts = alarm.alarmIdentifier.split(':');
    if (parts[0] === 'arn' && parts.length > 4 && parts[3] !== region) {
      throw validationError(
        `Alarm ${alarm.alarmIdentifier} is not in ${region}, the resource's Region`,
        'InvalidAlarmCondition',
      );
    }
  }
}

export const createPracticeRunConfiguration: Operation = context => {
  const body = parseJsonBody(context.body);
  const arn = checkResourceIdentifier(
    requiredString(body, 'resourceIdentifier'),
  );
  const practiceRunConfiguration = parsePracticeRunConfiguration(body);
  const resource = managedResource(context, arn);
  checkAlarmRegions(practiceRunConfiguration, resource.region);
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
  checkAlarmRegions(practiceRunConfiguration, resource.region);
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
 * An on-demand practice run: needs a practice run configuration whose dates,
 * windows and alarms (none in ALARM) allow it now, and fails to start against any running shift
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
  const refusal = practiceRunRefusal(
    configuration,
    state.now(),
    context.alarms,
  );
  if (refusal) throw refusal;
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
