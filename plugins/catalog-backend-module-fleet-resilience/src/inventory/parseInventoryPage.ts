/**
 * Validates one page of `GET /api/fleet-resilience/inventory` as it comes off
 * the wire. A malformed page is an error (the refresh fails and the catalog
 * keeps what it has); a malformed item is left out and reported, and the
 * rest of the page goes through. Whether an item's identity is usable is the
 * mapping's call (`entityFromCluster`), which says what is missing.
 */
import {
  READINESS_VERDICTS,
  type FleetInventoryCluster,
  type FleetInventorySourceStatus,
  type ReadinessVerdict,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type { ClusterReport } from '../mapping/entitiesFromInventory';

export interface InventoryPage {
  clusters: FleetInventoryCluster[];
  problems: ClusterReport[];
  /** Items the page held, clusters and problems together. */
  itemCount: number;
  totalCount: number;
  sources: FleetInventorySourceStatus[];
  /** Offset of the next page; undefined on the last page. */
  nextOffset?: number;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(item: Json, field: string): string | undefined {
  const value = item[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new Error(`${field} is not a string`);
  return value;
}

function stringRecord(value: unknown, field: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw new Error(`${field} is not an object`);
  const record: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry !== 'string') {
      throw new Error(`${field}.${key} is not a string`);
    }
    record[key] = entry;
  }
  return record;
}

/**
 * The readiness verdict; a verdict this module does not know (a newer
 * backend's) reads as `unknown` rather than losing the cluster.
 */
function readinessOf(item: Json): ReadinessVerdict | undefined {
  const value = optionalString(item, 'readiness');
  if (value === undefined) return undefined;
  return (READINESS_VERDICTS as readonly string[]).includes(value)
    ? (value as ReadinessVerdict)
    : 'unknown';
}

function parseCluster(item: unknown): FleetInventoryCluster {
  if (!isObject(item)) throw new Error('item is not an object');
  const ref = item.ref;
  if (!isObject(ref)) throw new Error('it has no cluster reference');
  const refField = (field: string) => optionalString(ref, field) ?? '';
  return {
    ref: {
      arn: refField('arn'),
      accountId: refField('accountId'),
      region: refField('region'),
      name: refField('name'),
    },
    sourceId: optionalString(item, 'sourceId') ?? '',
    version: optionalString(item, 'version'),
    status: optionalString(item, 'status'),
    endpoint: optionalString(item, 'endpoint'),
    certificateAuthorityData: optionalString(item, 'certificateAuthorityData'),
    tags: stringRecord(item.tags, 'tags'),
    owner: optionalString(item, 'owner'),
    system: optionalString(item, 'system'),
    readiness: readinessOf(item),
    firstSeenAt: optionalString(item, 'firstSeenAt') ?? '',
    lastSeenAt: optionalString(item, 'lastSeenAt') ?? '',
  };
}

function parseSource(value: unknown, index: number) {
  if (
    !isObject(value) ||
    typeof value.id !== 'string' ||
    typeof value.lastAttemptAt !== 'string' ||
    typeof value.ok !== 'boolean'
  ) {
    throw new Error(`inventory response's sources[${index}] is malformed`);
  }
  const status: FleetInventorySourceStatus = {
    id: value.id,
    lastAttemptAt: value.lastAttemptAt,
    ok: value.ok,
  };
  if (typeof value.lastSuccessAt === 'string') {
    status.lastSuccessAt = value.lastSuccessAt;
  }
  if (typeof value.errorMessage === 'string') {
    status.errorMessage = value.errorMessage;
  }
  return status;
}

function describeItem(item: unknown, position: number): string {
  const arn = isObject(item) && isObject(item.ref) ? item.ref.arn : undefined;
  return typeof arn === 'string' && arn.length > 0
    ? arn
    : `inventory item #${position}`;
}

/**
 * Parses the page requested at `offset`.
 *
 * @throws when the page itself is malformed, or its next offset would not move forward.
 */
export function parseInventoryPage(
  body: unknown,
  offset: number,
): InventoryPage {
  if (!isObject(body) || !Array.isArray(body.items)) {
    throw new Error('inventory response has no items list');
  }
  if (
    typeof body.totalCount !== 'number' ||
    !Number.isInteger(body.totalCount) ||
    body.totalCount < 0
  ) {
    throw new Error('inventory response has no totalCount');
  }
  if (!Array.isArray(body.sources)) {
    throw new Error('inventory response has no sources list');
  }
  const paging = body.paging;
  if (!isObject(paging)) {
    throw new Error('inventory response has no paging');
  }
  const next = paging.nextOffset;
  if (next !== undefined && next !== null) {
    if (typeof next !== 'number' || !Number.isInteger(next) || next <= offset) {
      throw new Error(
        `inventory response's paging.nextOffset ${JSON.stringify(
          next,
        )} does not move past offset ${offset}`,
      );
    }
  }
  const clusters: FleetInventoryCluster[] = [];
  const problems: ClusterReport[] = [];
  body.items.forEach((item, index) => {
    try {
      clusters.push(parseCluster(item));
    } catch (error) {
      problems.push({
        resource: describeItem(item, offset + index),
        message: `cluster skipped: ${(error as Error).message}`,
      });
    }
  });
  return {
    clusters,
    problems,
    itemCount: body.items.length,
    totalCount: body.totalCount,
    sources: body.sources.map(parseSource),
    nextOffset: typeof next === 'number' ? next : undefined,
  };
}
