/**
 * `labelSelector` and `fieldSelector` query parameters, parsed as the API
 * server parses them. Syntax errors and unsupported fields are 400 BadRequest.
 */
import type { KubeObject, KubeResource } from '../model/types';
import { isJsonObject } from '../json';
import type { KubeResourceInfo } from './resources';
import { badRequest } from './status';

export type ObjectFilter = (object: KubeObject) => boolean;

const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_PREFIX =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;

/** Splits on commas that are not inside a `(...)` value set. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

function checkKey(key: string): string {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (
    (prefix !== undefined &&
      (prefix.length > 253 || !LABEL_PREFIX.test(prefix))) ||
    !LABEL_NAME.test(name)
  ) {
    throw badRequest(
      `unable to parse requirement: key: Invalid value: ${JSON.stringify(
        key,
      )}: name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
    );
  }
  return key;
}

function checkValue(value: string): string {
  if (!LABEL_VALUE.test(value)) {
    throw badRequest(
      `unable to parse requirement: values[0]: Invalid value: ${JSON.stringify(
        value,
      )}: a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
    );
  }
  return value;
}

type LabelTest = (labels: Record<string, string>) => boolean;

function parseRequirement(raw: string): LabelTest {
  const text = raw.trim();
  let match = /^!\s*(\S+)$/.exec(text);
  if (match) {
    const key = checkKey(match[1]);
    return labels => !Object.hasOwn(labels, key);
  }
  match = /^(\S+)\s+(in|notin)\s*\((.*)\)$/.exec(text);
  if (match) {
    const key = checkKey(match[1]);
    const values = new Set(
      match[3].split(',').map(value => checkValue(value.trim())),
    );
    if (match[3].trim() === '') {
      throw badRequest(
        `unable to parse requirement: for 'in', 'notin' operators, values set can't be empty`,
      );
    }
    return match[2] === 'in'
      ? labels => Object.hasOwn(labels, key) && values.has(labels[key])
      : labels => !Object.hasOwn(labels, key) || !values.has(labels[key]);
  }
  match = /^([^=!<>\s]+)\s*(==|=|!=|<|>)\s*(\S*)$/.exec(text);
  if (match) {
    const key = checkKey(match[1]);
    const operator = match[2];
    if (operator === '<' || operator === '>') {
      if (!/^-?[0-9]+$/.test(match[3])) {
        throw badRequest(
          `unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer`,
        );
      }
      const bound = Number(match[3]);
      return labels => {
        const value = Number.parseInt(labels[key] ?? '', 10);
        return (
          Number.isInteger(value) &&
          (operator === '>' ? value > bound : value < bound)
        );
      };
    }
    const value = checkValue(match[3]);
    return operator === '!='
      ? labels => labels[key] !== value
      : labels => Object.hasOwn(labels, key) && labels[key] === value;
  }
  if (/^\S+$/.test(text)) {
    const key = checkKey(text);
    return labels => Object.hasOwn(labels, key);
  }
  throw badRequest(
    `unable to parse requirement: found '${text}', expected: ',', '!=', '==', '=', 'in', 'notin'`,
  );
}

/** A filter for `labelSelector` (=, ==, !=, in, notin, exists, !key, <, >); undefined when empty. */
export function parseLabelSelector(
  text: string | null,
): ObjectFilter | undefined {
  if (text === null || text.trim() === '') return undefined;
  const tests = splitTopLevel(text).map(parseRequirement);
  return object => {
    const labels = object.metadata.labels ?? {};
    return tests.every(test => test(labels));
  };
}

function stringAt(object: KubeObject, path: string[]): string {
  let value: unknown = object;
  for (const part of path)
    value = isJsonObject(value) ? value[part] : undefined;
  return value === undefined || value === null ? '' : String(value);
}

/** Field selectors each resource supports, as the API server registers them. */
const SELECTABLE_FIELDS: Record<KubeResource, string[]> = {
  nodes: ['spec.unschedulable'],
  pods: [
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'spec.hostNetwork',
    'status.phase',
    'status.podIP',
    'status.nominatedNodeName',
  ],
  deployments: [],
  statefulsets: [],
  poddisruptionbudgets: [],
  horizontalpodautoscalers: [],
  nodepools: [],
  nodeclaims: [],
};

/** Values the API server reports for unset boolean fields. */
const BOOLEAN_FIELDS = new Set(['spec.unschedulable', 'spec.hostNetwork']);

function fieldValue(field: string, object: KubeObject): string {
  const value = stringAt(object, field.split('.'));
  return value === '' && BOOLEAN_FIELDS.has(field) ? 'false' : value;
}

/** A filter for `fieldSelector` (=, ==, != joined by commas); undefined when empty. */
export function parseFieldSelector(
  text: string | null,
  info: KubeResourceInfo,
): ObjectFilter | undefined {
  if (text === null || text.trim() === '') return undefined;
  const supported = [
    'metadata.name',
    'metadata.namespace',
    ...SELECTABLE_FIELDS[info.resource],
  ];
  const tests = text.split(',').map(term => {
    const match = /^([^=!]+)(==|=|!=)(.*)$/.exec(term.trim());
    if (!match)
      throw badRequest(
        `invalid selector: '${text}'; can't understand '${term}'`,
      );
    const field = match[1].trim();
    const value = match[3].trim();
    if (!supported.includes(field))
      throw badRequest(`field label not supported: ${field}`);
    return match[2] === '!='
      ? (object: KubeObject) => fieldValue(field, object) !== value
      : (object: KubeObject) => fieldValue(field, object) === value;
  });
  return object => tests.every(test => test(object));
}

/** Both filters combined; undefined when neither selects anything. */
export function combineFilters(
  ...filters: Array<ObjectFilter | undefined>
): ObjectFilter | undefined {
  const present = filters.filter(
    (filter): filter is ObjectFilter => filter !== undefined,
  );
  if (present.length === 0) return undefined;
  return object => present.every(filter => filter(object));
}
