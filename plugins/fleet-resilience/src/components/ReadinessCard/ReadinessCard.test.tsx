import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  IDEMPOTENCY_KEY_HEADER,
  fleetResilienceReadinessConfigurePermission,
  type ClusterReadiness,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import {
  BASE_URL,
  CLUSTER_ARN,
  detailFixture,
  errorBody,
} from '../../__testUtils__/fixtures';
import {
  checksFixture,
  readinessFixture,
} from '../../__testUtils__/readinessFixtures';
import { renderWithClient } from '../../__testUtils__/render';
import { EntityFleetReadinessCard, ReadinessCardView } from './ReadinessCard';

const server = setupServer();
registerMswTestHooks(server);

const ALARM =
  'arn:aws:cloudwatch:us-east-1:111122223333:alarm:payments-prod-5xx';

interface Fix {
  body: any;
  key: string | null;
}

/** Serves the detail (each read takes the next readiness, then the last). */
function serve(readiness: Array<ClusterReadiness | undefined>) {
  const fixes: Fix[] = [];
  let reads = 0;
  server.use(
    http.get(`${BASE_URL}/clusters/:arn`, () => {
      const r = readiness[Math.min(reads, readiness.length - 1)];
      reads += 1;
      return HttpResponse.json(detailFixture({ readiness: r }));
    }),
    http.post(
      `${BASE_URL}/clusters/:arn/readiness-fixes`,
      async ({ request }) => {
        const body = await request.json();
        fixes.push({ body, key: request.headers.get(IDEMPOTENCY_KEY_HEADER) });
        return HttpResponse.json({
          cluster: detailFixture().summary.ref,
          fix: (body as any).fix,
          status: 'in-progress',
          message: 'EKS is turning on zonal shift (update u-1).',
          update: {
            updateId: 'u-1',
            type: 'ZonalShiftConfigUpdate',
            status: 'InProgress',
            startedAt: '2026-12-01T10:31:00.000Z',
          },
        });
      },
    ),
  );
  return { fixes, reads: () => reads };
}

describe('ReadinessCard', () => {
  it('shows the verdict, every check with its evidence and fix, and the workloads at risk drawn per AZ', async () => {
    serve([readinessFixture()]);
    await renderWithClient(<ReadinessCardView clusterArn={CLUSTER_ARN} />);

    expect(await screen.findByText('Not ready · 38/100')).toBeInTheDocument();
    expect(screen.getByText('2 of 8 checks pass.')).toBeInTheDocument();
    const zonalShift = screen.getByTestId('check-zonal-shift');
    expect(within(zonalShift).getByText('Zonal shift enabled')).toBeVisible();
    expect(within(zonalShift).getByText('Fails')).toBeInTheDocument();
    expect(
      within(zonalShift).getByText('EKS zonalShiftConfig.enabled is false'),
    ).toBeInTheDocument();
    expect(
      within(zonalShift).getByText(
        'Fix: Turn on zonal shift for the cluster (EKS UpdateClusterConfig).',
      ),
    ).toBeInTheDocument();
    // A passing check says no fix.
    expect(
      within(screen.getByTestId('check-capacity-n-1')).queryByText(/^Fix:/),
    ).toBeNull();

    const table = screen.getByRole('table', { name: 'Workloads at risk' });
    const ledger = within(table).getByText('ledger').closest('tr')!;
    expect(within(ledger).getByText('payments · Deployment')).toBeVisible();
    expect(within(ledger).getByText('3 / 3')).toBeVisible();
    expect(
      within(ledger).getByText('3 of 3 ready replicas in us-east-1a'),
    ).toBeVisible();
    // Every AZ of the cluster drawn, the empty ones as empty bars.
    const bars = within(ledger).getByRole('img', {
      name: 'Ready replicas per AZ: us-east-1a 3, us-east-1b 0, us-east-1c 0',
    });
    const widths = within(bars as unknown as HTMLElement)
      .getAllByTestId('zone-bar-fill')
      .map(rect => Number(rect.getAttribute('width')));
    expect(widths[0]).toBeGreaterThan(0);
    expect(widths.slice(1)).toEqual([0, 0]);
    expect(
      screen.getByText(
        '1 at risk, 1 with a single replica, 0 without a zone spread constraint, of 12 workloads read.',
      ),
    ).toBeInTheDocument();
  });

  it('lists recent practice runs with their outcomes', async () => {
    serve([
      readinessFixture({
        recentPracticeRuns: [
          {
            zonalShiftId: 'pr-2',
            awayFrom: 'use1-az2',
            startTime: '2026-11-30T09:00:00.000Z',
            expiryTime: '2026-11-30T09:30:00.000Z',
            status: 'EXPIRED',
            outcome: 'FAILED',
          },
          {
            zonalShiftId: 'pr-1',
            awayFrom: 'use1-az1',
            startTime: '2026-11-23T09:00:00.000Z',
            expiryTime: '2026-11-23T09:30:00.000Z',
            status: 'EXPIRED',
            outcome: 'SUCCEEDED',
          },
        ],
      }),
    ]);
    await renderWithClient(<ReadinessCardView clusterArn={CLUSTER_ARN} />);
    const runs = await screen.findByRole('table', {
      name: 'Recent practice runs',
    });
    const rows = within(runs).getAllByRole('row').slice(1);
    expect(within(rows[0]).getByText('us-east-1b (use1-az2)')).toBeVisible();
    expect(
      within(rows[0]).getByText('Failed (an outcome alarm went into ALARM)'),
    ).toBeVisible();
    expect(within(rows[1]).getByText('Succeeded')).toBeVisible();
  });

  it('says why fixes are unavailable without the readiness permission', async () => {
    serve([readinessFixture()]);
    await renderWithClient(<ReadinessCardView clusterArn={CLUSTER_ARN} />, {
      deny: [fleetResilienceReadinessConfigurePermission.name],
    });
    const button = await screen.findByRole('button', {
      name: 'Enable zonal shift',
    });
    await waitFor(() =>
      expect(button).toHaveAccessibleDescription(
        `Unavailable: You do not have permission to change this cluster's zonal shift readiness (${fleetResilienceReadinessConfigurePermission.name})`,
      ),
    );
    await userEvent.click(button);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('enables zonal shift with a comment and follows the EKS update until it completes', async () => {
    const user = userEvent.setup({ delay: null });
    const inProgress = readinessFixture({
      pendingUpdate: {
        updateId: 'u-1',
        type: 'ZonalShiftConfigUpdate',
        status: 'InProgress',
        startedAt: '2026-12-01T10:31:00.000Z',
      },
    });
    const done = readinessFixture({
      verdict: 'at-risk',
      score: 56,
      checks: checksFixture({
        'zonal-shift': { verdict: 'pass', evidence: ['enabled'] },
      }),
      // The backend lists no update once it succeeded.
      pendingUpdate: undefined,
    });
    // Ten reads in progress (half a second at 50 ms), then done.
    const served = serve([
      readinessFixture(),
      ...Array<ClusterReadiness>(10).fill(inProgress),
      done,
    ]);
    await renderWithClient(
      <ReadinessCardView clusterArn={CLUSTER_ARN} pollMs={50} />,
    );

    await user.click(
      await screen.findByRole('button', { name: 'Enable zonal shift' }),
    );
    const dialog = screen.getByRole('dialog', {
      name: 'Enable zonal shift on payments-prod',
    });
    // The comment is required: nothing is sent without it.
    await user.click(
      within(dialog).getByRole('button', { name: 'Enable zonal shift' }),
    );
    expect(
      within(dialog).getByText('Comment is required: say why, for the audit'),
    ).toBeInTheDocument();
    expect(served.fixes).toHaveLength(0);

    await user.type(
      within(dialog).getByLabelText(/Comment/),
      'Ready for AZ loss',
    );
    await user.click(
      within(dialog).getByRole('button', { name: 'Enable zonal shift' }),
    );
    await waitFor(() => expect(served.fixes).toHaveLength(1));
    expect(served.fixes[0].body).toEqual({
      fix: 'enable-zonal-shift',
      comment: 'Ready for AZ loss',
    });
    expect(served.fixes[0].key).toMatch(/^[A-Za-z0-9._:-]{1,128}$/);
    expect(
      await screen.findByText('EKS is turning on zonal shift (update u-1).'),
    ).toBeInTheDocument();

    // While it runs: progress, and no second update can be started.
    expect(
      await screen.findByRole('progressbar', {
        name: 'EKS update in progress',
      }),
    ).toBeInTheDocument();
    // Polled until EKS says it completed.
    expect(
      await screen.findByText(/completed successfully/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.getByText('At risk · 56/100')).toBeInTheDocument();
    const reads = served.reads();
    await new Promise(resolve => setTimeout(resolve, 200));
    expect(served.reads()).toBe(reads);
  });

  it('checks the practice-run settings before sending them, and shows the server refusal', async () => {
    const user = userEvent.setup({ delay: null });
    serve([readinessFixture()]);
    const posted: unknown[] = [];
    server.use(
      http.post(
        `${BASE_URL}/clusters/:arn/readiness-fixes`,
        async ({ request }) => {
          posted.push(await request.json());
          return HttpResponse.json(
            errorBody(
              409,
              'ConflictError',
              'ARC refused: PracticeConfigurationAlreadyExists',
              { reason: 'PracticeConfigurationAlreadyExists' },
            ),
            { status: 409 },
          );
        },
      ),
    );
    await renderWithClient(<ReadinessCardView clusterArn={CLUSTER_ARN} />);
    await user.click(
      await screen.findByRole('button', { name: 'Configure practice runs' }),
    );
    const dialog = screen.getByRole('dialog');
    await user.type(within(dialog).getByLabelText(/Comment/), 'Weekly tests');
    await user.type(
      within(dialog).getByLabelText(/Blocked windows/),
      'Monday 9 to 5',
    );
    await user.click(
      within(dialog).getByRole('button', { name: 'Configure practice runs' }),
    );
    // Refused here with ARC's rules, each problem under its field.
    expect(
      within(dialog).getByText(
        'practiceRuns.outcomeAlarms: required (1 to 10 CloudWatch alarm ARNs)',
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText(
        'practiceRuns.blockedWindows[0]: must look like Mon:09:00-Mon:17:00 (UTC)',
      ),
    ).toBeInTheDocument();
    expect(posted).toHaveLength(0);

    await user.click(within(dialog).getByLabelText(/Outcome alarms/));
    await user.paste(ALARM);
    await user.clear(within(dialog).getByLabelText(/Blocked windows/));
    await user.type(
      within(dialog).getByLabelText(/Blocked windows/),
      'Mon:09:00-Mon:17:00',
    );
    await user.click(
      within(dialog).getByRole('button', { name: 'Configure practice runs' }),
    );
    expect(
      await within(dialog).findByText(
        'ARC refused: PracticeConfigurationAlreadyExists',
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText(
        'A practice run configuration already exists for this cluster.',
      ),
    ).toBeInTheDocument();
    expect(posted).toHaveLength(1);
    expect(within(dialog).getByRole('button', { name: 'Retry' })).toBeVisible();
  });

  it('sends the practice-run settings as lists', async () => {
    const user = userEvent.setup({ delay: null });
    const served = serve([readinessFixture()]);
    await renderWithClient(<ReadinessCardView clusterArn={CLUSTER_ARN} />);
    await user.click(
      await screen.findByRole('button', { name: 'Configure practice runs' }),
    );
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByLabelText(/Outcome alarms/));
    await user.paste(ALARM);
    await user.type(
      within(dialog).getByLabelText(/Blocked dates/),
      '2026-12-24, 2026-12-31',
    );
    await user.type(within(dialog).getByLabelText(/Comment/), 'Weekly tests');
    await user.click(
      within(dialog).getByRole('button', { name: 'Configure practice runs' }),
    );
    await waitFor(() => expect(served.fixes).toHaveLength(1));
    expect(served.fixes[0].body).toEqual({
      fix: 'configure-practice-runs',
      comment: 'Weekly tests',
      // Every list, the empty ones too: an update keeps what it is not given.
      practiceRuns: {
        outcomeAlarms: [ALARM],
        blockingAlarms: [],
        blockedWindows: [],
        blockedDates: ['2026-12-24', '2026-12-31'],
      },
    });
  });

  it('says when the cluster has no readiness yet', async () => {
    serve([undefined]);
    await renderWithClient(<ReadinessCardView clusterArn={CLUSTER_ARN} />);
    expect(await screen.findByText('No readiness yet')).toBeInTheDocument();
  });

  it('reads the cluster ARN from the entity', async () => {
    serve([readinessFixture()]);
    await renderWithClient(
      <EntityProvider
        entity={{
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Resource',
          metadata: {
            name: 'payments-prod',
            annotations: { 'fleet-resilience.io/cluster-arn': CLUSTER_ARN },
          },
          spec: { type: 'kubernetes-cluster', owner: 'payments-team' },
        }}
      >
        <EntityFleetReadinessCard />
      </EntityProvider>,
    );
    expect(await screen.findByText('Not ready · 38/100')).toBeInTheDocument();
  });
});
