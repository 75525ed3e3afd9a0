/**
 * DescribeConfigurationRecorders and DescribeConfigurationRecorderStatus:
 * each account has one recorder, named `default` as the console names it,
 * in every region the account has zones in, recording continuously either
 * every supported type (`allSupported`, the default) or the types its fleet
 * file lists (`accounts[].configRecorder.resourceTypes`,
 * `INCLUSION_BY_RESOURCE_TYPES`). Member names as in the API model
 * (top level PascalCase, recorder members camelCase).
 */
import { createHash } from 'node:crypto';
import type { FleetModel, SimAccount } from '../../model/types';
import { AwsApiError } from '../common/errors';
import { optionalStringList, type JsonObject } from '../common/input';
import { epochSeconds } from '../common/protocols';
import type { RecorderScope } from './configuration-items';

export const RECORDER_NAME = 'default';

function recorderArn(scope: RecorderScope): string {
  const id = createHash('sha256')
    .update(`${scope.accountId}/${scope.region}`)
    .digest('hex')
    .slice(0, 16);
  return `arn:aws:config:${scope.region}:${scope.accountId}:configuration-recorder/${RECORDER_NAME}/${id}`;
}

/** The recorder in `scope` (none when the account has no zones in that region), after checking the names asked for. */
function recorderIn(
  model: FleetModel,
  scope: RecorderScope,
  input: JsonObject,
): SimAccount | undefined {
  const names = optionalStringList(input, 'ConfigurationRecorderNames') ?? [];
  const account = model
    .accounts()
    .find(
      candidate =>
        candidate.accountId === scope.accountId &&
        candidate.zones[scope.region] !== undefined,
    );
  const missing = names.find(name => !account || name !== RECORDER_NAME);
  if (missing !== undefined) {
    throw new AwsApiError(
      'NoSuchConfigurationRecorderException',
      `Cannot find configuration recorder with the specified name '${missing}'.`,
    );
  }
  return account;
}

export function describeConfigurationRecorders(
  model: FleetModel,
  scope: RecorderScope,
  input: JsonObject,
) {
  const account = recorderIn(model, scope, input);
  if (!account) return { ConfigurationRecorders: [] };
  const types = account.recordedTypes;
  return {
    ConfigurationRecorders: [
      {
        arn: recorderArn(scope),
        name: RECORDER_NAME,
        roleARN: `arn:aws:iam::${scope.accountId}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
        recordingGroup: {
          allSupported: types === undefined,
          includeGlobalResourceTypes: false,
          resourceTypes: [...(types ?? [])],
          exclusionByResourceTypes: { resourceTypes: [] },
          recordingStrategy: {
            useOnly:
              types === undefined
                ? 'ALL_SUPPORTED_RESOURCE_TYPES'
                : 'INCLUSION_BY_RESOURCE_TYPES',
          },
        },
        recordingMode: {
          recordingFrequency: 'CONTINUOUS',
          recordingModeOverrides: [],
        },
        recordingScope: 'PAID',
      },
    ],
  };
}

export function describeConfigurationRecorderStatus(
  model: FleetModel,
  scope: RecorderScope,
  input: JsonObject,
  recordingSince: number,
) {
  const account = recorderIn(model, scope, input);
  if (!account) return { ConfigurationRecordersStatus: [] };
  return {
    ConfigurationRecordersStatus: [
      {
        arn: recorderArn(scope),
        name: RECORDER_NAME,
        lastStartTime: epochSeconds(recordingSince),
        recording: true,
        lastStatus: 'Success',
        lastStatusChangeTime: epochSeconds(model.clock.now()),
      },
    ],
  };
}
