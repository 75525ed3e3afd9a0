/**
 * Turns tag values such as `payments-team`, `group:payments-team` or
 * `user:default/jdoe` into full entity refs, or says why they cannot be one.
 */
import {
  KubernetesValidatorFunctions,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

export type RefResult = { ref: string } | { error: string };

/**
 * Parses `value` as a ref to an entity of one of `allowedKinds` (the first is
 * the default kind), in namespace `default` unless it says otherwise.
 */
export function parseTaggedEntityRef(
  value: string,
  allowedKinds: readonly string[],
): RefResult {
  const trimmed = value.trim();
  if (trimmed.length === 0) {
    return { error: 'the value is empty' };
  }
  let parsed;
  try {
    parsed = parseEntityRef(trimmed, {
      defaultKind: allowedKinds[0],
      defaultNamespace: 'default',
    });
  } catch (error) {
    return { error: `"${trimmed}" is not an entity ref (${String(error)})` };
  }
  const kind = parsed.kind.toLocaleLowerCase('en-US');
  if (!allowedKinds.includes(kind)) {
    return {
      error: `"${trimmed}" refers to a ${
        parsed.kind
      }, expected ${allowedKinds.join(' or ')}`,
    };
  }
  if (!KubernetesValidatorFunctions.isValidNamespace(parsed.namespace)) {
    return { error: `"${trimmed}" has an invalid namespace` };
  }
  if (!KubernetesValidatorFunctions.isValidObjectName(parsed.name)) {
    return { error: `"${trimmed}" has an invalid entity name` };
  }
  return { ref: stringifyEntityRef({ ...parsed, kind }) };
}

/** Kinds that may own an entity. */
export const OWNER_KINDS = ['group', 'user'] as const;

/** The only kind a Resource's `spec.system` may refer to. */
export const SYSTEM_KINDS = ['system'] as const;
