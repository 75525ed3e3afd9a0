import { mockServices } from '@backstage/backend-test-utils';
import {
  FLEET_SIGNAL_CHANNEL,
  type ZonalShift,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import {
  clusterEntityLink,
  FleetPublisher,
  shiftNotification,
} from './FleetPublisher';
import { ownerEntityRef } from '../domain/ownerEntityRef';

const cluster = {
  arn: 'arn:aws:eks:us-east-1:111122223333:cluster/payments',
  accountId: '111122223333',
  region: 'us-east-1',
  name: 'payments',
};
const shift: ZonalShift = {
  zonalShiftId: 'abc-123',
  resourceIdentifier: cluster.arn,
  awayFrom: 'use1-az2',
  status: 'ACTIVE',
  shiftType: 'ZONAL_SHIFT',
  startTime: '2026-12-01T10:00:00.000Z',
  expiryTime: '2026-12-01T12:00:00.000Z',
  comment: 'AZ event',
};

describe('ownerEntityRef', () => {
  it.each([
    ['payments-team', 'group:default/payments-team'],
    ['group:platform/sre', 'group:platform/sre'],
    ['User:default/jane', 'user:default/jane'],
    [' payments ', 'group:default/payments'],
  ])('%p -> %p', (owner, ref) => {
    expect(ownerEntityRef(owner)).toBe(ref);
  });

  it.each([undefined, '', 'component:default/api', 'has space', 'a:b:c/d/e'])(
    'names no owner for %p',
    owner => {
      expect(ownerEntityRef(owner)).toBeUndefined();
    },
  );
});

describe('shiftNotification', () => {
  it('says who did what, until when, and links the cluster page', () => {
    expect(
      shiftNotification({
        action: 'shift.start',
        cluster,
        owner: 'payments-team',
        shift,
        actor: 'user:default/jane',
      }),
    ).toEqual({
      title: 'Zonal shift started on payments',
      description:
        'user:default/jane started a zonal shift of payments (111122223333, us-east-1) away from use1-az2 until 2026-12-01T12:00:00.000Z: AZ event',
      link: '/catalog/default/resource/payments-us-east-1-111122223333',
      severity: 'high',
      topic: 'fleet-resilience.zonal-shift',
      scope: 'zonal-shift:abc-123:shift.start',
    });
    const canceled = shiftNotification({
      action: 'shift.cancel',
      cluster,
      shift: { ...shift, status: 'CANCELED' },
      actor: 'x',
    });
    expect(canceled.description).not.toContain('until');
    expect(canceled.severity).toBe('normal');
    expect(clusterEntityLink(cluster)).toBe(canceled.link);
  });
});

describe('FleetPublisher', () => {
  it('broadcasts signals on the fleet channel and notifies the owner entity', async () => {
    const signals = { publish: jest.fn(async () => {}) };
    const notifications = { send: jest.fn(async () => {}) };
    const publisher = new FleetPublisher({
      logger: mockServices.logger.mock(),
      signals,
      notifications,
    });
    await publisher.signal({
      type: 'shift-changed',
      clusterArn: cluster.arn,
      zonalShiftId: 'abc-123',
    });
    expect(signals.publish).toHaveBeenCalledWith({
      recipients: { type: 'broadcast' },
      channel: FLEET_SIGNAL_CHANNEL,
      message: {
        type: 'shift-changed',
        clusterArn: cluster.arn,
        zonalShiftId: 'abc-123',
      },
    });
    await publisher.notifyOwner({
      action: 'shift.start',
      cluster,
      owner: 'payments-team',
      shift,
      actor: 'u',
    });
    expect(notifications.send).toHaveBeenCalledWith({
      recipients: { type: 'entity', entityRef: 'group:default/payments-team' },
      payload: expect.objectContaining({
        title: 'Zonal shift started on payments',
      }),
    });
  });

  it('logs failures instead of throwing, and skips owners that name no entity', async () => {
    const logger = mockServices.logger.mock();
    const signals = {
      publish: jest.fn(async () => Promise.reject(new Error('events down'))),
    };
    const notifications = {
      send: jest.fn(async () =>
        Promise.reject(new Error('notifications down')),
      ),
    };
    const publisher = new FleetPublisher({ logger, signals, notifications });
    await expect(
      publisher.signal({ type: 'fleet-refreshed' }),
    ).resolves.toBeUndefined();
    await expect(
      publisher.notifyOwner({
        action: 'shift.start',
        cluster,
        owner: 'payments-team',
        shift,
        actor: 'u',
      }),
    ).resolves.toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('events down'),
    );
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('notifications down'),
    );
    notifications.send.mockClear();
    await publisher.notifyOwner({
      action: 'shift.start',
      cluster,
      owner: 'not an owner',
      shift,
      actor: 'u',
    });
    expect(notifications.send).not.toHaveBeenCalled();
  });
});
