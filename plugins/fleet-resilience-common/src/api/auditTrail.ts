// `GET /audit`: the portal's own audit trail.

import { AuditEvent } from '../audit';
import { Paging } from './paging';

/**
 * `GET /audit`: the portal's own audit trail, newest first.
 *
 * @public
 */
export interface AuditEventsResponse {
  items: AuditEvent[];
  totalCount: number;
  paging: Paging;
}

/**
 * Query parameters of `GET /audit`.
 *
 * @public
 */
export const AUDIT_QUERY = {
  cluster: 'cluster',
  action: 'action',
  outcome: 'outcome',
  /** `portal`, `api` or `mcp` (AUDIT_CHANNELS), repeatable: any of them. */
  channel: 'channel',
  limit: 'limit',
  offset: 'offset',
} as const;
