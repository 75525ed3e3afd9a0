import { ForwardedError } from '@backstage/errors';
import type { ArcZonalShiftClient } from '../arc/ArcZonalShiftClient';
import type {
  AutoshiftExecutionStatus,
  ListPage,
  ZonalShiftStatus,
} from '../arc/types';
import type {
  AccountRegion,
  ArcRegionState,
  ArcStateReader,
  InventoryProblem,
  ManagedResourceState,
} from '../sources/types';
import { describeError } from '../util/errors';
import { mapWithConcurrency } from '../util/mapWithConcurrency';
import type { AwsClients } from './AwsClientFactory';
import {
  autoshiftFromSummary,
  isEksClusterIn,
  managedResourceState,
  practiceRunConfigurationOf,
  zonalShiftFromSummary,
} from './arcState';
import { checkAccountRegion, scopeName } from './identifiers';

/**
 * Options of {@link AwsArcStateReader}.
 *
 * @public
 */
export interface AwsArcStateReaderOptions {
  clients: Pick<AwsClients, 'arc'>;
}

const SHIFT_STATUSES: ZonalShiftStatus[] = ['ACTIVE', 'EXPIRED', 'CANCELED'];
const AUTOSHIFT_STATUSES: AutoshiftExecutionStatus[] = ['ACTIVE', 'COMPLETED'];
const PAGE_SIZE = 100;
/** GetManagedResource calls in flight per region. */
const GET_CONCURRENCY = 8;

async function collect<T>(
  pages: AsyncGenerator<ListPage<T>>,
  signal?: AbortSignal,
): Promise<T[]> {
  const items: T[] = [];
  for await (const page of pages) {
    items.push(...page.items);
    signal?.throwIfAborted();
  }
  return items;
}

/**
 * ARC's view of one account and region in six paged calls, however many
 * clusters: ListManagedResources, ListZonalShifts once per status (ACTIVE,
 * EXPIRED, CANCELED: asking per status does not depend on what ARC lists by
 * default) and ListAutoshifts for ACTIVE and COMPLETED (ARC lists only ACTIVE
 * by default). Only EKS clusters of the account and region are kept. Any failure (no access, ARC not
 * offered in the region) rejects with the account and region in the message.
 *
 * ListManagedResources says only whether a practice-run configuration exists
 * (`practiceRunStatus`); for each resource where it is ENABLED one
 * GetManagedResource (at most 8 at a time) reads the configuration itself. A
 * Get that fails leaves that configuration out and is reported in
 * `problems`: the region's state still stands.
 *
 * @public
 */
export class AwsArcStateReader implements ArcStateReader {
  constructor(private readonly options: AwsArcStateReaderOptions) {}

  async readRegion(
    target: AccountRegion,
    options: { signal?: AbortSignal } = {},
  ): Promise<ArcRegionState> {
    const { signal } = options;
    const { accountId, region } = checkAccountRegion(target);
    try {
      const client = await this.options.clients.arc(target);
      const [resources, shifts, autoshifts] = await Promise.all([
        collect(
          client.paginateManagedResources({ maxResults: PAGE_SIZE }),
          signal,
        ),
        Promise.all(
          SHIFT_STATUSES.map(status => listShifts(client, status, signal)),
        ),
        Promise.all(
          AUTOSHIFT_STATUSES.map(status =>
            collect(
              client.paginateAutoshifts({ status, maxResults: PAGE_SIZE }),
              signal,
            ),
          ),
        ),
      ]);
      const problems: InventoryProblem[] = [];
      const zonalShifts = eachReadable(
        shifts
          .flat()
          .filter(shift =>
            isEksClusterIn(shift.resourceIdentifier, { accountId, region }),
          ),
        zonalShiftFromSummary,
        shift => `zonal shift ${String(shift.zonalShiftId)}`,
        problems,
      );
      const managedResources = eachReadable(
        resources,
        resource => managedResourceState(resource, { accountId, region }),
        resource => `managed resource ${String(resource.arn)}`,
        problems,
      );
      await addPracticeRunConfigurations(
        client,
        managedResources,
        problems,
        signal,
      );
      return {
        accountId,
        region,
        managedResources,
        zonalShifts,
        autoshifts: eachReadable(
          autoshifts.flat(),
          autoshiftFromSummary,
          autoshift => `autoshift away from ${String(autoshift.awayFrom)}`,
          problems,
        ),
        ...(problems.length > 0 ? { problems } : {}),
      };
    } catch (error) {
      throw new ForwardedError(
        `ARC zonal shift state could not be read in ${scopeName(target)}`,
        error,
      );
    }
  }
}

async function addPracticeRunConfigurations(
  client: ArcZonalShiftClient,
  resources: ManagedResourceState[],
  problems: InventoryProblem[],
  signal?: AbortSignal,
) {
  const configured = resources.filter(r => r.practiceRunStatus === 'ENABLED');
  const results = await mapWithConcurrency(
    configured,
    GET_CONCURRENCY,
    async resource => {
      const detail = await client.getManagedResource(resource.arn);
      return practiceRunConfigurationOf(detail.practiceRunConfiguration);
    },
    { signal },
  );
  signal?.throwIfAborted();
  results.forEach((result, index) => {
    const resource = configured[index];
    if (!result.ok) {
      problems.push({
        source: 'arc',
        resource: `managed resource ${resource.arn}`.slice(0, 200),
        message: `practice run configuration not read: ${describeError(
          result.error,
        )}`,
      });
    } else if (result.value) {
      resource.practiceRunConfiguration = result.value;
    }
  });
}

/** Each item converted; one that cannot be (a time that is not a time) becomes a problem, not a failed region. */
function eachReadable<T, R>(
  items: readonly T[],
  convert: (item: T) => R | undefined,
  name: (item: T) => string,
  problems: InventoryProblem[],
): R[] {
  return items.flatMap(item => {
    try {
      const value = convert(item);
      return value === undefined ? [] : [value];
    } catch (error) {
      problems.push({
        source: 'arc',
        resource: name(item).slice(0, 200),
        message: `left out: ${describeError(error)}`,
      });
      return [];
    }
  });
}

function listShifts(
  client: ArcZonalShiftClient,
  status: ZonalShiftStatus,
  signal?: AbortSignal,
) {
  return collect(
    client.paginateZonalShifts({ status, maxResults: PAGE_SIZE }),
    signal,
  );
}
