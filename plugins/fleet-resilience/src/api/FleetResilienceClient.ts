import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ACTIVE_SHIFTS_QUERY,
  AUDIT_QUERY,
  FLEET_CHANNEL_HEADER,
  FLEET_LIST_QUERY,
  IDEMPOTENCY_KEY_HEADER,
  READINESS_LIST_QUERY,
  SHIFT_HISTORY_QUERY,
  SHIFT_IMPACT_QUERY,
  fleetClusterPath,
  fleetResiliencePreflightPermission,
  type ActiveShiftsResponse,
  type AuditEventsResponse,
  type ClusterReconcileStatus,
  type FleetClusterDetail,
  type FleetListResponse,
  type FleetReadinessFixResponse,
  type FleetReadinessSummary,
  type ReadinessFixResponse,
  type FleetShiftResponse,
  type PreflightReport,
  type RefreshStatusResponse,
  type ShiftActionResponse,
  type ShiftHistoryResponse,
  type ShiftImpact,
  type StartShiftRequest,
  type UpdateShiftRequest,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type {
  ActiveShiftsQuery,
  AuditQuery,
  FleetListQuery,
  FleetResilienceApi,
  FleetReadinessFixRequest,
  FleetShiftRequest,
  ReadinessFixRequest,
  ReadinessSummaryQuery,
  ShiftHistoryQuery,
} from './FleetResilienceApi';

/**
 * What a refused preflight call means, in place of ResponseError's bare
 * "Request failed with 403 Forbidden"; the status code and body stay.
 */
export const PREFLIGHT_ERROR_MESSAGES: Readonly<Record<number, string>> = {
  403: `You need the ${fleetResiliencePreflightPermission.name} permission to see or run the preflight check (the shipped policy gives it to admins).`,
  404: 'This backend has no preflight route (GET /api/fleet-resilience/preflight answered 404): upgrade the Fleet Resilience backend to a version with preflight.',
};

type QueryValue = string | number | readonly string[] | undefined;

/** `a=1&b=x&b=y`, skipping undefined and empty values. */
export function buildQueryString(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === '') continue;
    if (Array.isArray(value)) {
      for (const item of value) search.append(key, item);
    } else {
      search.append(key, String(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * Calls the Fleet Resilience backend through the discovery and fetch APIs
 * (the fetch API adds the user's Backstage token), each call with the
 * channel header that makes the audit record it as the portal's.
 *
 * @public
 */
export class FleetResilienceClient implements FleetResilienceApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  listClusters(query: FleetListQuery = {}): Promise<FleetListResponse> {
    const q = FLEET_LIST_QUERY;
    return this.get(
      `/clusters${buildQueryString({
        ...filterParams(query),
        [q.sort]: query.sort,
        [q.order]: query.order,
        [q.limit]: query.limit,
        [q.offset]: query.offset,
      })}`,
    );
  }

  getCluster(clusterArn: string): Promise<FleetClusterDetail> {
    return this.get(fleetClusterPath(clusterArn));
  }

  getShiftImpact(clusterArn: string, awayFrom: string): Promise<ShiftImpact> {
    return this.get(
      `${fleetClusterPath(clusterArn)}/shift-impact${buildQueryString({
        [SHIFT_IMPACT_QUERY.awayFrom]: awayFrom,
      })}`,
    );
  }

  listShifts(query: ShiftHistoryQuery = {}): Promise<ShiftHistoryResponse> {
    const q = SHIFT_HISTORY_QUERY;
    return this.get(
      `/shifts${buildQueryString({
        [q.cluster]: query.cluster,
        [q.status]: query.status,
        [q.limit]: query.limit,
        [q.offset]: query.offset,
      })}`,
    );
  }

  listActiveShifts(
    query: ActiveShiftsQuery = {},
  ): Promise<ActiveShiftsResponse> {
    const q = ACTIVE_SHIFTS_QUERY;
    return this.get(
      `/active-shifts${buildQueryString({
        [q.limit]: query.limit,
        [q.offset]: query.offset,
      })}`,
    );
  }

  listAuditEvents(query: AuditQuery = {}): Promise<AuditEventsResponse> {
    const q = AUDIT_QUERY;
    return this.get(
      `/audit${buildQueryString({
        [q.cluster]: query.cluster,
        [q.limit]: query.limit,
        [q.offset]: query.offset,
      })}`,
    );
  }

  async getClusterReconcileStatus(
    clusterArn: string,
  ): Promise<ClusterReconcileStatus | undefined> {
    const response = await this.request(
      `${fleetClusterPath(clusterArn)}/reconcile`,
    );
    if (response.status === 404) {
      return undefined;
    }
    return this.parse(response);
  }

  getRefreshStatus(): Promise<RefreshStatusResponse> {
    return this.get('/refresh-status');
  }

  startShift(
    clusterArn: string,
    request: StartShiftRequest,
    idempotencyKey: string,
  ): Promise<ShiftActionResponse> {
    return this.send(
      'POST',
      `${fleetClusterPath(clusterArn)}/shifts`,
      idempotencyKey,
      request,
    );
  }

  updateShift(
    clusterArn: string,
    zonalShiftId: string,
    request: UpdateShiftRequest,
    idempotencyKey: string,
  ): Promise<ShiftActionResponse> {
    return this.send(
      'PATCH',
      `${fleetClusterPath(clusterArn)}/shifts/${encodeURIComponent(
        zonalShiftId,
      )}`,
      idempotencyKey,
      request,
    );
  }

  cancelShift(
    clusterArn: string,
    zonalShiftId: string,
    idempotencyKey: string,
  ): Promise<ShiftActionResponse> {
    return this.send(
      'DELETE',
      `${fleetClusterPath(clusterArn)}/shifts/${encodeURIComponent(
        zonalShiftId,
      )}`,
      idempotencyKey,
    );
  }

  shiftFleet(
    request: FleetShiftRequest,
    idempotencyKey: string,
  ): Promise<FleetShiftResponse> {
    return this.send('POST', '/fleet-shifts', idempotencyKey, request);
  }

  async getPreflight(): Promise<PreflightReport> {
    const response = await this.request('/preflight');
    if (!response.ok) throw await preflightError(response);
    return (await response.json()) as PreflightReport;
  }

  async runPreflight(): Promise<void> {
    const response = await this.request('/preflight', { method: 'POST' });
    if (!response.ok) throw await preflightError(response);
  }

  getReadinessSummary(
    query: ReadinessSummaryQuery = {},
  ): Promise<FleetReadinessSummary> {
    return this.get(
      `/readiness-summary${buildQueryString(filterParams(query))}`,
    );
  }

  fixClusterReadiness(
    clusterArn: string,
    request: ReadinessFixRequest,
    idempotencyKey: string,
  ): Promise<ReadinessFixResponse> {
    return this.send(
      'POST',
      `${fleetClusterPath(clusterArn)}/readiness-fixes`,
      idempotencyKey,
      request,
    );
  }

  fixFleetReadiness(
    request: FleetReadinessFixRequest,
    idempotencyKey: string,
  ): Promise<FleetReadinessFixResponse> {
    return this.send('POST', '/fleet-readiness-fixes', idempotencyKey, request);
  }

  /**
   * Every call says it comes from the portal's pages: the backend's audit
   * records the channel (what the client declares, never what it may do).
   */
  private async request(
    path: string,
    init: RequestInit = {},
  ): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('fleet-resilience');
    const headers = new Headers(init.headers);
    headers.set(FLEET_CHANNEL_HEADER, 'portal');
    return this.fetchApi.fetch(`${baseUrl}${path}`, { ...init, headers });
  }

  private async parse<T>(response: Response): Promise<T> {
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }

  private async get<T>(path: string): Promise<T> {
    return this.parse<T>(await this.request(path));
  }

  private async send<T>(
    method: 'POST' | 'PATCH' | 'DELETE',
    path: string,
    idempotencyKey: string,
    body?: object,
  ): Promise<T> {
    const headers: Record<string, string> = {
      [IDEMPOTENCY_KEY_HEADER]: idempotencyKey,
    };
    if (body) {
      headers['Content-Type'] = 'application/json';
    }
    return this.parse<T>(
      await this.request(path, {
        method,
        headers,
        body: body ? JSON.stringify(body) : undefined,
      }),
    );
  }
}

/** The filters `GET /clusters` and `GET /readiness-summary` share. */
function filterParams(
  query: ReadinessSummaryQuery,
): Record<string, QueryValue> {
  const q = FLEET_LIST_QUERY;
  const r = READINESS_LIST_QUERY;
  return {
    [q.account]: query.account,
    [q.region]: query.region,
    [q.version]: query.version,
    [q.zone]: query.zone,
    [q.owner]: query.owner,
    [q.shiftState]: query.shiftState,
    [q.verdict]: query.verdict,
    [r.readiness]: query.readiness,
    [r.check]: query.check,
    [q.search]: query.search?.trim(),
  };
}

/** The backend's error, with a message that says what to do for 403 and 404. */
async function preflightError(response: Response): Promise<ResponseError> {
  const error = await ResponseError.fromResponse(response);
  const message = PREFLIGHT_ERROR_MESSAGES[error.statusCode];
  if (message) {
    // ResponseError's constructor is private: keep the instance (its status
    // code, body and cause) and say what the status means.
    error.message = message;
  }
  return error;
}
