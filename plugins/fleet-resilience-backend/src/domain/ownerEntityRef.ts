/**
 * The owner entity of a cluster from its owner tag value, the way the
 * catalog module reads it: a full ref (`group:default/payments`), or a bare
 * name taken as a group in the default namespace. Pure.
 */
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

const OWNER_KINDS = ['group', 'user'];

/** The owner's entity ref, or undefined when the value names no group or user. */
export function ownerEntityRef(owner: string | undefined): string | undefined {
  const value = owner?.trim();
  if (!value) {
    return undefined;
  }
  try {
    const ref = parseEntityRef(value, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
    const kind = ref.kind.toLocaleLowerCase('en-US');
    if (
      !OWNER_KINDS.includes(kind) ||
      !/^[A-Za-z0-9._-]{1,63}$/.test(ref.name)
    ) {
      return undefined;
    }
    return stringifyEntityRef({ ...ref, kind });
  } catch {
    return undefined;
  }
}
