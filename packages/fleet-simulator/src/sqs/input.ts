/** Reading the members of SQS requests, refusing bad values in SQS's own words. */
import { AwsApiError } from '../aws/common/errors';
import {
  optionalInteger,
  optionalString,
  type JsonObject,
} from '../aws/common/input';
import { isJsonObject } from '../json';
import { QUEUE_ATTRIBUTE_RANGES, type QueueAttributes } from './queues';

const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;

export const invalid = (message: string) =>
  new AwsApiError('InvalidParameterValue', message);

export function queueDoesNotExist(): AwsApiError {
  return new AwsApiError(
    'QueueDoesNotExist',
    'The specified queue does not exist.',
  );
}

/** A whole-second member within `range` (SQS's own wording for a bad value). */
export function seconds(
  input: JsonObject,
  member: string,
  range: [number, number],
): number | undefined {
  const value = optionalInteger(input, member);
  if (value !== undefined && (value < range[0] || value > range[1])) {
    throw invalid(
      `Value ${value} for parameter ${member} is invalid. Reason: Must be between ${range[0]} and ${range[1]}.`,
    );
  }
  return value;
}

export function queueAttributes(input: JsonObject): Partial<QueueAttributes> {
  const raw = input.Attributes;
  if (raw === undefined || raw === null) return {};
  if (!isJsonObject(raw))
    throw new AwsApiError(
      'SerializationException',
      "Cannot deserialize member 'Attributes': expected a map",
    );
  const attributes: Partial<QueueAttributes> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (!Object.hasOwn(QUEUE_ATTRIBUTE_RANGES, name)) {
      throw new AwsApiError(
        'InvalidAttributeName',
        `Unknown or unsupported attribute ${name}.`,
      );
    }
    const key = name as keyof QueueAttributes;
    const [min, max] = QUEUE_ATTRIBUTE_RANGES[key];
    if (
      typeof value !== 'string' ||
      !/^\d{1,10}$/.test(value) ||
      Number(value) < min ||
      Number(value) > max
    ) {
      throw new AwsApiError(
        'InvalidAttributeValue',
        `Invalid value for the parameter ${name}. Reason: Must be an integer from ${min} to ${max}.`,
      );
    }
    attributes[key] = Number(value);
  }
  return attributes;
}

export function queueName(input: JsonObject): string {
  const name = optionalString(input, 'QueueName');
  if (name === undefined)
    throw invalid(
      'Value for parameter QueueName is invalid. Reason: Must be specified.',
    );
  if (name.endsWith('.fifo')) {
    throw new AwsApiError(
      'UnsupportedOperation',
      'The fleet simulator emulates standard queues only, not FIFO queues.',
    );
  }
  if (!QUEUE_NAME.test(name)) {
    throw invalid(
      'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length',
    );
  }
  return name;
}
