/**
 * The JSON merge patches (RFC 7386) the writer sends, built and checked
 * before anything goes on the wire. `metadata.resourceVersion` in the body
 * makes the API server refuse the patch with 409 Conflict when the object
 * changed since it was read. Only the fields given are sent: a merge patch
 * replaces arrays whole, so `requirements` is always the complete list.
 */
import { InputError } from '@backstage/errors';
import {
  MAX_NODEPOOL_REQUIREMENTS,
  type NodePoolRequirement,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { nodePoolRequirementFrom } from './nodePoolState';
import { InvalidObjectError } from './objectResult';

const DNS_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME_PART = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** A Kubernetes object name (DNS subdomain, as NodePools and Nodes use). */
export function checkObjectName(kind: string, name: unknown): string {
  if (
    typeof name !== 'string' ||
    name.length === 0 ||
    name.length > 253 ||
    !DNS_SUBDOMAIN.test(name)
  ) {
    throw new InputError(
      `${kind} name ${JSON.stringify(
        name,
      )} is not a valid Kubernetes object name`,
    );
  }
  return name;
}

function checkResourceVersion(value: unknown): string {
  // Opaque to clients, but never empty: an empty one would drop the precondition.
  if (
    typeof value !== 'string' ||
    value.length === 0 ||
    value.length > 128 ||
    /[^\x21-\x7e]/.test(value)
  ) {
    throw new InputError(
      'resourceVersion must be the non-empty resourceVersion the change was planned from',
    );
  }
  return value;
}

/** `[prefix/]name` as Kubernetes allows annotation keys. */
function checkAnnotationKey(key: string) {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  const valid =
    name.length > 0 &&
    name.length <= 63 &&
    QUALIFIED_NAME_PART.test(name) &&
    (prefix === undefined ||
      (prefix.length > 0 &&
        prefix.length <= 253 &&
        DNS_SUBDOMAIN.test(prefix)));
  if (!valid) {
    throw new InputError(
      `annotation key ${JSON.stringify(
        key,
      )} is not a valid Kubernetes annotation key`,
    );
  }
}

/** Annotations to set (string) or remove (null); anything else is refused. */
function checkAnnotations(value: unknown): Record<string, string | null> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError('annotations must be an object of strings or nulls');
  }
  const annotations: Record<string, string | null> = {};
  for (const [key, item] of Object.entries(value)) {
    checkAnnotationKey(key);
    if (item !== null && typeof item !== 'string') {
      throw new InputError(
        `annotation ${key} must be a string, or null to remove it`,
      );
    }
    annotations[key] = item;
  }
  return annotations;
}

/** The whole requirements list, each entry as the CRD allows it, only its own fields. */
function checkRequirements(value: unknown): NodePoolRequirement[] {
  if (!Array.isArray(value)) {
    throw new InputError('requirements must be a list');
  }
  if (value.length > MAX_NODEPOOL_REQUIREMENTS) {
    throw new InputError(
      `a NodePool allows at most ${MAX_NODEPOOL_REQUIREMENTS} requirements, got ${value.length}`,
    );
  }
  return value.map((item, index) => {
    try {
      return nodePoolRequirementFrom(item, `requirements[${index}]`);
    } catch (error) {
      if (error instanceof InvalidObjectError)
        throw new InputError(error.message);
      throw error;
    }
  });
}

export interface NodePoolPatchInput {
  resourceVersion: string;
  requirements?: NodePoolRequirement[];
  annotations?: Record<string, string | null>;
}

/**
 * `{metadata: {resourceVersion, annotations?}, spec?: {template: {spec:
 * {requirements}}}}`; an InputError for anything the API server would refuse
 * or that would change more than asked.
 */
export function nodePoolMergePatch(input: NodePoolPatchInput) {
  const resourceVersion = checkResourceVersion(input?.resourceVersion);
  const requirements =
    input.requirements === undefined
      ? undefined
      : checkRequirements(input.requirements);
  const annotations =
    input.annotations === undefined
      ? undefined
      : checkAnnotations(input.annotations);
  if (requirements === undefined && annotations === undefined) {
    throw new InputError(
      'a NodePool patch needs requirements or annotations to change',
    );
  }
  return {
    metadata: {
      resourceVersion,
      ...(annotations !== undefined ? { annotations } : {}),
    },
    ...(requirements !== undefined
      ? { spec: { template: { spec: { requirements } } } }
      : {}),
  };
}

export interface NodeAnnotationsPatchInput {
  resourceVersion: string;
  annotations: Record<string, string | null>;
}

/** `{metadata: {resourceVersion, annotations}}`, checked like the NodePool patch. */
export function nodeAnnotationsMergePatch(input: NodeAnnotationsPatchInput) {
  const resourceVersion = checkResourceVersion(input?.resourceVersion);
  const annotations = checkAnnotations(input.annotations);
  if (Object.keys(annotations).length === 0) {
    throw new InputError(
      'a Node patch needs at least one annotation to change',
    );
  }
  return { metadata: { resourceVersion, annotations } };
}
