import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/test-utils';
import {
  FLEET_SIGNAL_CHANNEL,
  fleetResilienceShiftCancelPermission,
  fleetResiliencePreflightPermission,
  type ActiveShiftEntry,
  type FleetClusterSummary,
  type FleetShiftItem,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import {
  BASE_URL,
  detailFixture,
  errorBody,
  shiftFixture,
  summaryFixture,
  ZONES,
} from '../../__testUtils__/fixtures';
import { fleetSummaryFixture } from '../../__testUtils__/readinessFixtures';
import { renderWithClient, TestSignalApi } from '../../__testUtils__/render';
import { formatCpu, formatPercent } from '../../lib/format';
import { preflightRouteRef } from '../../routes';
import { FleetConsoleContent, FleetConsolePage } from './FleetConsolePage';

// The table formats CPU and the heatmap percentages on every render: counted
// to tell whether a keystroke re-rendered them.
jest.mock('../../lib/format', () => {
  const actual = jest.requireActual('../../lib/format');
  return {
    ...actual,
    formatCpu: jest.fn(actual.formatCpu),
    formatPercent: jest.fn(actual.formatPercent),
  };
});

const server = setupServer();
registerMswTestHooks(server);

function cluster(name: string, extra: Partial<FleetClusterSummary> = {}) {
  const base = summaryFixture();
  return summaryFixture({
    ref: {
      ...base.ref,
      name,
      arn: `arn:aws:eks:us-east-1:111122223333:cluster/${name}`,
    },
    entityRef: `resource:default/${name}-us-east-1-111122223333`,
    ...extra,
  });
}

interface Recorded {
  lists: URL[];
  details: string[];
  fleetShifts: Array<{ body: any; key: string | null }>;
}

function serveFleet(
  items: FleetClusterSummary[],
  options: { totalCount?: number; active?: unknown[] } = {},
): Recorded {
  const recorded: Recorded = { lists: [], details: [], fleetShifts: [] };
  server.use(
    http.get(`${BASE_URL}/clusters`, ({ request }) => {
      const url = new URL(request.url);
      recorded.lists.push(url);
      return HttpResponse.json({
        items,
        totalCount: options.totalCount ?? items.length,
        paging: {
          limit: Number(url.searchParams.get('limit')),
          offset: Number(url.searchParams.get('offset')),
        },
      });
    }),
    http.get(`${BASE_URL}/clusters/:arn`, ({ params }) => {
      recorded.details.push(String(params.arn));
      return HttpResponse.json(detailFixture());
    }),
    http.get(`${BASE_URL}/readiness-summary`, () =>
      HttpResponse.json(fleetSummaryFixture()),
    ),
    http.get(`${BASE_URL}/refresh-status`, () =>
      HttpResponse.json({
        sources: [],
        clusters: { total: 0, fresh: 0, stale: 0, never: 0 },
      }),
    ),
    http.get(`${BASE_URL}/active-shifts`, () =>
      HttpResponse.json({
        items: options.active ?? [],
        totalCount: (options.active ?? []).length,
        paging: { limit: 100, offset: 0 },
      }),
    ),
  );
  return recorded;
}

describe('FleetConsolePage', () => {
  it('lists a server-side page of the fleet', async () => {
    const recorded = serveFleet(
      [
        cluster('alpha'),
        cluster('beta', { zonalShiftEnabled: false, shiftState: 'unknown' }),
      ],
      { totalCount: 120 },
    );
    await renderWithClient(<FleetConsoleContent />);
    expect(await screen.findByText('120 clusters match.')).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Clusters' });
    expect(within(table).getByText('alpha')).toBeInTheDocument();
    const beta = within(table).getByText('beta').closest('tr')!;
    // Not "Shift state unknown": zonal shift is off for that cluster.
    expect(
      within(beta).getByText('Zonal shift not enabled'),
    ).toBeInTheDocument();
    expect(screen.getByText('1-50 of 120')).toBeInTheDocument();
    expect(recorded.lists[0].searchParams.get('limit')).toBe('50');
    expect(recorded.lists[0].searchParams.get('offset')).toBe('0');
    expect(
      screen.getByText('No shift is active anywhere in the fleet.'),
    ).toBeInTheDocument();
  });

  it('debounces the search box, filters on the server and resets to the first page', async () => {
    const user = userEvent.setup({ delay: null });
    const recorded = serveFleet([cluster('alpha')], { totalCount: 120 });
    await renderWithClient(<FleetConsoleContent />);
    await screen.findByText('120 clusters match.');

    await user.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() =>
      expect(
        recorded.lists[recorded.lists.length - 1].searchParams.get('offset'),
      ).toBe('50'),
    );

    const before = recorded.lists.length;
    await user.type(screen.getByLabelText('Search cluster names'), 'pay');
    await waitFor(() =>
      expect(
        recorded.lists[recorded.lists.length - 1].searchParams.get('q'),
      ).toBe('pay'),
    );
    const searches = recorded.lists
      .slice(before)
      .map(u => u.searchParams.get('q'));
    expect(searches).not.toContain('p');
    expect(searches).not.toContain('pa');
    expect(
      recorded.lists[recorded.lists.length - 1].searchParams.get('offset'),
    ).toBe('0');

    await user.type(screen.getByLabelText('Account'), '444455556666');
    await user.type(screen.getByLabelText('Owner'), 'payments-team');
    await user.click(screen.getByRole('button', { name: /N-1 verdict/ }));
    await user.click(
      await screen.findByRole('option', { name: 'At risk if an AZ is lost' }),
    );
    await waitFor(() => {
      const last = recorded.lists[recorded.lists.length - 1].searchParams;
      expect(last.get('verdict')).toBe('at-risk');
      expect(last.get('account')).toBe('444455556666');
      expect(last.get('owner')).toBe('payments-team');
      expect(last.get('q')).toBe('pay');
    });
  });

  it('re-renders only the filter fields while typing, the rest once the query changes', async () => {
    const user = userEvent.setup({ delay: null });
    const withUsage = (name: string) =>
      ({
        ...cluster(name),
        zoneUsage: [
          {
            zone: ZONES[0],
            allocatable: { cpuMillicores: 1000, memoryBytes: 1000 },
            requested: { cpuMillicores: 500, memoryBytes: 100 },
          },
        ],
      } as FleetClusterSummary);
    const recorded = serveFleet([withUsage('alpha'), withUsage('beta')]);
    await renderWithClient(<FleetConsoleContent />);
    await screen.findByText('2 clusters match.');
    const heatmap = await screen.findByRole('table', {
      name: 'Capacity utilisation per cluster and AZ',
    });
    expect(within(heatmap).getAllByText('50%')).toHaveLength(2);
    const cpu = formatCpu as jest.Mock;
    const percent = formatPercent as jest.Mock;
    cpu.mockClear();
    percent.mockClear();
    const lists = recorded.lists.length;

    const search = screen.getByLabelText('Search cluster names');
    await user.type(search, 'alp');
    expect(search).toHaveValue('alp');
    expect(cpu).not.toHaveBeenCalled();
    expect(percent).not.toHaveBeenCalled();
    expect(recorded.lists).toHaveLength(lists);

    // After the pause: one query, and the table draws its result.
    await waitFor(() =>
      expect(
        recorded.lists[recorded.lists.length - 1].searchParams.get('q'),
      ).toBe('alp'),
    );
    await waitFor(() => expect(cpu).toHaveBeenCalled());
    expect(recorded.lists).toHaveLength(lists + 1);
  });

  it('clears typed and chosen filters at once', async () => {
    const user = userEvent.setup({ delay: null });
    const recorded = serveFleet([cluster('alpha')]);
    await renderWithClient(<FleetConsoleContent />);
    await screen.findByText('1 cluster match.');
    const search = screen.getByLabelText('Search cluster names');
    await user.type(search, 'pay');
    await waitFor(() =>
      expect(
        recorded.lists[recorded.lists.length - 1].searchParams.get('q'),
      ).toBe('pay'),
    );
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(search).toHaveValue('');
    await waitFor(() =>
      expect(
        recorded.lists[recorded.lists.length - 1].searchParams.has('q'),
      ).toBe(false),
    );
  });

  it('draws the heatmap from at most one detail call per listed cluster', async () => {
    const recorded = serveFleet([cluster('alpha'), cluster('beta')]);
    await renderWithClient(<FleetConsoleContent />);
    const heatmap = await screen.findByRole('table', {
      name: 'Capacity utilisation per cluster and AZ',
    });
    await waitFor(() =>
      expect(
        within(heatmap).getAllByLabelText(
          /^alpha in us-east-1b \(use1-az2\): CPU 75%/,
        ),
      ).toHaveLength(1),
    );
    // us-east-1c has a cordoned node: marked with an asterisk.
    expect(within(heatmap).getAllByText('0%*')).toHaveLength(2);
    expect(recorded.details.sort()).toEqual([
      cluster('alpha').ref.arn,
      cluster('beta').ref.arn,
    ]);
    expect(screen.getByLabelText('Colour scale')).toHaveTextContent(
      '90% and over',
    );
  });

  it('uses per-AZ numbers from the list when the backend sends them', async () => {
    const withUsage = {
      ...cluster('alpha'),
      zoneUsage: [
        {
          zone: ZONES[0],
          allocatable: { cpuMillicores: 1000, memoryBytes: 1000 },
          requested: { cpuMillicores: 950, memoryBytes: 100 },
        },
      ],
    } as FleetClusterSummary;
    const recorded = serveFleet([withUsage]);
    await renderWithClient(<FleetConsoleContent />);
    const heatmap = await screen.findByRole('table', {
      name: 'Capacity utilisation per cluster and AZ',
    });
    expect(within(heatmap).getByText('95%')).toBeInTheDocument();
    expect(recorded.details).toEqual([]);
  });

  it('lists active shifts of every type: revert for customer shifts, ARC for the rest', async () => {
    const user = userEvent.setup({ delay: null });
    const base = {
      cluster: cluster('alpha').ref,
      entityRef: cluster('alpha').entityRef!,
      awayFrom: ZONES[1],
      startTime: '2026-12-01T09:00:00Z',
    };
    const active: ActiveShiftEntry[] = [
      {
        ...base,
        shiftType: 'ZONAL_SHIFT',
        zonalShiftId: 'zs-1111',
        expiryTime: '2026-12-01T12:00:00Z',
        comment: 'Elevated 5xx in use1-az2',
        actor: 'user:default/jane.doe',
        applied: true,
      },
      {
        ...base,
        cluster: cluster('beta').ref,
        entityRef: cluster('beta').entityRef!,
        shiftType: 'ZONAL_AUTOSHIFT',
        applied: true,
      },
    ];
    serveFleet([cluster('alpha'), cluster('beta')], { active });
    const cancels: string[] = [];
    server.use(
      http.delete(`${BASE_URL}/clusters/:arn/shifts/:id`, ({ params }) => {
        cancels.push(`${params.arn}/${params.id}`);
        return HttpResponse.json({
          shift: shiftFixture({ status: 'CANCELED' }),
          auditEventId: 'a1',
          replayed: false,
        });
      }),
    );
    await renderWithClient(<FleetConsoleContent />);
    const table = await screen.findByRole('table', { name: 'Active shifts' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);

    // The customer shift: its cluster links to its page, who and why, revert.
    expect(
      within(rows[0]).getByRole('link', { name: 'alpha' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/resource/alpha-us-east-1-111122223333',
    );
    expect(
      within(rows[0]).getByText('Elevated 5xx in use1-az2'),
    ).toBeInTheDocument();
    expect(
      within(rows[0]).getByText('by user:default/jane.doe'),
    ).toBeInTheDocument();
    // The autoshift is there too, ended by AWS: a link to ARC, no revert.
    expect(
      within(rows[1]).getByText('Zonal autoshift (AWS)'),
    ).toBeInTheDocument();
    expect(within(rows[1]).getByText('when AWS ends it')).toBeInTheDocument();
    expect(
      within(rows[1]).getByRole('link', { name: /in the ARC console/ }),
    ).toHaveAttribute(
      'href',
      'https://console.aws.amazon.com/route53recovery/home?region=us-east-1',
    );
    expect(within(rows[1]).queryByRole('button')).toBeNull();

    await user.click(
      within(rows[0]).getByRole('button', {
        name: 'Revert the shift of alpha',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Revert the zonal shift',
    });
    await user.click(within(dialog).getByRole('button', { name: 'Revert' }));
    const reverted = await screen.findByText(
      'Reverted the shift of alpha: traffic returns to us-east-1b (use1-az2).',
    );
    await waitFor(() =>
      expect(reverted.closest('[role="alert"]')).toHaveFocus(),
    );
    expect(cancels).toEqual([`${cluster('alpha').ref.arn}/zs-1111`]);
  });

  it('disables revert without the cancel permission, with the reason', async () => {
    // Another cluster than in the test before: usePermission caches answers
    // per resource across renders.
    const active: ActiveShiftEntry[] = [
      {
        cluster: cluster('delta').ref,
        entityRef: cluster('delta').entityRef!,
        awayFrom: ZONES[1],
        startTime: '2026-12-01T09:00:00Z',
        shiftType: 'ZONAL_SHIFT',
        zonalShiftId: 'zs-1111',
        expiryTime: '2026-12-01T12:00:00Z',
        comment: 'why',
        applied: true,
      },
    ];
    serveFleet([cluster('delta')], { active });
    await renderWithClient(<FleetConsoleContent />, {
      deny: [fleetResilienceShiftCancelPermission.name],
    });
    const table = await screen.findByRole('table', { name: 'Active shifts' });
    // The permission answer arrives after the row: wait for it.
    await waitFor(() => {
      const revert = within(table).getByLabelText('Revert the shift of delta');
      expect(revert).toHaveAttribute('aria-disabled', 'true');
      expect(revert).toHaveAccessibleDescription(
        /^Unavailable: You do not have permission to revert/,
      );
    });
  });

  it('shows a failing list', async () => {
    serveFleet([]);
    server.use(
      http.get(`${BASE_URL}/clusters`, () =>
        HttpResponse.json(
          errorBody(403, 'NotAllowedError', 'Not allowed to read the fleet'),
          {
            status: 403,
          },
        ),
      ),
    );
    await renderWithClient(<FleetConsoleContent />);
    expect(
      (await screen.findAllByText(/Not allowed to read the fleet/)).length,
    ).toBeGreaterThan(0);
  });

  it('shifts the fleet away from an AZ after a dry run and a confirmation', async () => {
    const user = userEvent.setup({ delay: null });
    const recorded = serveFleet([cluster('alpha')]);
    const item = (
      name: string,
      extra: Partial<FleetShiftItem>,
    ): FleetShiftItem => ({
      cluster: cluster(name).ref,
      entityRef: cluster(name).entityRef!,
      zone: ZONES[1],
      verdict: 'survives',
      verdictReason: `${name} reason`,
      outcome: 'eligible',
      ...extra,
    });
    server.use(
      http.post(`${BASE_URL}/fleet-shifts`, async ({ request }) => {
        const body = (await request.json()) as any;
        recorded.fleetShifts.push({
          body,
          key: request.headers.get('Idempotency-Key'),
        });
        if (body.dryRun) {
          return HttpResponse.json({
            dryRun: true,
            awayFrom: 'use1-az2',
            items: [
              item('alpha', {}),
              item('beta', { verdict: 'at-risk' }),
              item('gamma', {
                outcome: 'skipped',
                reason: 'zonal shift not enabled',
              }),
              item('delta', {
                outcome: 'skipped',
                reason:
                  'you may not shift this cluster (fleet-resilience.shift.start)',
              }),
            ],
            counts: {
              eligible: 2,
              skipped: 2,
              started: 0,
              denied: 0,
              failed: 0,
            },
            hidden: 3,
          });
        }
        return HttpResponse.json({
          dryRun: false,
          awayFrom: 'use1-az2',
          items: [
            item('alpha', { outcome: 'started' }),
            item('beta', {
              outcome: 'failed',
              reason: 'ZonalShiftAlreadyExists',
            }),
          ],
          counts: { eligible: 0, skipped: 0, started: 1, denied: 0, failed: 1 },
        });
      }),
    );
    await renderWithClient(<FleetConsoleContent />);
    await user.click(
      await screen.findByRole('button', {
        name: 'Shift fleet away from an AZ',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Shift every cluster away from an AZ',
    });

    await user.type(within(dialog).getByLabelText('AZ ID'), 'us-east-1b');
    await user.type(within(dialog).getByLabelText(/Comment/), 'AZ impairment');
    await user.click(within(dialog).getByRole('button', { name: 'Dry run' }));
    expect(
      within(dialog).getByText(/Enter an AZ ID such as use1-az2/),
    ).toBeInTheDocument();
    expect(recorded.fleetShifts).toHaveLength(0);

    const az = within(dialog).getByLabelText('AZ ID');
    await user.clear(az);
    await user.type(az, 'use1-az2');
    await user.click(within(dialog).getByRole('button', { name: 'Dry run' }));

    // The clusters that would not be shifted are listed with the reason,
    // apart from those that would; each chip speaks of this AZ.
    const toShift = await within(dialog).findByRole('table', {
      name: 'Clusters to shift',
    });
    // Clusters the caller may not read are counted, never named.
    expect(
      within(dialog).getByText(
        '3 clusters in this AZ (use1-az2) are not visible to you and will not be shifted.',
      ),
    ).toBeInTheDocument();
    expect(within(toShift).getByText('alpha')).toBeInTheDocument();
    expect(
      within(toShift).getByText('Survives losing use1-az2'),
    ).toBeInTheDocument();
    expect(
      within(toShift).getByText('At risk without use1-az2'),
    ).toBeInTheDocument();
    const notShifted = within(dialog).getByRole('table', {
      name: 'Clusters not shifted',
    });
    expect(
      within(notShifted).getByText('not shifted: zonal shift not enabled'),
    ).toBeInTheDocument();
    expect(within(notShifted).getByText('gamma')).toBeInTheDocument();
    // A cluster the caller may read but not shift: listed, with the permission.
    expect(within(notShifted).getByText('delta')).toBeInTheDocument();
    expect(
      within(notShifted).getByText(
        'not shifted: you may not shift this cluster (fleet-resilience.shift.start)',
      ),
    ).toBeInTheDocument();
    expect(within(dialog).queryByText(/Survives losing an AZ/)).toBeNull();
    expect(
      within(dialog).getByText(
        /1 of the clusters to shift is not known to survive/,
      ),
    ).toBeInTheDocument();
    expect(recorded.fleetShifts[0].body).toEqual({
      awayFrom: 'use1-az2',
      expiresIn: '1h',
      comment: 'AZ impairment',
      dryRun: true,
    });

    expect(
      within(dialog).getByRole('button', {
        name: 'Shift 2 clusters',
        description: /^Unavailable: First confirm that you understand/,
      }),
    ).toHaveAttribute('aria-disabled', 'true');
    await user.click(
      within(dialog).getByRole('button', { name: 'Shift 2 clusters' }),
    );
    expect(recorded.fleetShifts).toHaveLength(1);
    await user.click(
      within(dialog).getByLabelText(
        /I understand that 1 cluster may run short/,
      ),
    );
    const confirm = within(dialog).getByRole('button', {
      name: 'Shift 2 clusters',
    });
    expect(confirm).not.toHaveAttribute('aria-disabled');
    await user.click(confirm);

    const outcome = await within(dialog).findByRole('table', {
      name: 'Fleet shift outcome',
    });
    expect(
      within(outcome).getByText('failed: ZonalShiftAlreadyExists'),
    ).toBeInTheDocument();
    expect(within(outcome).getByText('shifted')).toBeInTheDocument();
    expect(within(dialog).getByText(/1 started, 1 failed/)).toBeInTheDocument();
    const real = recorded.fleetShifts[1];
    expect(real.body).toEqual({
      awayFrom: 'use1-az2',
      expiresIn: '1h',
      comment: 'AZ impairment',
      dryRun: false,
      clusters: [cluster('alpha').ref.arn, cluster('beta').ref.arn],
    });
    expect(real.key).toBeTruthy();
    expect(real.key).not.toBe(recorded.fleetShifts[0].key);
  }, 60_000);

  it('offers no fleet shift when the caller may shift none of the clusters in the AZ', async () => {
    const user = userEvent.setup({ delay: null });
    const recorded = serveFleet([cluster('alpha')]);
    server.use(
      http.post(`${BASE_URL}/fleet-shifts`, async ({ request }) => {
        recorded.fleetShifts.push({
          body: await request.json(),
          key: request.headers.get('Idempotency-Key'),
        });
        return HttpResponse.json({
          dryRun: true,
          awayFrom: 'use1-az2',
          items: [
            {
              cluster: cluster('alpha').ref,
              entityRef: cluster('alpha').entityRef!,
              zone: ZONES[1],
              verdict: 'survives',
              verdictReason: 'fine',
              outcome: 'skipped',
              reason:
                'you may not shift this cluster (fleet-resilience.shift.start)',
            },
          ],
          counts: { eligible: 0, skipped: 1, started: 0, denied: 0, failed: 0 },
          hidden: 1,
        });
      }),
    );
    await renderWithClient(<FleetConsoleContent />);
    await user.click(
      await screen.findByRole('button', {
        name: 'Shift fleet away from an AZ',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText('AZ ID'), 'use1-az2');
    await user.type(within(dialog).getByLabelText(/Comment/), 'drill');
    await user.click(within(dialog).getByRole('button', { name: 'Dry run' }));
    const notShifted = await within(dialog).findByRole('table', {
      name: 'Clusters not shifted',
    });
    expect(
      within(notShifted).getByText(/fleet-resilience\.shift\.start/),
    ).toBeInTheDocument();
    expect(
      within(dialog).queryByRole('table', { name: 'Clusters to shift' }),
    ).toBeNull();
    expect(
      within(dialog).getByText(
        '1 cluster in this AZ (use1-az2) is not visible to you and will not be shifted.',
      ),
    ).toBeInTheDocument();
    const confirm = within(dialog).getByRole('button', {
      name: 'Shift 0 clusters',
      description:
        'Unavailable: No cluster listed can be shifted: each one says why it is skipped',
    });
    expect(confirm).toHaveAttribute('aria-disabled', 'true');
    await user.click(confirm);
    // Only the dry run was sent.
    expect(recorded.fleetShifts).toHaveLength(1);
  }, 60_000);

  it('proposes the AZ the console is filtered on for a fleet shift', async () => {
    const user = userEvent.setup({ delay: null });
    const recorded = serveFleet([cluster('alpha')]);
    await renderWithClient(<FleetConsoleContent />);
    await user.type(await screen.findByLabelText('AZ'), 'use1-az3');
    await waitFor(() =>
      expect(
        recorded.lists[recorded.lists.length - 1].searchParams.get('zone'),
      ).toBe('use1-az3'),
    );
    await user.click(
      screen.getByRole('button', { name: 'Shift fleet away from an AZ' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Shift every cluster away from an AZ',
    });
    expect(within(dialog).getByLabelText('AZ ID')).toHaveValue('use1-az3');
  });

  it('refetches the list when a signal arrives, but not for fleet shift progress', async () => {
    const signals = new TestSignalApi();
    const recorded = serveFleet([cluster('alpha')]);
    await renderWithClient(<FleetConsoleContent />, { signals });
    await screen.findByText('1 cluster match.');
    const before = recorded.lists.length;
    signals.publish(FLEET_SIGNAL_CHANNEL, {
      type: 'fleet-shift-progress',
      operationId: 'op',
      done: 1,
      total: 2,
    });
    signals.publish(FLEET_SIGNAL_CHANNEL, { type: 'fleet-refreshed' });
    signals.publish(FLEET_SIGNAL_CHANNEL, {
      type: 'shift-changed',
      clusterArn: cluster('alpha').ref.arn,
    });
    // Bursts are throttled to one refetch.
    await waitFor(() => expect(recorded.lists.length).toBe(before + 1), {
      timeout: 5000,
    });
    await new Promise(resolve => setTimeout(resolve, 2500));
    expect(recorded.lists.length).toBe(before + 1);
  });

  it('shows fleet shift progress from signals while the shifts start, and closes with Escape', async () => {
    const user = userEvent.setup({ delay: null });
    const signals = new TestSignalApi();
    serveFleet([cluster('alpha')]);
    let release: () => void = () => {};
    const released = new Promise<void>(resolve => {
      release = resolve;
    });
    const eligible: FleetShiftItem = {
      cluster: cluster('alpha').ref,
      entityRef: cluster('alpha').entityRef!,
      zone: ZONES[1],
      verdict: 'survives',
      verdictReason: 'fine',
      outcome: 'eligible',
    };
    server.use(
      http.post(`${BASE_URL}/fleet-shifts`, async ({ request }) => {
        const body = (await request.json()) as any;
        if (!body.dryRun) await released;
        return HttpResponse.json({
          dryRun: body.dryRun,
          awayFrom: 'use1-az2',
          items: [
            { ...eligible, outcome: body.dryRun ? 'eligible' : 'started' },
          ],
          counts: {
            eligible: body.dryRun ? 1 : 0,
            started: body.dryRun ? 0 : 1,
            skipped: 0,
            denied: 0,
            failed: 0,
          },
        });
      }),
    );
    await renderWithClient(<FleetConsoleContent />, { signals });
    await user.click(
      await screen.findByRole('button', {
        name: 'Shift fleet away from an AZ',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText('AZ ID'), 'use1-az2');
    await user.type(within(dialog).getByLabelText(/Comment/), 'drill');
    await user.click(within(dialog).getByRole('button', { name: 'Dry run' }));
    await user.click(
      await within(dialog).findByRole('button', { name: 'Shift 1 cluster' }),
    );
    expect(
      await within(dialog).findByText('Starting shifts…'),
    ).toBeInTheDocument();
    signals.publish(FLEET_SIGNAL_CHANNEL, {
      type: 'fleet-shift-progress',
      operationId: 'op',
      done: 3,
      total: 10,
    });
    expect(
      await within(dialog).findByText('Starting shifts: 3 of 10 done'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('progressbar', { name: 'Fleet shift progress' }),
    ).toHaveAttribute('aria-valuenow', '30');
    release();
    expect(await within(dialog).findByText(/1 started/)).toBeInTheDocument();
    await user.keyboard('{Escape}');
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  }, 60_000);

  it('links admins to the preflight page where the app mounts it', async () => {
    serveFleet([cluster('alpha')]);
    const { unmount } = await renderWithClient(<FleetConsolePage />, {
      mountedRoutes: { '/fleet-resilience/preflight': preflightRouteRef },
    });
    expect(
      await screen.findByRole('link', { name: 'Preflight' }),
    ).toHaveAttribute('href', '/fleet-resilience/preflight');
    unmount();

    const { unmount: unmountUnlinked } = await renderWithClient(
      <FleetConsolePage />,
    );
    await screen.findByText('1 cluster match.');
    expect(screen.queryByRole('link', { name: 'Preflight' })).toBeNull();
    unmountUnlinked();

    // Nor for those who may not read the report.
    await renderWithClient(<FleetConsolePage />, {
      mountedRoutes: { '/fleet-resilience/preflight': preflightRouteRef },
      deny: [fleetResiliencePreflightPermission.name],
    });
    await screen.findByText('1 cluster match.');
    expect(screen.queryByRole('link', { name: 'Preflight' })).toBeNull();
  });
});
