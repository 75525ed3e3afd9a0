/**
 * The channel of the audit over HTTP: `portal` when the request says so in
 * the channel header (as the plugin's pages do), `api` for anything else,
 * whatever the header claims; `GET /audit` filters on it.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import {
  FLEET_CHANNEL_HEADER,
  type AuditEvent,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { API } from '../__testUtils__/fleetBackend';
import {
  MALLORY,
  PAYMENTS_USE1,
  SEARCH_USE1,
  setUpShiftActions,
  shiftsPath,
} from '../__testUtils__/shiftActionsBackend';

jest.setTimeout(180_000);

const databases = TestDatabases.create();

describe.each(databases.eachSupportedId())(
  'the audit channel over HTTP on %p',
  databaseId => {
    const t = setUpShiftActions(databases, databaseId);
    const { http, as, audit } = t;
    const inCluster = (arn: string, query = '') =>
      audit(`cluster=${encodeURIComponent(arn)}${query}`);
    const channels = (items: AuditEvent[]) =>
      items.map(e => [e.action, e.outcome, e.channel]);

    it('records portal for the header the pages send and api otherwise, on every outcome', async () => {
      const started = await http()
        .post(shiftsPath(PAYMENTS_USE1))
        .set(FLEET_CHANNEL_HEADER, 'portal')
        .send({ awayFrom: 'use1-az2', expiresIn: '1h', comment: 'channel' })
        .expect(201);
      const id = started.body.shift.zonalShiftId;
      // No header: a script.
      await http()
        .patch(`${shiftsPath(PAYMENTS_USE1)}/${id}`)
        .send({ expiresIn: '2h', comment: 'channel' })
        .expect(200);
      // A client cannot claim MCP (or anything else) over HTTP: api.
      await http()
        .delete(`${shiftsPath(PAYMENTS_USE1)}/${id}`)
        .set(FLEET_CHANNEL_HEADER, 'mcp')
        .expect(200);
      // A denial and a bad request are audited with their channel too.
      await http()
        .post(shiftsPath(PAYMENTS_USE1))
        .set(as(MALLORY))
        .set(FLEET_CHANNEL_HEADER, 'portal')
        .send({ awayFrom: 'use1-az2', expiresIn: '1h', comment: 'no' })
        .expect(403);
      await http()
        .post(shiftsPath(PAYMENTS_USE1))
        .set(FLEET_CHANNEL_HEADER, 'Portal')
        .send({ awayFrom: 'use1-az2', expiresIn: '1h' })
        .expect(400);

      const trail = await inCluster(PAYMENTS_USE1);
      expect(channels(trail.items)).toEqual([
        ['shift.start', 'failure', 'api'],
        ['shift.start', 'denied', 'portal'],
        ['shift.cancel', 'success', 'api'],
        ['shift.update', 'success', 'api'],
        ['shift.start', 'success', 'portal'],
      ]);
      expect(trail.items[4].id).toBe(started.body.auditEventId);
    });

    it('filters GET /audit on the channel, in SQL, and refuses an unknown one naming the parameter', async () => {
      await http()
        .post(shiftsPath(SEARCH_USE1))
        .set(as(MALLORY))
        .set(FLEET_CHANNEL_HEADER, 'portal')
        .send({ awayFrom: 'use1-az1', expiresIn: '1h', comment: 'no' })
        .expect(403);
      await http()
        .post(shiftsPath(SEARCH_USE1))
        .set(as(MALLORY))
        .send({ awayFrom: 'use1-az1', expiresIn: '1h', comment: 'no' })
        .expect(403);
      const portal = await inCluster(SEARCH_USE1, '&channel=portal');
      expect(channels(portal.items)).toEqual([
        ['shift.start', 'denied', 'portal'],
      ]);
      expect(portal.totalCount).toBe(1);
      const api = await inCluster(SEARCH_USE1, '&channel=api&limit=1');
      expect(channels(api.items)).toEqual([['shift.start', 'denied', 'api']]);
      expect(api.totalCount).toBe(1);
      expect(
        (await inCluster(SEARCH_USE1, '&channel=portal,api')).totalCount,
      ).toBe(2);
      expect((await inCluster(SEARCH_USE1, '&channel=mcp')).items).toEqual([]);

      const refused = await http()
        .get(`${API}/audit?channel=email`)
        .expect(400);
      expect(refused.body.error).toMatchObject({ name: 'InputError' });
      expect(refused.body.error.message).toMatch(
        /Invalid channel "email": expected one of portal, api, mcp/,
      );
    });
  },
);
