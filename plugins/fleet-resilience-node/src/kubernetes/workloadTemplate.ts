/**
 * What a workload's pod template and a PodDisruptionBudget's selector say,
 * read leniently: objects come from any cluster, and a field that is missing
 * or odd reads as "not there" instead of failing the cluster's read.
 */
import {
  ZONE_ID_KEY,
  ZONE_NAME_KEY,
  type ZoneSpread,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { isRecord, type JsonRecord } from '../util/json';

const ZONE_KEYS: readonly string[] = [ZONE_NAME_KEY, ZONE_ID_KEY];

export function recordAt(value: unknown, ...path: string[]): JsonRecord {
  let current: unknown = value;
  for (const key of path) current = isRecord(current) ? current[key] : {};
  return isRecord(current) ? current : {};
}

export function listAt(value: unknown, ...path: string[]): unknown[] {
  const parent = recordAt(value, ...path.slice(0, -1));
  const list = parent[path[path.length - 1]];
  return Array.isArray(list) ? list : [];
}

export function stringMapOf(value: unknown): Record<string, string> {
  const map: Record<string, string> = {};
  if (!isRecord(value)) return map;
  for (const [key, item] of Object.entries(value))
    if (typeof item === 'string') map[key] = item;
  return map;
}

function hasZoneKey(term: unknown): boolean {
  return isRecord(term) && ZONE_KEYS.includes(term.topologyKey as string);
}

/**
 * How the pod template spreads over AZs: a topology spread constraint on a
 * zone key wins, then a pod anti-affinity term (required or preferred) on a
 * zone key. Spreading by hostname only does not spread over AZs.
 */
export function zoneSpreadOf(template: unknown): ZoneSpread {
  const spec = recordAt(template, 'spec');
  if (listAt(spec, 'topologySpreadConstraints').some(hasZoneKey))
    return 'topology-spread';
  const antiAffinity = recordAt(spec, 'affinity', 'podAntiAffinity');
  const required = listAt(
    antiAffinity,
    'requiredDuringSchedulingIgnoredDuringExecution',
  );
  const preferred = listAt(
    antiAffinity,
    'preferredDuringSchedulingIgnoredDuringExecution',
  ).map(weighted => recordAt(weighted, 'podAffinityTerm'));
  return [...required, ...preferred].some(hasZoneKey)
    ? 'anti-affinity'
    : 'none';
}

function expressionMatches(
  expression: unknown,
  labels: Record<string, string>,
): boolean {
  if (!isRecord(expression) || typeof expression.key !== 'string') return false;
  const values = Array.isArray(expression.values)
    ? expression.values.filter((v): v is string => typeof v === 'string')
    : [];
  const has = Object.prototype.hasOwnProperty.call(labels, expression.key);
  switch (expression.operator) {
    case 'In':
      return has && values.includes(labels[expression.key]);
    case 'NotIn':
      return !has || !values.includes(labels[expression.key]);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      // An operator the API server would have refused: match nothing.
      return false;
  }
}

/**
 * Whether a `metav1.LabelSelector` selects `labels`. As for policy/v1
 * PodDisruptionBudgets, an empty selector (`{}`) selects every pod and an
 * absent one (null) selects none.
 */
export function labelSelectorMatches(
  selector: unknown,
  labels: Record<string, string>,
): boolean {
  if (!isRecord(selector)) return false;
  const matchLabels = stringMapOf(selector.matchLabels);
  return (
    Object.entries(matchLabels).every(
      ([key, value]) => labels[key] === value,
    ) &&
    listAt(selector, 'matchExpressions').every(expression =>
      expressionMatches(expression, labels),
    )
  );
}
