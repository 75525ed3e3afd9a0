import { KubeStoreError } from '../model/types';
import type { KubeResourceInfo } from './resources';

/** One entry of `Status.details.causes`, as Kubernetes reports field errors. */
export interface KubeStatusCause {
  reason: string;
  message: string;
  field: string;
}

/** `Status.details`: which object an error is about. */
export interface KubeStatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: KubeStatusCause[];
}

/** A KubeStoreError that also says which object it is about, for the Status object. */
export class KubeObjectError extends KubeStoreError {
  constructor(
    reason: KubeStoreError['reason'],
    message: string,
    readonly details: KubeStatusDetails,
  ) {
    super(reason, message);
  }
}

/**
 * A resourceVersion older than the kept history (etcd compaction): Kubernetes
 * answers 410 Gone with reason Expired.
 */
export class ResourceVersionExpiredError extends KubeStoreError {
  constructor(message: string) {
    super('Invalid', message);
  }
}

/** `nodes`, `deployments.apps`, `nodepools.karpenter.sh`: how messages name a resource. */
export function qualifiedResource(info: KubeResourceInfo): string {
  return info.group ? `${info.resource}.${info.group}` : info.resource;
}

function resourceDetails(
  info: KubeResourceInfo,
  name: string,
): KubeStatusDetails {
  return {
    name,
    ...(info.group ? { group: info.group } : {}),
    kind: info.resource,
  };
}

export function notFoundError(
  info: KubeResourceInfo,
  name: string,
): KubeObjectError {
  return new KubeObjectError(
    'NotFound',
    `${qualifiedResource(info)} "${name}" not found`,
    resourceDetails(info, name),
  );
}

export function alreadyExistsError(
  info: KubeResourceInfo,
  name: string,
): KubeObjectError {
  return new KubeObjectError(
    'AlreadyExists',
    `${qualifiedResource(info)} "${name}" already exists`,
    resourceDetails(info, name),
  );
}

export function conflictError(
  info: KubeResourceInfo,
  name: string,
): KubeObjectError {
  return new KubeObjectError(
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResource(
      info,
    )} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    resourceDetails(info, name),
  );
}

/** 422 Invalid, worded as the API server words field errors. */
export function invalidError(
  info: KubeResourceInfo,
  name: string,
  causes: KubeStatusCause[],
): KubeObjectError {
  const kind = info.group ? `${info.kind}.${info.group}` : info.kind;
  const fieldErrors = causes.map(cause => `${cause.field}: ${cause.message}`);
  const summary =
    fieldErrors.length === 1 ? fieldErrors[0] : `[${fieldErrors.join(', ')}]`;
  return new KubeObjectError(
    'Invalid',
    `${kind} "${name}" is invalid: ${summary}`,
    {
      name,
      ...(info.group ? { group: info.group } : {}),
      kind: info.kind,
      causes,
    },
  );
}

export function invalidValue(
  field: string,
  value: unknown,
  detail: string,
): KubeStatusCause {
  return {
    reason: 'FieldValueInvalid',
    message: `Invalid value: ${JSON.stringify(value)}: ${detail}`,
    field,
  };
}

export function requiredValue(field: string, detail?: string): KubeStatusCause {
  return {
    reason: 'FieldValueRequired',
    message: detail ? `Required value: ${detail}` : 'Required value',
    field,
  };
}
