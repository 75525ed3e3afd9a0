/**
 * keep-nodes mode: which Nodes to mark `karpenter.sh/do-not-disrupt` while a
 * shift applies, and which marks to remove afterwards. Pure.
 *
 * The reconciler marks only Nodes that carry no do-not-disrupt of their own,
 * and records that the mark is its own in a second annotation, so afterwards
 * it removes exactly its own marks and never one someone else set.
 */
import type { Zone } from '@fleet-resilience/plugin-fleet-resilience-common';
import type { NodeMarkState } from '@fleet-resilience/plugin-fleet-resilience-node';

export const DO_NOT_DISRUPT_ANNOTATION = 'karpenter.sh/do-not-disrupt';
/** Set next to the do-not-disrupt mark the reconciler placed itself. */
export const MARKED_BY_RECONCILER_ANNOTATION =
  'fleet-resilience.io/marked-do-not-disrupt';

export interface NodeMarkPatch {
  name: string;
  resourceVersion: string;
  annotations: Record<string, string | null>;
}

export interface NodeMarkPlan {
  patches: NodeMarkPatch[];
  /** Nodes carrying the reconciler's mark once the patches are applied. */
  markedAfter: string[];
  /** Nodes carrying the reconciler's mark now. */
  markedNow: string[];
}

function zoneIdOf(node: NodeMarkState, zones: readonly Zone[]): string | undefined {
  if (node.zoneId) return node.zoneId;
  return zones.find(zone => zone.name === node.zoneName)?.id;
}

export function planMarks(input: {
  nodes: readonly NodeMarkState[];
  awayZoneIds: readonly string[];
  zones: readonly Zone[];
}): NodeMarkPlan {
  const away = new Set(input.awayZoneIds);
  const patches: NodeMarkPatch[] = [];
  const markedAfter: string[] = [];
  const markedNow: string[] = [];
  for (const node of input.nodes) {
    const ours = node.annotations[MARKED_BY_RECONCILER_ANNOTATION] === 'true';
    const inAwayZone = away.has(zoneIdOf(node, input.zones) ?? '');
    if (ours) markedNow.push(node.name);
    if (inAwayZone) {
      if (ours) {
        markedAfter.push(node.name);
      } else if (node.annotations[DO_NOT_DISRUPT_ANNOTATION] === undefined) {
        patches.push({
          name: node.name,
          resourceVersion: node.resourceVersion,
          annotations: {
            [DO_NOT_DISRUPT_ANNOTATION]: 'true',
            [MARKED_BY_RECONCILER_ANNOTATION]: 'true',
          },
        });
        markedAfter.push(node.name);
      }
    } else if (ours) {
      patches.push({
        name: node.name,
        resourceVersion: node.resourceVersion,
        annotations: {
          [DO_NOT_DISRUPT_ANNOTATION]: null,
          [MARKED_BY_RECONCILER_ANNOTATION]: null,
        },
      });
    }
  }
  return {
    patches,
    markedAfter: markedAfter.sort(),
    markedNow: markedNow.sort(),
  };
}
