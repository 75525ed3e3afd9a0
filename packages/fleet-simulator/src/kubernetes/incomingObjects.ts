/**
 * How the store takes in a written object: a generated name when asked for
 * one, the store's canonical form, and the API server's metadata checks.
 */
import type { KubeObject } from '../model/types';
import { cloneJson } from '../json';
import {
  invalidError,
  invalidValue,
  requiredValue,
  type KubeStatusCause,
} from './errors';
import type { KubeResourceInfo } from './resources';
import { validateResource } from './validation';

const DNS_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const GENERATE_NAME_CHARS = 'bcdfghjklmnpqrstvwxz2456789';

/** `metadata.generateName` plus five random characters, when no name is given. */
export function withGeneratedName(object: KubeObject): KubeObject {
  const { name, generateName } = object?.metadata ?? {};
  if (name || typeof generateName !== 'string' || generateName === '') {
    return object;
  }
  const suffix = Array.from(
    { length: 5 },
    () =>
      GENERATE_NAME_CHARS[
        Math.floor(Math.random() * GENERATE_NAME_CHARS.length)
      ],
  ).join('');
  return {
    ...object,
    metadata: { ...object.metadata, name: generateName + suffix },
  };
}

/** Everything that is not metadata or status: what `metadata.generation` counts. */
export function specPart(object: KubeObject): Record<string, unknown> {
  const { metadata: _metadata, status: _status, ...rest } = object;
  return rest;
}

function checkMetadata(
  info: KubeResourceInfo,
  object: KubeObject,
): KubeStatusCause[] {
  const causes: KubeStatusCause[] = [];
  const { name, namespace } = object.metadata;
  if (name.length > 253 || !DNS_SUBDOMAIN.test(name)) {
    causes.push(
      invalidValue(
        'metadata.name',
        name,
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
      ),
    );
  }
  if (
    info.namespaced &&
    namespace !== undefined &&
    (namespace.length > 63 || !DNS_LABEL.test(namespace))
  ) {
    causes.push(
      invalidValue(
        'metadata.namespace',
        namespace,
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
      ),
    );
  }
  for (const field of ['labels', 'annotations'] as const) {
    const map = object.metadata[field];
    if (map === undefined) continue;
    for (const [key, value] of Object.entries(map)) {
      if (typeof value !== 'string') {
        causes.push(
          invalidValue(`metadata.${field}.${key}`, value, 'must be a string'),
        );
      }
    }
  }
  return causes;
}

/**
 * A deep copy of `object` in the store's canonical form: its own apiVersion and
 * kind, a namespace only for namespaced resources ('default' when missing).
 */
export function normalize(
  info: KubeResourceInfo,
  object: KubeObject,
): KubeObject {
  if (
    typeof object !== 'object' ||
    object === null ||
    typeof object.metadata !== 'object' ||
    object.metadata === null
  ) {
    throw invalidError(info, '', [requiredValue('metadata')]);
  }
  const copy = cloneJson(object);
  const name = copy.metadata.name;
  if (typeof name !== 'string' || name === '') {
    throw invalidError(info, '', [
      requiredValue('metadata.name', 'name or generateName is required'),
    ]);
  }
  if (
    (copy.apiVersion ?? info.apiVersion) !== info.apiVersion ||
    (copy.kind ?? info.kind) !== info.kind
  ) {
    throw invalidError(info, name, [
      invalidValue(
        'kind',
        `${copy.apiVersion}/${copy.kind}`,
        `must be ${info.apiVersion}/${info.kind}`,
      ),
    ]);
  }
  copy.apiVersion = info.apiVersion;
  copy.kind = info.kind;
  if (info.namespaced)
    copy.metadata.namespace = copy.metadata.namespace || 'default';
  else delete copy.metadata.namespace;
  const causes = [
    ...checkMetadata(info, copy),
    ...validateResource(info, copy),
  ];
  if (causes.length > 0) throw invalidError(info, name, causes);
  return copy;
}
