/**
 * keep-nodes mode: while ARC shifts away from an AZ, the Nodes there get
 * `karpenter.sh/do-not-disrupt: "true"` so that Karpenter's drift and
 * consolidation leave them alone (EKS has cordoned them; they keep serving
 * what they run). Pure.
 *
 * Our mark is two annotations: do-not-disrupt, and
 * {@link DO_NOT_DISRUPT_FOR_ANNOTATION} naming the away zone it was set for.
 * - A Node that carries do-not-disrupt without our marker has it from someone
 *   else: never marked, never unmarked by us.
 * - Our marks go once the Node's zone is no longer away (shift ended or moved).
 *   A Node without a zone label is judged by the zone in our marker.
 * - If someone changed do-not-disrupt after we set it, their value stays and
 *   only our marker goes. If someone removed it during the shift, it is not
 *   set again (our marker stays until the shift ends, then goes).
 */

/**
 * Karpenter's annotation blocking voluntary disruption of a Node or Pod.
 *
 * @public
 */
export const DO_NOT_DISRUPT_ANNOTATION = 'karpenter.sh/do-not-disrupt';

/**
 * Our marker next to a do-not-disrupt we set: the away zone ID it is for.
 *
 * @public
 */
export const DO_NOT_DISRUPT_FOR_ANNOTATION =
  'fleet-resilience.io/do-not-disrupt-for';

/** @public */
export interface MarkNode {
  name: string;
  /** The Node's `topology.k8s.aws/zone-id` label, when it has one. */
  zoneId?: string;
  annotations: Record<string, string>;
}

/**
 * A merge patch of one Node's annotations (`null` removes one).
 *
 * @public
 */
export interface NodeMarkPatch {
  name: string;
  annotations: Record<string, string | null>;
}

/** @public */
export interface NodeMarksPlan {
  /** One patch per Node that changes, in input order. */
  patches: NodeMarkPatch[];
  /** Nodes carrying our mark once the patches are applied (sorted). */
  marked: string[];
  /** Nodes in an away zone left unmarked because do-not-disrupt is someone else's (sorted). */
  markedByOthers: string[];
  /** Nodes in an away zone we marked whose do-not-disrupt someone removed: left so (sorted). */
  released: string[];
}

/** Whether the Node carries our mark (our marker annotation). */
function ourZone(node: MarkNode): string | undefined {
  return node.annotations[DO_NOT_DISRUPT_FOR_ANNOTATION];
}

/**
 * The annotation patches that mark the Nodes of the away zones and unmark the
 * others we marked (see the file comment).
 *
 * @public
 */
export function planNodeMarks(
  nodes: readonly MarkNode[],
  awayZoneIds: readonly string[],
): NodeMarksPlan {
  const away = new Set(awayZoneIds);
  const patches: NodeMarkPatch[] = [];
  const marked: string[] = [];
  const markedByOthers: string[] = [];
  const released: string[] = [];
  for (const node of nodes) {
    const markerZone = ourZone(node);
    const zoneId = node.zoneId ?? markerZone;
    // The zone ID while it is away, else undefined.
    const awayZone =
      zoneId !== undefined && away.has(zoneId) ? zoneId : undefined;
    const inAwayZone = awayZone !== undefined;
    const doNotDisrupt = node.annotations[DO_NOT_DISRUPT_ANNOTATION];
    if (markerZone !== undefined) {
      if (awayZone !== undefined && doNotDisrupt === 'true') {
        marked.push(node.name);
        if (markerZone !== awayZone) {
          patches.push({
            name: node.name,
            annotations: { [DO_NOT_DISRUPT_FOR_ANNOTATION]: awayZone },
          });
        }
      } else if (inAwayZone && doNotDisrupt === undefined) {
        // Ours, but someone removed do-not-disrupt: they want the Node
        // disruptable. Not set again; the marker stays until the shift ends
        // so that the Node is not marked anew meanwhile.
        released.push(node.name);
      } else if (inAwayZone) {
        // Someone set their own value over ours: it is theirs now.
        markedByOthers.push(node.name);
        patches.push({
          name: node.name,
          annotations: { [DO_NOT_DISRUPT_FOR_ANNOTATION]: null },
        });
      } else {
        patches.push({
          name: node.name,
          annotations: {
            // Only the value we set is ours to remove.
            ...(doNotDisrupt === 'true'
              ? { [DO_NOT_DISRUPT_ANNOTATION]: null }
              : {}),
            [DO_NOT_DISRUPT_FOR_ANNOTATION]: null,
          },
        });
      }
    } else if (awayZone !== undefined) {
      if (doNotDisrupt !== undefined) {
        markedByOthers.push(node.name);
      } else {
        marked.push(node.name);
        patches.push({
          name: node.name,
          annotations: {
            [DO_NOT_DISRUPT_ANNOTATION]: 'true',
            [DO_NOT_DISRUPT_FOR_ANNOTATION]: awayZone,
          },
        });
      }
    }
  }
  return {
    patches,
    marked: marked.sort(),
    markedByOthers: markedByOthers.sort(),
    released: released.sort(),
  };
}

/**
 * A Node's annotations after a patch, with merge-patch semantics (tests, dry runs).
 *
 * @public
 */
export function applyNodeMarkPatch(
  annotations: Readonly<Record<string, string>>,
  patch: NodeMarkPatch,
): Record<string, string> {
  const result = { ...annotations };
  for (const [key, value] of Object.entries(patch.annotations)) {
    if (value === null) {
      delete result[key];
    } else {
      result[key] = value;
    }
  }
  return result;
}
