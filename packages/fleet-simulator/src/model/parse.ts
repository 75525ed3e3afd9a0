/**
 * Reads a fleet file (YAML text or an already parsed object) into a FleetSpec,
 * reporting every problem as `path: message`.
 */
import { parse as parseYaml } from 'yaml';
import { parseDuration } from './duration';
import {
  ACCOUNT_ID,
  checkUnique,
  durationCheck,
  REGION,
  ZONE_ID,
} from './parseChecks';
import { readCluster } from './parseCluster';
import { readConfigRecorder, readIam, readRoles } from './parseAccess';
import { readApp } from './parseResilienceApps';
import type { AccountSpec, FleetSpec, SimulationSpec } from './spec';
import { Reader, type ValidationIssue } from './validate';

export class FleetSpecError extends Error {
  constructor(readonly issues: ValidationIssue[]) {
    super(
      `invalid fleet spec (${issues.length} problem${
        issues.length === 1 ? '' : 's'
      }):\n${issues
        .map(issue => `  ${issue.path}: ${issue.message}`)
        .join('\n')}`,
    );
    this.name = 'FleetSpecError';
  }
}

/** Parses and validates YAML text. */
export function parseFleetYaml(text: string): FleetSpec {
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    throw new FleetSpecError([
      { path: '(yaml)', message: (error as Error).message },
    ]);
  }
  return validateFleetSpec(document);
}

/** Validates a parsed document and returns it as a FleetSpec, or throws FleetSpecError. */
export function validateFleetSpec(document: unknown): FleetSpec {
  const reader = new Reader();
  const spec = readFleet(reader, document);
  if (reader.issues.length > 0 || !spec)
    throw new FleetSpecError(reader.issues);
  return spec;
}

function readFleet(r: Reader, document: unknown): FleetSpec | undefined {
  const fields = r.object(document, '', [
    'accounts',
    'clusters',
    'resilienceApps',
    'simulation',
    'iam',
  ]);
  if (!fields) return undefined;
  const accounts =
    r.list(fields, 'accounts', '', (item, path) => readAccount(r, item, path), {
      required: true,
      min: 1,
    }) ?? [];
  checkUnique(
    r,
    accounts.map(account => account.id),
    'accounts',
    'id',
  );
  const clusters =
    r.list(
      fields,
      'clusters',
      '',
      (item, path) => readCluster(r, item, path, accounts),
      {
        required: true,
      },
    ) ?? [];
  checkUnique(
    r,
    clusters.map(
      cluster => `${cluster.account}/${cluster.region}/${cluster.name}`,
    ),
    'clusters',
    'account/region/name',
  );
  const resilienceApps = r.list(fields, 'resilienceApps', '', (item, path) =>
    readApp(r, item, path, accounts, clusters),
  );
  const simulation =
    fields.simulation === undefined
      ? undefined
      : readSimulation(r, fields.simulation, 'simulation');
  const iam =
    fields.iam === undefined ? undefined : readIam(r, fields.iam, 'iam');
  return {
    accounts,
    clusters,
    resilienceApps,
    simulation,
    ...(iam ? { iam } : {}),
  };
}

function readSimulation(
  r: Reader,
  value: unknown,
  path: string,
): SimulationSpec | undefined {
  const fields = r.object(value, path, ['driftReplaceAfter', 'round']);
  if (!fields) return undefined;
  return {
    driftReplaceAfter: r.string(fields, 'driftReplaceAfter', path, {
      check: durationCheck,
    }),
    round: r.string(fields, 'round', path, {
      check: text =>
        durationCheck(text) ??
        (parseDuration(text) === 0 ? 'must be longer than 0' : undefined),
    }),
  };
}

function readAccount(
  r: Reader,
  value: unknown,
  path: string,
): AccountSpec | undefined {
  const fields = r.object(value, path, [
    'id',
    'name',
    'zones',
    'roles',
    'configRecorder',
  ]);
  if (!fields) return undefined;
  const id = r.string(fields, 'id', path, {
    required: true,
    pattern: ACCOUNT_ID,
    hint: 'a 12-digit account ID',
  });
  const name = r.string(fields, 'name', path);
  const zonesPath = `${path}.zones`;
  if (fields.zones === undefined) return r.fail(zonesPath, 'is required');
  const zones = r.map(
    fields.zones,
    zonesPath,
    (regionZones, regionPath, region) => {
      if (!REGION.test(region))
        return r.fail(
          regionPath,
          `"${region}" is not a region name such as us-east-1`,
        );
      const mapping = r.map(
        regionZones,
        regionPath,
        (zoneId, zonePath, zoneName) => {
          if (!new RegExp(`^${region}[a-z]$`).test(zoneName)) {
            return r.fail(
              zonePath,
              `"${zoneName}" is not a zone name of ${region} (e.g. ${region}a)`,
            );
          }
          if (typeof zoneId !== 'string' || !ZONE_ID.test(zoneId)) {
            return r.fail(
              zonePath,
              `must be an AZ ID such as use1-az1, got ${JSON.stringify(
                zoneId,
              )}`,
            );
          }
          return zoneId;
        },
      );
      if (
        mapping &&
        new Set(Object.values(mapping)).size !== Object.values(mapping).length
      ) {
        return r.fail(regionPath, 'maps two zone names to the same AZ ID');
      }
      return mapping;
    },
  );
  const roles = readRoles(r, fields, path);
  const configRecorder = readConfigRecorder(
    r,
    fields.configRecorder,
    `${path}.configRecorder`,
  );
  if (!id || !zones) return undefined;
  return {
    id,
    name,
    zones,
    ...(roles ? { roles } : {}),
    ...(configRecorder ? { configRecorder } : {}),
  };
}
