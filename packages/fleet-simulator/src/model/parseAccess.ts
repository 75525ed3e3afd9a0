/**
 * The fleet file's access settings: the roles an account lets STS assume,
 * its AWS Config recorder, and the fleet's IAM denials.
 */
import { ACCOUNT_ID } from './parseChecks';
import { KUBE_VERBS } from '../kubernetes/rbac';
import { ALL_KUBE_RESOURCES } from '../kubernetes/resources';
import type {
  ConfigRecorderSpec,
  ForbiddenRuleSpec,
  IamDenySpec,
  IamSpec,
  RoleSpec,
} from './spec';
import type { Reader } from './validate';

/** An IAM role name (no path). */
export const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
/** An STS ExternalId. */
export const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
/** An IAM action such as `eks:DescribeCluster` (no wildcards). */
export const IAM_ACTION = /^[a-z0-9-]+:[A-Za-z0-9]+$/;
/** A Config resource type such as `AWS::EKS::Cluster`. */
export const CONFIG_RESOURCE_TYPE = /^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$/;

export function readRoles(
  r: Reader,
  fields: Record<string, unknown>,
  path: string,
): RoleSpec[] | undefined {
  const roles = r.list(fields, 'roles', path, (item, at) => {
    const role = r.object(item, at, ['name', 'externalId']);
    if (!role) return undefined;
    const name = r.string(role, 'name', at, {
      required: true,
      pattern: ROLE_NAME,
      hint: 'an IAM role name (letters, digits and +=,.@_-, up to 64)',
    });
    const externalId = r.string(role, 'externalId', at, {
      pattern: EXTERNAL_ID,
      hint: 'an external ID (2..1224 of letters, digits and +=,.@:/_-)',
    });
    return name ? { name, ...(externalId ? { externalId } : {}) } : undefined;
  });
  if (roles && new Set(roles.map(role => role.name)).size !== roles.length)
    r.fail(`${path}.roles`, 'names a role twice');
  return roles;
}

export function readConfigRecorder(
  r: Reader,
  value: unknown,
  path: string,
): ConfigRecorderSpec | undefined {
  if (value === undefined) return undefined;
  const fields = r.object(value, path, ['resourceTypes']);
  if (!fields) return undefined;
  const resourceTypes = r.strings(fields, 'resourceTypes', path, true);
  resourceTypes?.forEach((type, index) => {
    if (!CONFIG_RESOURCE_TYPE.test(type))
      r.fail(
        `${path}.resourceTypes[${index}]`,
        `"${type}" is not a resource type such as AWS::EKS::Cluster`,
      );
  });
  return resourceTypes ? { resourceTypes } : undefined;
}

/** One IAM denial (fleet file `iam.denies[]`, `PUT /_sim/iam`). */
export function readIamDeny(
  r: Reader,
  item: unknown,
  at: string,
): IamDenySpec | undefined {
  const deny = r.object(item, at, ['accountId', 'roleName', 'action']);
  if (!deny) return undefined;
  const accountId = r.string(deny, 'accountId', at, {
    pattern: ACCOUNT_ID,
    hint: 'a 12-digit account ID',
  });
  const roleName = r.string(deny, 'roleName', at, {
    pattern: ROLE_NAME,
    hint: 'an IAM role name',
  });
  const action = r.string(deny, 'action', at, {
    required: true,
    pattern: IAM_ACTION,
    hint: 'an IAM action such as eks:DescribeCluster',
  });
  if (!action) return undefined;
  return {
    ...(accountId ? { accountId } : {}),
    ...(roleName ? { roleName } : {}),
    action,
  };
}

export function readIam(
  r: Reader,
  value: unknown,
  path: string,
): IamSpec | undefined {
  const fields = r.object(value, path, ['denies']);
  if (!fields) return undefined;
  const denies = r.list(fields, 'denies', path, (item, at) =>
    readIamDeny(r, item, at),
  );
  return { denies: denies ?? [] };
}

/** One RBAC denial (fleet file `clusters[].kubernetesForbidden[]`). */
export function readForbiddenRule(
  r: Reader,
  item: unknown,
  at: string,
): ForbiddenRuleSpec | undefined {
  const rule = r.object(item, at, ['verb', 'resource', 'group', 'roleName']);
  if (!rule) return undefined;
  const verb = r.string(rule, 'verb', at, {
    required: true,
    oneOf: KUBE_VERBS,
  });
  const resource = r.string(rule, 'resource', at, {
    required: true,
    oneOf: ALL_KUBE_RESOURCES.map(info => info.resource),
  });
  const group = r.string(rule, 'group', at) ?? '';
  const roleName = r.string(rule, 'roleName', at, {
    pattern: ROLE_NAME,
    hint: 'an IAM role name',
  });
  const info = ALL_KUBE_RESOURCES.find(i => i.resource === resource);
  if (info && info.group !== group)
    return r.fail(`${at}.group`, `${resource} is in API group '${info.group}'`);
  if (!verb || !resource) return undefined;
  return { verb, resource, group, ...(roleName ? { roleName } : {}) };
}
