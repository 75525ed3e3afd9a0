import {
  parseCpuMillicores,
  parseMemoryBytes,
  ZONE_ID_KEY,
  ZONE_NAME_KEY,
  type CapacityNode,
  type Zone,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type { InventoryProblem } from '../sources/types';
import {
  InvalidObjectError,
  kubernetesProblem,
  optionalRecord,
  readObject,
  requiredName,
  stringMap,
  type ObjectResult,
} from './objectResult';

function quantity(
  allocatable: Record<string, unknown> | undefined,
  resource: 'cpu' | 'memory',
  parse: (quantity: string) => number,
): number {
  const value = allocatable?.[resource];
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'string')
    throw new InvalidObjectError(
      `status.allocatable.${resource} is not a quantity`,
    );
  return parse(value);
}

/** Ready condition: True -> true, False/Unknown -> false, absent -> undefined. */
function readiness(
  status: Record<string, unknown> | undefined,
): boolean | undefined {
  const conditions = status?.conditions;
  if (conditions === undefined || conditions === null) return undefined;
  if (!Array.isArray(conditions))
    throw new InvalidObjectError('status.conditions is not a list');
  const ready = conditions.find(
    (condition: unknown) =>
      typeof condition === 'object' &&
      condition !== null &&
      (condition as { type?: unknown }).type === 'Ready',
  ) as { status?: unknown } | undefined;
  return ready === undefined ? undefined : ready.status === 'True';
}

/**
 * A Node as capacity sees it: its AZ from both zone labels (name and ID),
 * `status.allocatable` CPU and memory, cordon and readiness.
 */
export function capacityNodeFrom(node: unknown): ObjectResult<CapacityNode> {
  return readObject('Node', node, object => {
    const name = requiredName(object);
    const metadata = optionalRecord(object.metadata, 'metadata');
    const labels = stringMap(metadata?.labels, 'metadata.labels');
    const spec = optionalRecord(object.spec, 'spec');
    const status = optionalRecord(object.status, 'status');
    const allocatable = optionalRecord(
      status?.allocatable,
      'status.allocatable',
    );
    const zoneName = labels[ZONE_NAME_KEY];
    const zoneId = labels[ZONE_ID_KEY];
    const ready = readiness(status);
    return {
      name,
      ...(zoneName && zoneId ? { zone: { name: zoneName, id: zoneId } } : {}),
      allocatable: {
        cpuMillicores: quantity(allocatable, 'cpu', parseCpuMillicores),
        memoryBytes: quantity(allocatable, 'memory', parseMemoryBytes),
      },
      unschedulable: spec?.unschedulable === true,
      ...(ready !== undefined ? { ready } : {}),
    };
  });
}

/**
 * The AZ name <-> ID pairs the nodes' labels show, ordered by name. A name
 * or ID that appears with two partners is reported, and neither pair kept.
 */
export function zonesOfNodes(nodes: readonly CapacityNode[]): {
  zones: Zone[];
  problems: InventoryProblem[];
} {
  const idsByName = new Map<string, Set<string>>();
  const namesById = new Map<string, Set<string>>();
  for (const { zone } of nodes) {
    if (!zone) continue;
    idsByName.set(
      zone.name,
      (idsByName.get(zone.name) ?? new Set()).add(zone.id),
    );
    namesById.set(
      zone.id,
      (namesById.get(zone.id) ?? new Set()).add(zone.name),
    );
  }
  const zones: Zone[] = [];
  const problems: InventoryProblem[] = [];
  for (const [name, ids] of idsByName) {
    const conflicting =
      ids.size > 1 || [...ids].some(id => (namesById.get(id)?.size ?? 0) > 1);
    if (conflicting) {
      problems.push(
        kubernetesProblem(
          `zone/${name}`,
          `nodes disagree on the AZ mapping of ${name}: ${[...ids]
            .map(
              id => `${id} (also ${[...(namesById.get(id) ?? [])].join(', ')})`,
            )
            .join('; ')}`,
        ),
      );
    } else {
      zones.push({ name, id: [...ids][0] });
    }
  }
  zones.sort((a, b) => (a.name < b.name ? -1 : Number(a.name > b.name)));
  return { zones, problems };
}
