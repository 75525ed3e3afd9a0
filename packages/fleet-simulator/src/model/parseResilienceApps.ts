/** Reads a fleet file's Resilience Hub apps: their clusters, policy and assessment. */
import { COMPLIANCE, DISRUPTION_TYPES, REGION } from './parseChecks';
import type { AccountSpec, ClusterSpec, ResilienceAppSpec } from './spec';
import type { ComplianceStatus, DisruptionType } from './types';
import type { Reader } from './validate';

export function readApp(
  r: Reader,
  value: unknown,
  path: string,
  accounts: AccountSpec[],
  clusters: ClusterSpec[],
): ResilienceAppSpec | undefined {
  const fields = r.object(value, path, [
    'name',
    'account',
    'region',
    'clusters',
    'resiliencyScore',
    'complianceStatus',
    'driftStatus',
    'policy',
    'assessment',
  ]);
  if (!fields) return undefined;
  const name = r.string(fields, 'name', path, {
    required: true,
    pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{1,59}$/,
    hint: 'a Resilience Hub app name (2-60 letters, digits, - and _)',
  });
  const account = r.string(fields, 'account', path, {
    required: true,
    check: text =>
      accounts.some(a => a.id === text)
        ? undefined
        : `no account "${text}" in accounts`,
  });
  const region = r.string(fields, 'region', path, {
    required: true,
    pattern: REGION,
    hint: 'a region name',
  });
  const appClusters = r.list(
    fields,
    'clusters',
    path,
    (item, at) => {
      const ref = r.object(item, at, [
        'name',
        'account',
        'region',
        'namespaces',
      ]);
      if (!ref) return undefined;
      const clusterName = r.string(ref, 'name', at, { required: true });
      const refAccount = r.string(ref, 'account', at) ?? account;
      const refRegion = r.string(ref, 'region', at) ?? region;
      const namespaces = r.strings(ref, 'namespaces', at);
      if (
        clusterName &&
        !clusters.some(
          c =>
            c.name === clusterName &&
            c.account === refAccount &&
            c.region === refRegion,
        )
      ) {
        return r.fail(
          at,
          `no cluster "${clusterName}" in account ${refAccount}, region ${refRegion}`,
        );
      }
      return clusterName
        ? {
            name: clusterName,
            account: refAccount,
            region: refRegion,
            namespaces,
          }
        : undefined;
    },
    { required: true },
  );
  const resiliencyScore = r.number(fields, 'resiliencyScore', path, {
    required: true,
    min: 0,
    max: 100,
  });
  const complianceStatus = r.string(fields, 'complianceStatus', path, {
    required: true,
    oneOf: [...COMPLIANCE, 'NotAssessed', 'ChangesDetected'],
  }) as ResilienceAppSpec['complianceStatus'] | undefined;
  const driftStatus = r.string(fields, 'driftStatus', path, {
    oneOf: ['NotChecked', 'NotDetected', 'Detected'],
  }) as ResilienceAppSpec['driftStatus'];
  const policy = readPerDisruption(
    r,
    fields.policy,
    `${path}.policy`,
    (item, at) => {
      const target = r.object(item, at, ['rtoInSecs', 'rpoInSecs']);
      if (!target) return undefined;
      const rtoInSecs = r.number(target, 'rtoInSecs', at, {
        required: true,
        integer: true,
        min: 0,
      });
      const rpoInSecs = r.number(target, 'rpoInSecs', at, {
        required: true,
        integer: true,
        min: 0,
      });
      return rtoInSecs !== undefined && rpoInSecs !== undefined
        ? { rtoInSecs, rpoInSecs }
        : undefined;
    },
  );
  const assessment =
    fields.assessment === undefined
      ? undefined
      : readAssessment(r, fields.assessment, `${path}.assessment`);
  if (
    !name ||
    !account ||
    !region ||
    !appClusters ||
    resiliencyScore === undefined ||
    !complianceStatus ||
    !policy
  ) {
    return undefined;
  }
  return {
    name,
    account,
    region,
    clusters: appClusters,
    resiliencyScore,
    complianceStatus,
    driftStatus,
    policy,
    assessment,
  };
}

function readPerDisruption<T>(
  r: Reader,
  value: unknown,
  path: string,
  read: (item: unknown, path: string) => T | undefined,
): Partial<Record<DisruptionType, T>> | undefined {
  if (value === undefined) return r.fail(path, 'is required');
  const fields = r.object(value, path, DISRUPTION_TYPES);
  if (!fields) return undefined;
  const out: Partial<Record<DisruptionType, T>> = {};
  for (const type of DISRUPTION_TYPES) {
    if (fields[type] !== undefined) {
      const item = read(fields[type], `${path}.${type}`);
      if (item !== undefined) out[type] = item;
    }
  }
  return out;
}

function readAssessment(
  r: Reader,
  value: unknown,
  path: string,
): ResilienceAppSpec['assessment'] | undefined {
  const fields = r.object(value, path, [
    'complianceStatus',
    'disruptionScore',
    'compliance',
  ]);
  if (!fields) return undefined;
  const complianceStatus = r.string(fields, 'complianceStatus', path, {
    required: true,
    oneOf: COMPLIANCE,
  }) as ComplianceStatus | undefined;
  const disruptionScore = readPerDisruption(
    r,
    fields.disruptionScore,
    `${path}.disruptionScore`,
    (item, at) =>
      typeof item === 'number' && item >= 0 && item <= 100
        ? item
        : r.fail(at, 'must be a score from 0 to 100'),
  );
  const compliance = readPerDisruption(
    r,
    fields.compliance,
    `${path}.compliance`,
    (item, at) => {
      const entry = r.object(item, at, [
        'complianceStatus',
        'currentRtoInSecs',
        'currentRpoInSecs',
      ]);
      if (!entry) return undefined;
      const status = r.string(entry, 'complianceStatus', at, {
        required: true,
        oneOf: COMPLIANCE,
      }) as ComplianceStatus | undefined;
      const currentRtoInSecs = r.number(entry, 'currentRtoInSecs', at, {
        required: true,
        integer: true,
        min: 0,
      });
      const currentRpoInSecs = r.number(entry, 'currentRpoInSecs', at, {
        required: true,
        integer: true,
        min: 0,
      });
      return status &&
        currentRtoInSecs !== undefined &&
        currentRpoInSecs !== undefined
        ? { complianceStatus: status, currentRtoInSecs, currentRpoInSecs }
        : undefined;
    },
  );
  if (!complianceStatus || !disruptionScore || !compliance) return undefined;
  return { complianceStatus, disruptionScore, compliance };
}
