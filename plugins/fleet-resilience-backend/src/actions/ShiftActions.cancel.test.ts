/**
 * What a cancel records besides the shift ID: the cancel tool's comment,
 * in the attempt's audit inputs (ARC's cancel takes none), on every test
 * database. A denied attempt shows it without an ARC call.
 */
import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { ArcZonalShiftClient } from '@fleet-resilience/plugin-fleet-resilience-node';
import type { Knex } from 'knex';
import { AuditStore } from '../database/AuditStore';
import type { StoredCluster } from '../domain/records';
import {
  migratedDatabase,
  shiftActionsOn,
} from './__testUtils__/shiftActionsOn';

jest.setTimeout(60_000);

const ARN = 'arn:aws:eks:us-east-1:111122223333:cluster/payments';
const cluster = {
  ref: {
    arn: ARN,
    accountId: '111122223333',
    region: 'us-east-1',
    name: 'payments',
  },
  zones: [{ name: 'us-east-1a', id: 'use1-az1' }],
  zonalShiftEnabled: true,
  shiftState: 'zonal-shift',
  tags: {},
} as unknown as StoredCluster;

const databases = TestDatabases.create();

describe.each(databases.eachSupportedId())('cancel inputs on %p', id => {
  let db: Knex;

  beforeAll(async () => {
    db = await migratedDatabase(databases, id);
  });

  it('records a given comment with the shift ID, and only the shift ID without', async () => {
    const arc = jest.fn();
    const actions = shiftActionsOn(db, [cluster], {
      arc: arc as unknown as () => Promise<ArcZonalShiftClient>,
      permissions: mockServices.permissions({ result: AuthorizeResult.DENY }),
    });
    const caller = {
      credentials: mockCredentials.user('user:default/jane'),
      channel: 'mcp' as const,
    };
    await expect(
      actions.cancel(caller, ARN, 'shift-0001', { comment: 'AZ recovered' }),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
    await expect(actions.cancel(caller, ARN, 'shift-0002')).rejects.toThrow();
    const { items } = await new AuditStore(db).list(
      { clusterArns: [ARN] },
      { limit: 10, offset: 0 },
    );
    expect(
      items
        .map(event => event.inputs)
        .sort((a, b) =>
          String(a.zonalShiftId).localeCompare(String(b.zonalShiftId)),
        ),
    ).toEqual([
      { zonalShiftId: 'shift-0001', comment: 'AZ recovered' },
      { zonalShiftId: 'shift-0002' },
    ]);
    expect(items.every(event => event.outcome === 'denied')).toBe(true);
    expect(arc).not.toHaveBeenCalled();
  });
});
