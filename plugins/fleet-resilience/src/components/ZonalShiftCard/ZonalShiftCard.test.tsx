import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/test-utils';
import {
  FLEET_SIGNAL_CHANNEL,
  IDEMPOTENCY_KEY_HEADER,
  fleetResilienceShiftStartPermission,
  fleetResilienceShiftCancelPermission,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import {
  BASE_URL,
  CLUSTER_ARN,
  detailFixture,
  errorBody,
  shiftFixture,
} from '../../__testUtils__/fixtures';
import { renderWithClient, TestSignalApi } from '../../__testUtils__/render';
import { trafficText, ZonalShiftCardView } from './ZonalShiftCard';

const server = setupServer();
registerMswTestHooks(server);

const activeDetail = () =>
  detailFixture(
    { activeShifts: [shiftFixture()] },
    {
      shiftState: 'zonal-shift',
      activeShift: shiftFixture(),
      shiftAwayFrom: { name: 'us-east-1b', id: 'use1-az2' },
    },
  );

function serveDetail(make: () => unknown) {
  let calls = 0;
  server.use(
    http.get(`${BASE_URL}/clusters/:arn`, () => {
      calls++;
      return HttpResponse.json(make() as any);
    }),
  );
  return () => calls;
}

const card = <ZonalShiftCardView clusterArn={CLUSTER_ARN} />;

describe('ZonalShiftCard', () => {
  it('shows that no shift is active and the settings', async () => {
    serveDetail(() => detailFixture({ practiceRunStatus: 'ENABLED' }));
    await renderWithClient(card);
    expect(await screen.findByText('No active shift')).toBeInTheDocument();
    const settings = screen.getByRole('table', {
      name: 'Zonal shift settings',
    });
    expect(
      within(settings).getByText('Zonal autoshift').nextSibling,
    ).toHaveTextContent('disabled');
    expect(
      within(settings).getByText('Practice runs').nextSibling,
    ).toHaveTextContent('enabled');
    expect(
      screen.getByRole('button', { name: 'Shift away from an AZ' }),
    ).toBeEnabled();
    // Nothing to extend or revert.
    expect(
      screen.getByRole('button', {
        name: 'Extend',
        description: /^Unavailable: Only a zonal shift/,
      }),
    ).toBeInTheDocument();
  });

  it('shows the active shift with AZ name and ID, times, comment and who', async () => {
    serveDetail(activeDetail);
    await renderWithClient(card);
    expect(
      await screen.findByText(
        'Zonal shift active — away from us-east-1b (use1-az2)',
      ),
    ).toBeInTheDocument();
    const shift = screen.getByRole('table', { name: 'Active Zonal shift' });
    expect(
      within(shift).getByText('us-east-1b (use1-az2)'),
    ).toBeInTheDocument();
    expect(
      within(shift).getByText('Elevated 5xx in use1-az2'),
    ).toBeInTheDocument();
    expect(
      within(shift).getByText('user:default/jane.doe'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', {
        name: 'Shift away from an AZ',
        description: /^Unavailable: A zonal shift is already active/,
      }),
    ).toBeInTheDocument();
  });

  it('validates, confirms with the N-1 impact and blocked NodePools, and starts with an idempotency key', async () => {
    const user = userEvent.setup({ delay: null });
    serveDetail(() => detailFixture());
    const posts: Array<{ key: string | null; body: any }> = [];
    const impactQueries: string[] = [];
    server.use(
      // The impact comes from the backend: the same function as the card
      // after the shift and the fleet dry run.
      http.get(`${BASE_URL}/clusters/:arn/shift-impact`, ({ request }) => {
        impactQueries.push(new URL(request.url).searchParams.get('awayFrom')!);
        return HttpResponse.json({
          awayFrom: { name: 'us-east-1b', id: 'use1-az2' },
          verdict: 'at-risk',
          reason:
            'Shifting away from us-east-1b (use1-az2) leaves 88% of the CPU your pods request: not enough CPU.',
          afterShift: {
            verdict: 'at-risk',
            reason:
              'With us-east-1b (use1-az2) shifted away, losing one more AZ leaves too little.',
            zoneLosses: [],
          },
          blockedNodePools: ['gpu-b-only'],
        });
      }),
      http.post(`${BASE_URL}/clusters/:arn/shifts`, async ({ request }) => {
        posts.push({
          key: request.headers.get(IDEMPOTENCY_KEY_HEADER),
          body: await request.json(),
        });
        return HttpResponse.json(
          {
            shift: shiftFixture({ zonalShiftId: 'zs-new' }),
            auditEventId: 'a1',
            replayed: false,
          },
          { status: 201 },
        );
      }),
    );
    await renderWithClient(card);
    await user.click(
      await screen.findByRole('button', { name: 'Shift away from an AZ' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Shift traffic away from an AZ',
    });

    // Nothing chosen: the shared validation names each problem.
    await user.click(within(dialog).getByRole('button', { name: 'Review' }));
    expect(
      within(dialog).getByText(/is required: the AZ ID or AZ name/),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText('is required: say why traffic is shifted'),
    ).toBeInTheDocument();

    await user.click(
      within(dialog).getByRole('button', { name: /Availability Zone/ }),
    );
    await user.click(
      await screen.findByRole('option', { name: 'us-east-1b (use1-az2)' }),
    );
    await user.clear(within(dialog).getByLabelText('Duration'));
    await user.type(within(dialog).getByLabelText('Duration'), '90m');
    await user.type(
      within(dialog).getByLabelText(/Comment/),
      '  Elevated errors  ',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Review' }));

    const confirm = await screen.findByRole('dialog', {
      name: 'Confirm the zonal shift',
    });
    // Focus on the summary, not on "Start shift": a second Enter starts nothing.
    expect(
      within(confirm).getByText(/^Shift .* away from/, { selector: 'p' }),
    ).toHaveFocus();
    expect(
      await within(confirm).findByText(
        'Shifting away from us-east-1b (use1-az2) leaves 88% of the CPU your pods request: not enough CPU.',
      ),
    ).toBeInTheDocument();
    expect(impactQueries).toEqual(['use1-az2']);
    expect(
      within(confirm).getByText('At risk without use1-az2'),
    ).toBeInTheDocument();
    expect(
      within(confirm).getByText('If one more AZ is lost while the shift lasts'),
    ).toBeInTheDocument();
    expect(
      within(confirm).getByText(/^With us-east-1b \(use1-az2\) shifted away/),
    ).toBeInTheDocument();
    expect(
      within(confirm).getByText(
        /will be blocked during the shift: gpu-b-only\./,
      ),
    ).toBeInTheDocument();
    expect(posts).toHaveLength(0);

    await user.click(
      within(confirm).getByRole('button', { name: 'Start shift' }),
    );
    // The outcome in words, no shift ID, and the keyboard focus on it.
    const started = await screen.findByText(
      /^Started the shift away from us-east-1b \(use1-az2\) until .+\.$/,
    );
    expect(started.textContent).not.toContain('zs-new');
    await waitFor(() =>
      expect(started.closest('[role="alert"]')).toHaveFocus(),
    );
    expect(posts).toHaveLength(1);
    expect(posts[0].body).toEqual({
      awayFrom: 'use1-az2',
      expiresIn: '90m',
      comment: 'Elevated errors',
    });
    expect(posts[0].key).toMatch(/^[A-Za-z0-9._:-]{1,128}$/);
  }, 60_000);

  it('warns before a manual shift of another AZ during an autoshift', async () => {
    const user = userEvent.setup({ delay: null });
    serveDetail(() =>
      detailFixture(
        {},
        {
          shiftState: 'autoshift',
          shiftAwayFrom: { name: 'us-east-1a', id: 'use1-az1' },
          autoshiftStatus: 'ENABLED',
        },
      ),
    );
    server.use(
      http.get(`${BASE_URL}/clusters/:arn/shift-impact`, () =>
        HttpResponse.json({
          awayFrom: { name: 'us-east-1b', id: 'use1-az2' },
          verdict: 'survives',
          reason: 'fine',
          blockedNodePools: [],
        }),
      ),
    );
    await renderWithClient(card);
    await user.click(
      await screen.findByRole('button', { name: 'Shift away from an AZ' }),
    );
    const dialog = await screen.findByRole('dialog');
    await user.click(
      within(dialog).getByRole('button', { name: /Availability Zone/ }),
    );
    await user.click(
      await screen.findByRole('option', { name: 'us-east-1b (use1-az2)' }),
    );
    await user.type(within(dialog).getByLabelText(/Comment/), 'drill');
    await user.click(within(dialog).getByRole('button', { name: 'Review' }));
    const confirm = await screen.findByRole('dialog', {
      name: 'Confirm the zonal shift',
    });
    expect(
      within(confirm).getByText(
        /traffic returns to us-east-1a \(use1-az1\) while your shift lasts/,
      ),
    ).toBeInTheDocument();
  }, 30_000);

  it("shows ARC's conflict reason and retries with the same idempotency key", async () => {
    const user = userEvent.setup({ delay: null });
    serveDetail(activeDetail);
    const keys: Array<string | null> = [];
    server.use(
      http.delete(
        `${BASE_URL}/clusters/:arn/shifts/:id`,
        ({ request, params }) => {
          keys.push(request.headers.get(IDEMPOTENCY_KEY_HEADER));
          expect(params.id).toBe('zs-1111');
          if (keys.length === 1) {
            return HttpResponse.json(
              errorBody(409, 'ConflictError', 'ARC refused the change', {
                reason: 'ZonalShiftStatusNotActive',
              }),
              { status: 409 },
            );
          }
          return HttpResponse.json({
            shift: shiftFixture({ status: 'CANCELED' }),
            auditEventId: 'a2',
            replayed: false,
          });
        },
      ),
    );
    await renderWithClient(card);
    await user.click(await screen.findByRole('button', { name: 'Revert' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Revert the zonal shift',
    });
    await user.click(within(dialog).getByRole('button', { name: 'Revert' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent(
      'ARC did not revert the shift (ZonalShiftStatusNotActive)',
    );
    expect(alert).toHaveTextContent('The shift is no longer active');
    expect(alert).toHaveTextContent('ARC refused the change');

    await user.click(
      within(dialog).getByRole('button', { name: 'Retry revert' }),
    );
    expect(
      await screen.findByText(
        'Reverted the shift away from us-east-1b (use1-az2).',
      ),
    ).toBeInTheDocument();
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
  });

  it('extends by adding time to the current expiry, showing both, never shortening', async () => {
    const user = userEvent.setup({ delay: null });
    // A shift that ends in two hours from the real clock (the dialog's).
    const expiry = new Date(Date.now() + 2 * 3600_000);
    expiry.setUTCSeconds(0, 0);
    const shift = shiftFixture({ expiryTime: expiry.toISOString() });
    serveDetail(() =>
      detailFixture(
        { activeShifts: [shift] },
        {
          shiftState: 'zonal-shift',
          activeShift: shift,
          shiftAwayFrom: { name: 'us-east-1b', id: 'use1-az2' },
        },
      ),
    );
    let body: unknown;
    server.use(
      http.patch(
        `${BASE_URL}/clusters/:arn/shifts/:id`,
        async ({ request }) => {
          body = await request.json();
          return HttpResponse.json({
            shift: shiftFixture({
              expiryTime: new Date(+expiry + 3 * 3600_000).toISOString(),
            }),
            auditEventId: 'a3',
            replayed: true,
          });
        },
      ),
    );
    await renderWithClient(card);
    await user.click(await screen.findByRole('button', { name: 'Extend' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Extend the zonal shift',
    });
    const clock = (iso: string) =>
      `${String(new Date(iso).getUTCHours()).padStart(2, '0')}:${String(
        new Date(iso).getUTCMinutes(),
      ).padStart(2, '0')} UTC`;
    const expiryTable = within(dialog).getByRole('table', { name: 'Expiry' });
    const [nowRow, newRow] = within(expiryTable).getAllByRole('row');
    expect(nowRow).toHaveTextContent(clock(expiry.toISOString()));
    // The default adds one hour to the current expiry, not "1 h from now".
    const plusOne = new Date(+expiry + 3600_000).toISOString();
    expect(newRow).toHaveTextContent(clock(plusOne));

    const add = within(dialog).getByLabelText('Add');
    await user.clear(add);
    await user.type(add, '71h');
    expect(within(dialog).getByText(/would end the shift/)).toBeInTheDocument();
    expect(
      within(dialog).getByRole('button', { name: 'Extend' }),
    ).toBeDisabled();
    expect(newRow).toHaveTextContent('-');

    await user.clear(add);
    await user.type(add, '3h');
    expect(newRow).toHaveTextContent(
      clock(new Date(+expiry + 3 * 3600_000).toISOString()),
    );
    await user.click(within(dialog).getByRole('button', { name: 'Extend' }));
    expect(
      await screen.findByText(
        /^Extended the shift away from us-east-1b \(use1-az2\) until .+\. \(An earlier identical request had already done it\.\)$/,
      ),
    ).toBeInTheDocument();
    // The server adds the time to ARC's current expiry: extendBy, not expiresIn.
    expect(body).toEqual({ extendBy: '3h' });
  });

  it('disables actions the user lacks permission for, with the reason', async () => {
    serveDetail(activeDetail);
    await renderWithClient(card, {
      deny: [
        fleetResilienceShiftStartPermission.name,
        fleetResilienceShiftCancelPermission.name,
      ],
    });
    await screen.findByText(/Zonal shift active/);
    await waitFor(() =>
      expect(
        screen.getByRole('button', {
          name: 'Revert',
          description:
            'Unavailable: You do not have permission to revert a zonal shift on this cluster (fleet-resilience.shift.cancel)',
        }),
      ).toBeInTheDocument(),
    );
    // Update is allowed.
    expect(screen.getByRole('button', { name: 'Extend' })).toBeEnabled();
  });

  it('disables starting a shift without the start permission', async () => {
    serveDetail(() => detailFixture());
    await renderWithClient(card, {
      deny: [fleetResilienceShiftStartPermission.name],
    });
    expect(
      await screen.findByRole('button', {
        name: 'Shift away from an AZ',
        description:
          'Unavailable: You do not have permission to start a zonal shift on this cluster (fleet-resilience.shift.start)',
      }),
    ).toBeInTheDocument();
    // One control per action for assistive technology, marked unavailable.
    expect(
      screen.getAllByRole('button', { name: 'Shift away from an AZ' }),
    ).toHaveLength(1);
    expect(
      screen.getByRole('button', { name: 'Shift away from an AZ' }),
    ).toHaveAttribute('aria-disabled', 'true');
  });

  it("asks for the shift permissions on the cluster's ARN and disables every action on a cluster the policy refuses", async () => {
    serveDetail(activeDetail);
    const asked: Array<string | undefined> = [];
    await renderWithClient(card, {
      // The policy allows shifts on another team's cluster only.
      decide: request => {
        asked.push(request.resourceRef);
        return request.resourceRef ===
          'arn:aws:eks:us-east-1:111122223333:cluster/mine'
          ? 'ALLOW'
          : 'DENY';
      },
    });
    await screen.findByText(/Zonal shift active/);
    await waitFor(() =>
      expect(
        screen.getByRole('button', {
          name: 'Extend',
          description:
            'Unavailable: You do not have permission to extend a zonal shift on this cluster (fleet-resilience.shift.update)',
        }),
      ).toBeInTheDocument(),
    );
    expect(
      screen.getByRole('button', {
        name: 'Revert',
        description: /^Unavailable: You do not have permission to revert/,
      }),
    ).toBeInTheDocument();
    expect(asked.length).toBeGreaterThanOrEqual(3);
    expect(new Set(asked)).toEqual(new Set([CLUSTER_ARN]));
  });

  it('explains that zonal shift is not enabled on the cluster', async () => {
    serveDetail(() =>
      detailFixture({}, { zonalShiftEnabled: false, shiftState: 'unknown' }),
    );
    await renderWithClient(card);
    // Not "Shift state unknown": ARC has nothing to say of such a cluster.
    expect(
      await screen.findByText('Zonal shift not enabled'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Shift state unknown/)).not.toBeInTheDocument();
    expect(
      await screen.findByRole('button', {
        name: 'Shift away from an AZ',
        description: /^Unavailable: Zonal shift is not enabled on this cluster/,
      }),
    ).toBeInTheDocument();
  });

  it('refetches when a signal says the shift changed', async () => {
    const signals = new TestSignalApi();
    let active = false;
    const calls = serveDetail(() =>
      active ? activeDetail() : detailFixture(),
    );
    await renderWithClient(card, { signals });
    await screen.findByText('No active shift');
    active = true;
    signals.publish(FLEET_SIGNAL_CHANNEL, {
      type: 'shift-changed',
      clusterArn: 'arn:aws:eks:us-east-1:111122223333:cluster/other',
    });
    signals.publish(FLEET_SIGNAL_CHANNEL, {
      type: 'shift-changed',
      clusterArn: CLUSTER_ARN,
    });
    expect(await screen.findByText(/Zonal shift active/)).toBeInTheDocument();
    expect(calls()).toBe(2);
  });

  it('opens the start dialog with labelled fields and closes it with Escape', async () => {
    const user = userEvent.setup({ delay: null });
    serveDetail(() => detailFixture());
    await renderWithClient(card);
    await user.click(
      await screen.findByRole('button', { name: 'Shift away from an AZ' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Shift traffic away from an AZ',
    });
    // Focus moves into the modal (MUI focuses its container and traps focus there).
    expect(dialog.closest('[role="presentation"]')).toContainElement(
      document.activeElement as HTMLElement,
    );
    expect(within(dialog).getByLabelText('Duration')).toHaveValue('1h');
    expect(within(dialog).getByLabelText(/Comment/)).toBeRequired();
    await user.keyboard('{Escape}');
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });
});

describe('trafficText', () => {
  const zones = [
    { name: 'us-east-1a', id: 'use1-az1' },
    { name: 'us-east-1b', id: 'use1-az2' },
  ];

  it('says nothing is shifted when every AZ has full weight', () => {
    expect(trafficText({ 'use1-az1': 1, 'use1-az2': 1 }, zones)).toBe(
      'Every AZ receives traffic (2 of 2 at full weight): nothing is shifted.',
    );
  });

  it('names the AZ that receives no or less traffic, by name and ID', () => {
    expect(trafficText({ 'use1-az1': 1, 'use1-az2': 0 }, zones)).toBe(
      'us-east-1b (use1-az2) receives no traffic; us-east-1a (use1-az1) at full weight.',
    );
    expect(trafficText({ 'use1-az1': 1, 'use1-az9': 0.5 }, zones)).toBe(
      'use1-az9 receives 50% of its share; us-east-1a (use1-az1) at full weight.',
    );
  });
});
