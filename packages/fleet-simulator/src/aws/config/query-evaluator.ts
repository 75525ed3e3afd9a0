import { isJsonObject } from '../../json';
import type { Condition, Literal, PropertyPath } from './query-ast';

/**
 * Runs parsed queries over configuration items as AWS Config does: a
 * property path walks into lists, so a condition on a list property holds
 * when any element matches (each condition on its own: `tags.key = 'a' AND
 * tags.value = 'b'` does not require one tag to have both; `tags.tag =
 * 'a=b'` does), and a selected nested path comes back nested
 * (`configuration.Name` -> `{"configuration": {"Name": ...}}`).
 */

/** A configuration item as the query language sees it (timestamps as ISO strings). */
export type QueryDocument = Record<string, unknown>;

/** Every scalar reached by `path` (from segment `from` on), walking into lists on the way. */
function leafValues(
  value: unknown,
  path: readonly string[],
  from = 0,
): unknown[] {
  if (Array.isArray(value))
    return value.flatMap(item => leafValues(item, path, from));
  if (from === path.length)
    return value === undefined || value === null ? [] : [value];
  if (!isJsonObject(value)) return [];
  return leafValues(value[path[from]], path, from + 1);
}

function valuesAt(document: QueryDocument, property: PropertyPath): unknown[] {
  if (property[0] === 'tags' && property[1] === 'tag') {
    // Config indexes each tag also as one `key=value` string.
    return leafValues(document.tags, []).flatMap(tag =>
      isJsonObject(tag) ? [`${String(tag.key)}=${String(tag.value)}`] : [],
    );
  }
  return leafValues(document, property);
}

function equalsLiteral(value: unknown, literal: Literal): boolean {
  return typeof value === typeof literal && value === literal;
}

function likeMatches(
  condition: Extract<Condition, { kind: 'like' }>,
  value: unknown,
): boolean {
  if (typeof value !== 'string' || !value.startsWith(condition.prefix))
    return false;
  const rest = value.length - condition.prefix.length;
  return condition.open
    ? rest >= condition.singles
    : rest === condition.singles;
}

export function matches(
  condition: Condition,
  document: QueryDocument,
): boolean {
  switch (condition.kind) {
    case 'and':
      return condition.operands.every(operand => matches(operand, document));
    case 'or':
      return condition.operands.some(operand => matches(operand, document));
    case 'not':
      return !matches(condition.operand, document);
    case 'equals':
      return valuesAt(document, condition.property).some(value =>
        equalsLiteral(value, condition.value),
      );
    case 'in':
      return valuesAt(document, condition.property).some(value =>
        condition.values.some(literal => equalsLiteral(value, literal)),
      );
    default:
      return valuesAt(document, condition.property).some(value =>
        likeMatches(condition, value),
      );
  }
}

/** The part of `value` under `path`, keeping the nesting (and mapping over lists). */
function extract(value: unknown, path: readonly string[]): unknown {
  if (path.length === 0) return value;
  if (Array.isArray(value)) {
    return value
      .map(item => extract(item, path))
      .filter(item => item !== undefined);
  }
  if (!isJsonObject(value)) return undefined;
  const inner = extract(value[path[0]], path.slice(1));
  return inner === undefined || inner === null
    ? undefined
    : { [path[0]]: inner };
}

/** Merges two extracts of one document: structures by key, lists element by element. */
function merge(left: unknown, right: unknown): unknown {
  if (Array.isArray(left) && Array.isArray(right)) {
    const length = Math.max(left.length, right.length);
    return Array.from({ length }, (_, i) => merge(left[i], right[i]));
  }
  if (isJsonObject(left) && isJsonObject(right)) {
    const merged: Record<string, unknown> = { ...left };
    for (const [key, value] of Object.entries(right)) {
      merged[key] = key in merged ? merge(merged[key], value) : value;
    }
    return merged;
  }
  return right === undefined ? left : right;
}

/** One result row: only the selected properties, absent ones left out. */
export function projectRow(
  document: QueryDocument,
  fields: readonly PropertyPath[],
): Record<string, unknown> {
  let row: Record<string, unknown> = {};
  for (const field of fields) {
    const part = extract(document, field);
    if (isJsonObject(part)) row = merge(row, part) as Record<string, unknown>;
  }
  return row;
}

/**
 * The resource types a condition can match at most, when it names them
 * (`resourceType = ...`, `resourceType IN (...)`, combined with AND/OR);
 * undefined when any type could match. Lets a query skip building the
 * configuration items of other types.
 */
export function resourceTypesMatchedBy(
  condition: Condition | undefined,
): Set<string> | undefined {
  if (!condition) return undefined;
  const onResourceType = (property: PropertyPath) =>
    property.length === 1 && property[0] === 'resourceType';
  switch (condition.kind) {
    case 'equals':
      return onResourceType(condition.property)
        ? new Set([condition.value].filter(isString))
        : undefined;
    case 'in':
      return onResourceType(condition.property)
        ? new Set(condition.values.filter(isString))
        : undefined;
    case 'and': {
      const restricting = condition.operands
        .map(resourceTypesMatchedBy)
        .filter((types): types is Set<string> => types !== undefined);
      if (restricting.length === 0) return undefined;
      return new Set(
        [...restricting[0]].filter(type =>
          restricting.every(set => set.has(type)),
        ),
      );
    }
    case 'or': {
      const alternatives = condition.operands.map(resourceTypesMatchedBy);
      if (alternatives.some(types => types === undefined)) return undefined;
      return new Set(alternatives.flatMap(types => [...types!]));
    }
    default:
      return undefined;
  }
}

function isString(value: Literal): value is string {
  return typeof value === 'string';
}
