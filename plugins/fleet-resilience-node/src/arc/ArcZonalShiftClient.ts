import { InputError } from '@backstage/errors';
import type {
  AwsCredentialIdentity,
  AwsCredentialIdentityProvider,
} from '@smithy/types';
import { defaultAwsEndpoint } from '../aws/partitions';
import {
  autoshiftSummaryFromWire,
  managedResourceFromWire,
  managedResourceSummaryFromWire,
  zonalShiftFromWire,
  type Wire,
} from './convert';
import {
  ArcTransport,
  DEFAULT_ARC_TIMEOUTS,
  DEFAULT_RETRY_DELAY,
  uriEncode,
  type ArcRequest,
  type RetryDelay,
} from './transport';
import type {
  AutoshiftSummary,
  CreatePracticeRunConfigurationInput,
  DeletePracticeRunConfigurationOutput,
  ListAutoshiftsInput,
  ListPage,
  ListZonalShiftsInput,
  ManagedResource,
  ManagedResourceSummary,
  PageInput,
  PracticeRunConfigurationOutput,
  StartPracticeRunInput,
  StartZonalShiftInput,
  UpdatePracticeRunConfigurationInput,
  UpdateZonalAutoshiftConfigurationInput,
  UpdateZonalAutoshiftConfigurationOutput,
  UpdateZonalShiftInput,
  ZonalShift,
  ZonalShiftSummary,
} from './types';

/**
 * Options of {@link ArcZonalShiftClient}.
 *
 * @public
 */
export interface ArcZonalShiftClientOptions {
  region: string;
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /**
   * Default: AWS's endpoint of the region, in its partition
   * (`https://arc-zonal-shift.<region>.<dnsSuffix>`, or the FIPS one with
   * `useFipsEndpoint`). An endpoint given here wins over both.
   */
  endpoint?: string;
  /**
   * Use ARC's FIPS endpoint (`arc-zonal-shift-fips.<region>.api.aws`,
   * offered in the US, Canada and GovCloud regions; elsewhere the client
   * refuses to be built). Default false.
   */
  useFipsEndpoint?: boolean;
  /** Attempts per call, retries included; default 3. */
  maxAttempts?: number;
  /** Backoff between retries; default 100 ms doubling up to 20 s, with full jitter. */
  retryDelay?: RetryDelay;
  /** Per attempt, ms; default 10 s. */
  attemptTimeoutMs?: number;
  /** Per call, retries and backoff included, ms; default 30 s. */
  deadlineMs?: number;
  fetch?: typeof fetch;
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const ZONAL_SHIFT_ID = /^[A-Za-z0-9-]{6,36}$/;

/** Refuses what would change the meaning of a URL before anything is sent. */
function shiftIdLabel(zonalShiftId: string): string {
  if (!ZONAL_SHIFT_ID.test(zonalShiftId)) {
    throw new InputError(`'${zonalShiftId}' is not a zonal shift ID`);
  }
  return zonalShiftId;
}

function resourceLabel(resourceIdentifier: string): string {
  if (resourceIdentifier.length < 8 || resourceIdentifier.length > 1024) {
    throw new InputError(
      'A resource identifier is an ARN of 8 to 1024 characters',
    );
  }
  return uriEncode(resourceIdentifier);
}

function pageQuery(input: PageInput): Record<string, string | undefined> {
  return {
    maxResults:
      input.maxResults === undefined ? undefined : String(input.maxResults),
    nextToken: input.nextToken,
  };
}

type Lister<I extends PageInput, T> = (input: I) => Promise<ListPage<T>>;

/** Follows nextToken page by page; a token that repeats ends in an error, not a loop. */
async function* paginate<I extends PageInput, T>(list: Lister<I, T>, input: I) {
  let nextToken = input.nextToken;
  const seen = new Set<string>();
  do {
    const page = await list({ ...input, nextToken });
    yield page;
    nextToken = page.nextToken;
    if (nextToken !== undefined) {
      if (seen.has(nextToken))
        throw new Error('ARC returned the same nextToken twice');
      seen.add(nextToken);
    }
  } while (nextToken !== undefined);
}

/**
 * The project's client for ARC zonal shift (no AWS SDK package for it is
 * available here): SigV4-signed restJson1 calls, typed results with Dates,
 * ArcZonalShiftError on failure, retries on throttling and 5xx.
 *
 * @public
 */
export class ArcZonalShiftClient {
  private readonly transport: ArcTransport;

  constructor(options: ArcZonalShiftClientOptions) {
    if (!REGION.test(options.region)) {
      throw new InputError(`'${options.region}' is not an AWS region`);
    }
    const maxAttempts = options.maxAttempts ?? 3;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
      throw new InputError('maxAttempts must be a positive integer');
    }
    const attemptTimeoutMs =
      options.attemptTimeoutMs ?? DEFAULT_ARC_TIMEOUTS.attemptTimeoutMs;
    const deadlineMs = options.deadlineMs ?? DEFAULT_ARC_TIMEOUTS.deadlineMs;
    for (const [key, value] of Object.entries({
      attemptTimeoutMs,
      deadlineMs,
    })) {
      if (!Number.isInteger(value) || value < 1) {
        throw new InputError(`${key} must be a positive integer`);
      }
    }
    this.transport = new ArcTransport({
      region: options.region,
      credentials: options.credentials,
      endpoint:
        options.endpoint ??
        defaultAwsEndpoint('arc-zonal-shift', options.region, {
          useFipsEndpoint: options.useFipsEndpoint,
        }),
      maxAttempts,
      retryDelay: options.retryDelay ?? DEFAULT_RETRY_DELAY,
      attemptTimeoutMs,
      deadlineMs,
      fetch: options.fetch ?? globalThis.fetch,
    });
  }

  private send<T>(request: ArcRequest): Promise<T> {
    return this.transport.send<T>(request);
  }

  async startZonalShift(input: StartZonalShiftInput): Promise<ZonalShift> {
    const wire = await this.send<Wire<ZonalShift>>({
      method: 'POST',
      path: '/zonalshifts',
      body: input,
    });
    return zonalShiftFromWire(wire);
  }

  async updateZonalShift(input: UpdateZonalShiftInput): Promise<ZonalShift> {
    const { zonalShiftId, ...body } = input;
    const wire = await this.send<Wire<ZonalShift>>({
      method: 'PATCH',
      path: `/zonalshifts/${shiftIdLabel(zonalShiftId)}`,
      body,
    });
    return zonalShiftFromWire(wire);
  }

  async cancelZonalShift(zonalShiftId: string): Promise<ZonalShift> {
    const wire = await this.send<Wire<ZonalShift>>({
      method: 'DELETE',
      path: `/zonalshifts/${shiftIdLabel(zonalShiftId)}`,
    });
    return zonalShiftFromWire(wire);
  }

  async listZonalShifts(
    input: ListZonalShiftsInput = {},
  ): Promise<ListPage<ZonalShiftSummary>> {
    const wire = await this.send<ListPage<Wire<ZonalShiftSummary>>>({
      method: 'GET',
      path: '/zonalshifts',
      query: {
        ...pageQuery(input),
        status: input.status,
        resourceIdentifier: input.resourceIdentifier,
      },
    });
    return { ...wire, items: (wire.items ?? []).map(zonalShiftFromWire) };
  }

  paginateZonalShifts(input: ListZonalShiftsInput = {}) {
    return paginate(i => this.listZonalShifts(i), input);
  }

  async getManagedResource(
    resourceIdentifier: string,
  ): Promise<ManagedResource> {
    const wire = await this.send<Wire<ManagedResource>>({
      method: 'GET',
      path: `/managedresources/${resourceLabel(resourceIdentifier)}`,
    });
    return managedResourceFromWire(wire);
  }

  async listManagedResources(
    input: PageInput = {},
  ): Promise<ListPage<ManagedResourceSummary>> {
    const wire = await this.send<ListPage<Wire<ManagedResourceSummary>>>({
      method: 'GET',
      path: '/managedresources',
      query: pageQuery(input),
    });
    return {
      ...wire,
      items: (wire.items ?? []).map(managedResourceSummaryFromWire),
    };
  }

  paginateManagedResources(input: PageInput = {}) {
    return paginate(i => this.listManagedResources(i), input);
  }

  async listAutoshifts(
    input: ListAutoshiftsInput = {},
  ): Promise<ListPage<AutoshiftSummary>> {
    const wire = await this.send<ListPage<Wire<AutoshiftSummary>>>({
      method: 'GET',
      path: '/autoshifts',
      query: { ...pageQuery(input), status: input.status },
    });
    return { ...wire, items: (wire.items ?? []).map(autoshiftSummaryFromWire) };
  }

  paginateAutoshifts(input: ListAutoshiftsInput = {}) {
    return paginate(i => this.listAutoshifts(i), input);
  }

  updateZonalAutoshiftConfiguration(
    input: UpdateZonalAutoshiftConfigurationInput,
  ): Promise<UpdateZonalAutoshiftConfigurationOutput> {
    return this.send({
      method: 'PUT',
      path: `/managedresources/${resourceLabel(input.resourceIdentifier)}`,
      body: { zonalAutoshiftStatus: input.zonalAutoshiftStatus },
    });
  }

  createPracticeRunConfiguration(
    input: CreatePracticeRunConfigurationInput,
  ): Promise<PracticeRunConfigurationOutput> {
    return this.send({ method: 'POST', path: '/configuration', body: input });
  }

  updatePracticeRunConfiguration(
    input: UpdatePracticeRunConfigurationInput,
  ): Promise<PracticeRunConfigurationOutput> {
    const { resourceIdentifier, ...body } = input;
    return this.send({
      method: 'PATCH',
      path: `/configuration/${resourceLabel(resourceIdentifier)}`,
      body,
    });
  }

  deletePracticeRunConfiguration(
    resourceIdentifier: string,
  ): Promise<DeletePracticeRunConfigurationOutput> {
    return this.send({
      method: 'DELETE',
      path: `/configuration/${resourceLabel(resourceIdentifier)}`,
    });
  }

  async startPracticeRun(input: StartPracticeRunInput): Promise<ZonalShift> {
    const wire = await this.send<Wire<ZonalShift>>({
      method: 'POST',
      path: '/practiceruns',
      body: input,
    });
    return zonalShiftFromWire(wire);
  }

  async cancelPracticeRun(zonalShiftId: string): Promise<ZonalShift> {
    const wire = await this.send<Wire<ZonalShift>>({
      method: 'DELETE',
      path: `/practiceruns/${shiftIdLabel(zonalShiftId)}`,
    });
    return zonalShiftFromWire(wire);
  }
}
