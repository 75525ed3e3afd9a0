/**
 * Request and response types of the Fleet Resilience backend's HTTP API
 * (`/api/fleet-resilience`), shared by the backend, the frontend, the search
 * collator and MCP actions. Times are ISO 8601 strings.
 *
 * Routes:
 * - `GET /clusters` -> {@link FleetListResponse} (filters {@link FLEET_LIST_QUERY})
 * - `GET /clusters/:clusterArn` (the ARN, URL-encoded with
 *   `encodeURIComponent`) -> {@link FleetClusterDetail}
 * - `GET /shifts` -> {@link ShiftHistoryResponse} (filters {@link SHIFT_HISTORY_QUERY})
 * - `GET /active-shifts` -> {@link ActiveShiftsResponse} (paging
 *   {@link ACTIVE_SHIFTS_QUERY}): every shift of every type that ARC applies
 *   or holds as active now, across the fleet
 * - `GET /clusters/:clusterArn/shift-impact?awayFrom=<AZ ID or name>` ->
 *   {@link ShiftImpact} (query {@link SHIFT_IMPACT_QUERY}); 400 naming
 *   `awayFrom` when it is missing or not an AZ of the cluster, 404 for a
 *   cluster not in the fleet
 * - `GET /refresh-status` -> {@link RefreshStatusResponse}
 * - `POST /refresh` -> 202 {@link RefreshTriggerResponse}
 * - `POST /clusters/:clusterArn/shifts` ({@link StartShiftInput}) -> 201 {@link ShiftActionResponse}
 * - `PATCH /clusters/:clusterArn/shifts/:zonalShiftId` ({@link UpdateShiftInput}) -> {@link ShiftActionResponse}
 * - `DELETE /clusters/:clusterArn/shifts/:zonalShiftId` -> {@link ShiftActionResponse}
 * - `POST /fleet-shifts` ({@link FleetShiftInput}) -> {@link FleetShiftResponse}
 * - `GET /audit` -> {@link AuditEventsResponse} (filters {@link AUDIT_QUERY})
 * - `GET /preflight` -> {@link PreflightReport} (the latest; `POST /preflight` -> 202 runs it again)
 * - `GET /reconcile` -> {@link ReconcileStatusResponse};
 *   `GET /clusters/:clusterArn/reconcile` -> {@link ClusterReconcileStatus}
 *
 * - Readiness: see `./readiness.ts`
 *
 * Mutating calls take the {@link IDEMPOTENCY_KEY_HEADER} header.
 */

export * from './clusterList';
export * from './clusterDetail';
export * from './paging';
export * from './refresh';
export * from './shifts';
export * from './shiftActions';
export * from './auditTrail';
export * from './reconcile';
export * from './signals';
export * from './preflight';
export * from './readiness';
