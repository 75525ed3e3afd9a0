/** The patterns and checks the fleet file's readers share. */
import { parseDuration } from './duration';
import { isQuantity } from './quantity';
import type { ComplianceStatus, DisruptionType } from './types';
import type { Reader } from './validate';

export const ACCOUNT_ID = /^\d{12}$/;
export const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
/** An AZ ID such as `use1-az1` (the fleet file's zone maps, the control API's `awayFrom`). */
export const ZONE_ID = /^[a-z]{2,5}\d+-az\d+$/;
export const CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9\-_]{0,99}$/;
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
export const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
export const K8S_VERSION = /^\d+\.\d+$/;
export const SEMVER = /^\d+\.\d+\.\d+$/;
export const BUDGET_NODES = /^(\d+|\d+%|100%)$/;

export const COMPLIANCE: readonly ComplianceStatus[] = [
  'PolicyBreached',
  'PolicyMet',
  'NotApplicable',
  'MissingPolicy',
];
export const DISRUPTION_TYPES: readonly DisruptionType[] = [
  'Software',
  'Hardware',
  'AZ',
  'Region',
];

export const durationCheck = (value: string) =>
  parseDuration(value) === undefined
    ? `"${value}" is not a duration such as 30s, 5m or 1h30m`
    : undefined;
export const quantityCheck = (value: string) =>
  isQuantity(value)
    ? undefined
    : `"${value}" is not a quantity such as 500m, 2, 1Gi`;

export function checkUnique(
  r: Reader,
  keys: string[],
  path: string,
  what: string,
) {
  const seen = new Set<string>();
  keys.forEach((key, index) => {
    if (seen.has(key))
      r.fail(`${path}[${index}]`, `duplicate ${what} "${key}"`);
    seen.add(key);
  });
}
