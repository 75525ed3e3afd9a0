import type { Condition, Literal, PropertyPath } from './query-ast';

/**
 * What a WHERE clause says about the account and resource ID of every row
 * it can match, from its top-level AND operands only (`accountId = 'X'`,
 * `accountId IN (...)`, `accountId NOT IN (...)`, `resourceId = ...`,
 * `resourceId IN (...)`); an OR, or anything else, restricts nothing. Both
 * properties are plain strings in every item, so a row matches such an
 * operand exactly when its value is (or is not) one of the string literals.
 */
export interface Restriction {
  /** Rows are in one of these accounts. */
  accountIds?: Set<string>;
  /** Rows are in none of these accounts. */
  excludedAccountIds?: Set<string>;
  /** Rows have one of these resource IDs. */
  resourceIds?: Set<string>;
}

function strings(values: readonly Literal[]): Set<string> {
  return new Set(
    values.filter((value): value is string => typeof value === 'string'),
  );
}

function intersect(
  known: Set<string> | undefined,
  values: Set<string>,
): Set<string> {
  return known
    ? new Set([...known].filter(value => values.has(value)))
    : values;
}

/** The property and string values of an `=` or IN condition on one top-level property. */
function membership(
  condition: Condition,
): { property: string; values: Set<string> } | undefined {
  const single = (property: PropertyPath) =>
    property.length === 1 ? property[0] : undefined;
  if (condition.kind === 'equals') {
    const property = single(condition.property);
    return property === undefined
      ? undefined
      : { property, values: strings([condition.value]) };
  }
  if (condition.kind === 'in') {
    const property = single(condition.property);
    return property === undefined
      ? undefined
      : { property, values: strings(condition.values) };
  }
  return undefined;
}

function add(restriction: Restriction, condition: Condition): void {
  if (condition.kind === 'and') {
    for (const operand of condition.operands) add(restriction, operand);
    return;
  }
  if (condition.kind === 'not') {
    const negated = membership(condition.operand);
    if (negated?.property === 'accountId') {
      restriction.excludedAccountIds = new Set([
        ...(restriction.excludedAccountIds ?? []),
        ...negated.values,
      ]);
    }
    return;
  }
  const member = membership(condition);
  if (member?.property === 'accountId')
    restriction.accountIds = intersect(restriction.accountIds, member.values);
  if (member?.property === 'resourceId')
    restriction.resourceIds = intersect(restriction.resourceIds, member.values);
}

export function restrictionOf(where: Condition | undefined): Restriction {
  const restriction: Restriction = {};
  if (where) add(restriction, where);
  return restriction;
}
