import {
  ZONE_ID_KEY,
  ZONE_NAME_KEY,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type { NodeMarkState } from '../sources/types';
import {
  InvalidObjectError,
  readObject,
  record,
  requiredName,
  stringMap,
  type ObjectResult,
} from './objectResult';

/** A Node reduced to what marking it needs: zone labels, annotations and its resourceVersion. */
export function nodeMarkStateFrom(node: unknown): ObjectResult<NodeMarkState> {
  return readObject('Node', node, object => {
    const name = requiredName(object);
    const metadata = record(object.metadata, 'metadata');
    if (
      typeof metadata.resourceVersion !== 'string' ||
      metadata.resourceVersion === ''
    ) {
      throw new InvalidObjectError('metadata.resourceVersion is missing');
    }
    const labels = stringMap(metadata.labels, 'metadata.labels');
    const zoneId = labels[ZONE_ID_KEY];
    const zoneName = labels[ZONE_NAME_KEY];
    return {
      name,
      resourceVersion: metadata.resourceVersion,
      ...(zoneId ? { zoneId } : {}),
      ...(zoneName ? { zoneName } : {}),
      annotations: {
        ...stringMap(metadata.annotations, 'metadata.annotations'),
      },
    };
  });
}
