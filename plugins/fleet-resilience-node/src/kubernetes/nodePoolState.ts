import {
  isNodePoolRequirementOperator,
  type NodePoolRequirement,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type { NodePoolState } from '../sources/types';
import { isRecord } from '../util/json';
import {
  InvalidObjectError,
  optionalRecord,
  readObject,
  record,
  requiredName,
  stringMap,
  type ObjectResult,
} from './objectResult';

/**
 * One `spec.template.spec.requirements` entry, as the Karpenter v1 CRD allows
 * it; throws InvalidObjectError naming `path` otherwise.
 */
export function nodePoolRequirementFrom(
  value: unknown,
  path: string,
): NodePoolRequirement {
  if (!isRecord(value))
    throw new InvalidObjectError(`${path} is not an object`);
  const { key, operator, values, minValues } = value;
  if (typeof key !== 'string' || key === '')
    throw new InvalidObjectError(`${path}.key is missing`);
  if (
    typeof operator !== 'string' ||
    !isNodePoolRequirementOperator(operator)
  ) {
    throw new InvalidObjectError(
      `${path}.operator '${String(operator)}' is not a Karpenter operator`,
    );
  }
  if (
    values !== undefined &&
    values !== null &&
    !(Array.isArray(values) && values.every(v => typeof v === 'string'))
  ) {
    throw new InvalidObjectError(`${path}.values is not a list of strings`);
  }
  const list = Array.isArray(values) ? (values as string[]) : undefined;
  if (operator === 'In' && (list === undefined || list.length === 0)) {
    throw new InvalidObjectError(
      `${path}: an In requirement needs at least one value`,
    );
  }
  if (
    ['Gt', 'Lt', 'Gte', 'Lte'].includes(operator) &&
    !(list?.length === 1 && /^-?\d+$/.test(list[0]))
  ) {
    throw new InvalidObjectError(
      `${path}: ${operator} needs exactly one integer value`,
    );
  }
  if (
    minValues !== undefined &&
    minValues !== null &&
    !(Number.isInteger(minValues) && (minValues as number) >= 1)
  ) {
    throw new InvalidObjectError(`${path}.minValues is not a positive integer`);
  }
  return {
    key,
    operator,
    ...(list !== undefined ? { values: [...list] } : {}),
    ...(typeof minValues === 'number' ? { minValues } : {}),
  };
}

/** A `karpenter.sh/v1` NodePool, validated, with the raw object kept for exact patches. */
export function nodePoolStateFrom(
  nodePool: unknown,
): ObjectResult<NodePoolState> {
  return readObject('NodePool', nodePool, object => {
    const name = requiredName(object);
    const metadata = record(object.metadata, 'metadata');
    if (
      typeof metadata.resourceVersion !== 'string' ||
      metadata.resourceVersion === ''
    ) {
      throw new InvalidObjectError('metadata.resourceVersion is missing');
    }
    const spec = record(object.spec, 'spec');
    const template = optionalRecord(
      optionalRecord(spec.template, 'spec.template')?.spec,
      'spec.template.spec',
    );
    const rawRequirements = template?.requirements ?? [];
    if (!Array.isArray(rawRequirements)) {
      throw new InvalidObjectError(
        'spec.template.spec.requirements is not a list',
      );
    }
    const weight = spec.weight;
    if (
      weight !== undefined &&
      weight !== null &&
      !(
        Number.isInteger(weight) &&
        (weight as number) >= 1 &&
        (weight as number) <= 100
      )
    ) {
      throw new InvalidObjectError(
        'spec.weight is not an integer from 1 to 100',
      );
    }
    return {
      name,
      resourceVersion: metadata.resourceVersion,
      requirements: rawRequirements.map((item: unknown, index) =>
        nodePoolRequirementFrom(
          item,
          `spec.template.spec.requirements[${index}]`,
        ),
      ),
      annotations: {
        ...stringMap(metadata.annotations, 'metadata.annotations'),
      },
      ...(typeof weight === 'number' ? { weight } : {}),
      raw: object,
    };
  });
}
