import {
  getManagedResource,
  listAutoshifts,
  listManagedResources,
  updateZonalAutoshiftConfiguration,
} from './managedResourceOperations';
import type { Operation } from './operationContext';
import {
  cancelPracticeRun,
  createPracticeRunConfiguration,
  deletePracticeRunConfiguration,
  startPracticeRun,
  updatePracticeRunConfiguration,
} from './practiceRunOperations';
import {
  cancelZonalShift,
  listZonalShifts,
  startZonalShift,
  updateZonalShift,
} from './zonalShiftOperations';

/** `METHOD /collection` or `METHOD /collection/{label}` -> operation (API 2022-10-30). */
const ROUTES = new Map<string, Operation>(
  Object.entries({
    'POST /zonalshifts': startZonalShift,
    'GET /zonalshifts': listZonalShifts,
    'PATCH /zonalshifts/{}': updateZonalShift,
    'DELETE /zonalshifts/{}': cancelZonalShift,
    'GET /managedresources': listManagedResources,
    'GET /managedresources/{}': getManagedResource,
    'PUT /managedresources/{}': updateZonalAutoshiftConfiguration,
    'GET /autoshifts': listAutoshifts,
    'POST /configuration': createPracticeRunConfiguration,
    'PATCH /configuration/{}': updatePracticeRunConfiguration,
    'DELETE /configuration/{}': deletePracticeRunConfiguration,
    'POST /practiceruns': startPracticeRun,
    'DELETE /practiceruns/{}': cancelPracticeRun,
  }),
);

/**
 * The operation for a request, with its path label still URL-encoded. A label
 * holds one path segment: an ARN sent without encoding its `/` matches nothing.
 */
export function routeArcRequest(
  method: string,
  pathname: string,
): { operation: Operation; label?: string } | undefined {
  const [, collection, label, ...rest] = pathname.split('/');
  if (rest.length > 0 || label === '') return undefined;
  const key =
    label === undefined
      ? `${method} /${collection}`
      : `${method} /${collection}/{}`;
  const operation = ROUTES.get(key);
  return operation ? { operation, label } : undefined;
}
