/**
 * An Availability Zone, by name and by ID.
 *
 * @remarks
 * Names (`us-east-1a`) are mapped to physical zones per account; IDs
 * (`use1-az1`) are the same in every account. ARC zonal shift takes IDs.
 *
 * @public
 */
export interface Zone {
  /** AZ name, e.g. `us-east-1a`. */
  name: string;
  /** AZ ID, e.g. `use1-az1`. */
  id: string;
}

/**
 * Node label and Karpenter requirement key holding the AZ name.
 *
 * @public
 */
export const ZONE_NAME_KEY = 'topology.kubernetes.io/zone';

/**
 * Node label and Karpenter requirement key holding the AZ ID.
 *
 * @public
 */
export const ZONE_ID_KEY = 'topology.k8s.aws/zone-id';

/**
 * Every operator a Karpenter v1 NodePool requirement may have, as the CRD
 * lists them.
 *
 * @public
 */
export const NODEPOOL_REQUIREMENT_OPERATORS = [
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
 * Operator of a Karpenter v1 NodePool requirement: one of
 * {@link NODEPOOL_REQUIREMENT_OPERATORS}.
 *
 * @public
 */
export type NodePoolRequirementOperator =
  (typeof NODEPOOL_REQUIREMENT_OPERATORS)[number];

/**
 * Whether a value is one of {@link NODEPOOL_REQUIREMENT_OPERATORS}.
 *
 * @public
 */
export function isNodePoolRequirementOperator(
  value: unknown,
): value is NodePoolRequirementOperator {
  return (NODEPOOL_REQUIREMENT_OPERATORS as readonly unknown[]).includes(value);
}

/**
 * The most requirements a Karpenter v1 NodePool takes: the CRD's `maxItems`
 * for `spec.template.spec.requirements`.
 *
 * @public
 */
export const MAX_NODEPOOL_REQUIREMENTS = 100;

/**
 * One entry of a Karpenter v1 NodePool's `spec.template.spec.requirements`.
 *
 * @remarks
 * Zones are constrained with key {@link ZONE_NAME_KEY} or {@link ZONE_ID_KEY}.
 * The CRD rejects an `In` requirement without values.
 *
 * @public
 */
export interface NodePoolRequirement {
  key: string;
  operator: NodePoolRequirementOperator;
  values?: string[];
  /** Minimum number of distinct values Karpenter must be able to choose from. */
  minValues?: number;
}

/**
 * Finds the zone that a user or an API named either by AZ name or by AZ ID.
 *
 * @public
 */
export function findZone(
  zones: readonly Zone[],
  nameOrId: string,
): Zone | undefined {
  return zones.find(zone => zone.id === nameOrId || zone.name === nameOrId);
}
