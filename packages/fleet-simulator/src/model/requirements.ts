/**
 * Karpenter NodePool requirements (`spec.template.spec.requirements`) and
 * what they allow. Pure functions: the Karpenter model and the tests share them.
 */
import type { SimZone } from './types';

export const ZONE_LABEL = 'topology.kubernetes.io/zone';
export const ZONE_ID_LABEL = 'topology.k8s.aws/zone-id';
export const NODEPOOL_LABEL = 'karpenter.sh/nodepool';
export const INSTANCE_TYPE_LABEL = 'node.kubernetes.io/instance-type';

/**
 * The operators a node selector requirement may use.
 *
 * @public
 */
export const REQUIREMENT_OPERATORS = [
  'In',
  'NotIn',
  'Exists',
  'DoesNotExist',
  'Gt',
  'Lt',
  'Gte',
  'Lte',
] as const;

/**
 * An operator of a node selector requirement.
 *
 * @public
 */
export type RequirementOperator = (typeof REQUIREMENT_OPERATORS)[number];

/** The operators that compare a label's value as an integer. */
export const NUMERIC_OPERATORS: readonly RequirementOperator[] = [
  'Gt',
  'Lt',
  'Gte',
  'Lte',
];

export function isRequirementOperator(
  value: unknown,
): value is RequirementOperator {
  return (REQUIREMENT_OPERATORS as readonly unknown[]).includes(value);
}

export function isNumericOperator(operator: string): boolean {
  return (NUMERIC_OPERATORS as readonly string[]).includes(operator);
}

/**
 * A node selector requirement, as NodePools and pods state them.
 *
 * @public
 */
export interface NodeSelectorRequirement {
  key: string;
  operator: RequirementOperator;
  values?: string[];
  minValues?: number;
}

const ZONE_KEYS = new Set([ZONE_LABEL, ZONE_ID_LABEL]);

/** Whether one requirement admits a label value (undefined: the label is absent). */
export function requirementAdmits(
  requirement: NodeSelectorRequirement,
  value: string | undefined,
): boolean {
  const values = requirement.values ?? [];
  const bound = Number(values[0]);
  const numeric = Number(value);
  switch (requirement.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
      return value !== undefined && numeric > bound;
    case 'Lt':
      return value !== undefined && numeric < bound;
    case 'Gte':
      return value !== undefined && numeric >= bound;
    case 'Lte':
      return value !== undefined && numeric <= bound;
    default:
      return false;
  }
}

/** Whether the requirements allow new capacity in `zone` (by name and by ID). */
export function zoneAllowed(
  requirements: readonly NodeSelectorRequirement[],
  zone: SimZone,
): boolean {
  const labels: Record<string, string> = {
    [ZONE_LABEL]: zone.name,
    [ZONE_ID_LABEL]: zone.id,
  };
  return requirements
    .filter(requirement => ZONE_KEYS.has(requirement.key))
    .every(requirement =>
      requirementAdmits(requirement, labels[requirement.key]),
    );
}

/**
 * Whether an existing node still fits its NodePool's requirements. Zone keys
 * are checked strictly; other keys only when the node carries the label,
 * because the simulated nodes do not carry every well-known Karpenter label.
 */
export function nodeFitsRequirements(
  requirements: readonly NodeSelectorRequirement[],
  labels: Readonly<Record<string, string>>,
): boolean {
  return requirements.every(requirement => {
    if (ZONE_KEYS.has(requirement.key)) {
      return requirementAdmits(requirement, labels[requirement.key]);
    }
    const value = labels[requirement.key];
    return value === undefined || requirementAdmits(requirement, value);
  });
}
