import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/test-utils';
import {
  fleetResiliencePreflightPermission,
  type PreflightCheck,
  type PreflightReport,
  type PreflightStatus,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { BASE_URL, errorBody } from '../../__testUtils__/fixtures';
import { contrastRatio } from '../../__testUtils__/contrast';
import { renderWithClient } from '../../__testUtils__/render';
import { PREFLIGHT_POLL_MS } from '../../hooks/usePreflightReport';
import { rootRouteRef } from '../../routes';
import { PreflightContent, PreflightPage } from './PreflightPage';
import { PREFLIGHT_STATUS_COLOURS } from './PreflightStatusChip';

const server = setupServer();
registerMswTestHooks(server);

const A = '111122223333';
const B = '444455556666';
const PAYMENTS = `arn:aws:eks:us-east-1:${B}:cluster/payments`;

const FIX_RBAC =
  'Grant the reader role "patch" on nodepools.karpenter.sh in a ClusterRole bound to fleet-resilience-operator';
const FIX_RECORDER =
  'Record AWS::EC2::Subnet in the AWS Config recorder of 444455556666 in us-east-1';

function check(
  id: string,
  status: PreflightStatus,
  extra: Partial<PreflightCheck> = {},
): PreflightCheck {
  return {
    id,
    title: `${id} title`,
    scope: {},
    status,
    detail: `${id} detail`,
    ...extra,
  };
}

/** Account A all green; account B with a warning, a failure and a skip. */
const CHECKS: PreflightCheck[] = [
  check('credentials', 'pass', { scope: { accountId: A, role: 'reader' } }),
  check('arc', 'pass', { scope: { accountId: A, region: 'us-east-1' } }),
  check('credentials', 'pass', { scope: { accountId: B, role: 'reader' } }),
  check('config.recorder', 'warn', {
    scope: { accountId: B, region: 'us-east-1' },
    detail: 'The recorder records AWS::EKS::Cluster only',
    fix: FIX_RECORDER,
  }),
  check('kubernetes.reachable', 'pass', {
    scope: { clusterArn: PAYMENTS, clusterName: 'payments' },
  }),
  check('kubernetes.rbac', 'fail', {
    scope: { clusterArn: PAYMENTS, clusterName: 'payments', role: 'operator' },
    detail: 'SelfSubjectAccessReview: patch nodepools.karpenter.sh denied',
    fix: FIX_RBAC,
  }),
  check('kubernetes.nodepools', 'skipped', {
    scope: { clusterArn: PAYMENTS, clusterName: 'payments' },
    detail: 'Not run: RBAC check failed',
  }),
];

function report(overrides: Partial<PreflightReport> = {}): PreflightReport {
  const summary = { pass: 0, warn: 0, fail: 0, skipped: 0 };
  const checks = overrides.checks ?? CHECKS;
  for (const c of checks) summary[c.status] += 1;
  return {
    state: 'done',
    startedAt: '2026-12-07T06:00:00.000Z',
    finishedAt: '2026-12-07T06:00:42.000Z',
    summary,
    checks,
    ...overrides,
  };
}

interface Recorded {
  gets: number[];
  posts: number;
}

/** Serves the reports in turn (the last one from then on) and records calls. */
function serve(
  reports: Array<PreflightReport | { status: number }>,
  options: { postStatus?: number; onPost?: () => void } = {},
): Recorded {
  const recorded: Recorded = { gets: [], posts: 0 };
  server.use(
    http.get(`${BASE_URL}/preflight`, () => {
      const next = reports[Math.min(recorded.gets.length, reports.length - 1)];
      recorded.gets.push(Date.now());
      if ('status' in next) {
        return HttpResponse.json(errorBody(next.status, 'Error', 'refused'), {
          status: next.status,
        });
      }
      return HttpResponse.json(next);
    }),
    http.post(`${BASE_URL}/preflight`, () => {
      recorded.posts += 1;
      options.onPost?.();
      const status = options.postStatus ?? 202;
      return status === 202
        ? new HttpResponse(null, { status })
        : HttpResponse.json(errorBody(status, 'NotAllowedError', 'no'), {
            status,
          });
    }),
  );
  return recorded;
}

/** The check items in the order shown: `id@status`. */
function shownOrder(): string[] {
  return Array.from(document.querySelectorAll('li[data-check-id]')).map(
    li =>
      `${li.getAttribute('data-check-id')}@${li.getAttribute('data-status')}`,
  );
}

function item(id: string): HTMLElement {
  const li = document.querySelector<HTMLElement>(`li[data-check-id="${id}"]`);
  if (!li) throw new Error(`no check ${id}`);
  return li;
}

describe('PreflightContent', () => {
  it('draws the counts per status as a bar and chips, and marks each check with its status', async () => {
    serve([report()]);
    await renderWithClient(<PreflightContent />);
    const bar = await screen.findByRole('img', {
      name: 'Preflight checks: 1 failed, 1 warning, 1 skipped, 4 passed',
    });
    const widths = Object.fromEntries(
      Array.from(bar.querySelectorAll('rect[data-status]')).map(rect => [
        rect.getAttribute('data-status'),
        Number(rect.getAttribute('width')),
      ]),
    );
    // Each segment is its share of 400 (less a 2-unit gap): 4 of 7 passed.
    expect(widths.pass).toBeCloseTo((4 / 7) * 400 - 2, 5);
    expect(widths.fail).toBeCloseTo((1 / 7) * 400 - 2, 5);
    expect(widths.warn).toBeCloseTo(widths.fail, 5);
    expect(widths.skipped).toBeCloseTo(widths.fail, 5);
    for (const label of ['1 failed', '1 warning', '1 skipped', '4 passed']) {
      expect(screen.getByText(label)).toBeInTheDocument();
    }
    expect(within(item('kubernetes.rbac')).getByText('Failed')).toBeVisible();
    expect(
      within(item('config.recorder')).getByText('Warning'),
    ).toBeInTheDocument();
    expect(
      within(item('kubernetes.nodepools')).getByText('Skipped'),
    ).toBeInTheDocument();
    expect(
      within(item('kubernetes.reachable')).getByText('Passed'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Last run finished 7 Dec 2026, 06:00 UTC \(took 42 s\)/),
    ).toBeInTheDocument();
  });

  it('draws a count of 0 outlined, not in its status colour', async () => {
    const green = [check('credentials', 'pass', { scope: { accountId: A } })];
    serve([report({ checks: green })]);
    await renderWithClient(<PreflightContent />);
    const zero = (await screen.findByText('0 failed')).closest('[data-status]');
    expect(zero?.className).toMatch(/MuiChip-outlined/);
    // The summary's chip (the account's card says "1 passed" too).
    const passed = screen
      .getAllByText('1 passed')
      .map(el => el.closest('[data-status]'))
      .find(Boolean);
    expect(passed).toHaveStyle({
      backgroundColor: PREFLIGHT_STATUS_COLOURS.pass,
    });
  });

  it('groups by account, region and cluster with failures first at every level', async () => {
    serve([report()]);
    await renderWithClient(<PreflightContent />);
    await screen.findByText('Account 444455556666');
    // Account B (a failure) before account A (all passed), though A sorts first.
    const accounts = screen
      .getAllByText(/^Account \d{12}$/)
      .map(el => el.textContent);
    expect(accounts).toEqual([`Account ${B}`, `Account ${A}`]);
    expect(
      screen.getByRole('heading', { level: 4, name: 'Cluster payments' }),
    ).toBeInTheDocument();
    // B: its account-wide check, then us-east-1's warning, then the
    // cluster's checks failure first; then A's.
    expect(shownOrder()).toEqual([
      'credentials@pass',
      'config.recorder@warn',
      'kubernetes.rbac@fail',
      'kubernetes.nodepools@skipped',
      'kubernetes.reachable@pass',
      'credentials@pass',
      'arc@pass',
    ]);
    expect(
      screen.getAllByText('1 failed, 1 warning, 1 skipped, 2 passed'),
    ).not.toHaveLength(0);
  });

  it('shows a failed check’s fix and what was seen, the fix first', async () => {
    serve([report()]);
    await renderWithClient(<PreflightContent />);
    await screen.findByText('Account 444455556666');
    const failed = item('kubernetes.rbac');
    expect(within(failed).getByText('kubernetes.rbac title')).toBeVisible();
    expect(within(failed).getByText('How to fix:')).toBeVisible();
    const fix = within(failed).getByText(FIX_RBAC);
    const seen = within(failed).getByText(
      'Seen: SelfSubjectAccessReview: patch nodepools.karpenter.sh denied',
    );
    expect(
      // eslint-disable-next-line no-bitwise
      fix.compareDocumentPosition(seen) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    expect(within(failed).getByText('as the operator role')).toBeVisible();
    expect(
      within(item('config.recorder')).getByText(FIX_RECORDER),
    ).toBeVisible();
  });

  it('starts a run with the button, then polls every 2 s while it runs', async () => {
    const user = userEvent.setup();
    const recorded = serve([
      report(),
      report({
        state: 'running',
        finishedAt: undefined,
        progress: { done: 1, total: 3 },
        checks: [CHECKS[0]],
      }),
      report({ startedAt: '2026-12-07T07:00:00.000Z' }),
    ]);
    await renderWithClient(<PreflightContent />);
    await user.click(await screen.findByRole('button', { name: 'Run again' }));
    expect(recorded.posts).toBe(1);
    // Right after the POST the report is read again: the run in progress.
    const bar = await screen.findByRole('progressbar', {
      name: 'Preflight progress',
    });
    expect(bar).toHaveAttribute('aria-valuenow', '33');
    expect(screen.getByText('Running: 1 of 3 checks done')).toBeInTheDocument();
    expect(recorded.gets).toHaveLength(2);
    // The next read comes after the poll interval, not before.
    await waitFor(() => expect(recorded.gets).toHaveLength(3), {
      timeout: PREFLIGHT_POLL_MS + 3000,
    });
    expect(recorded.gets[2] - recorded.gets[1]).toBeGreaterThanOrEqual(
      PREFLIGHT_POLL_MS - 50,
    );
    expect(PREFLIGHT_POLL_MS).toBe(2000);
    await waitFor(() =>
      expect(
        screen.queryByRole('progressbar', { name: 'Preflight progress' }),
      ).not.toBeInTheDocument(),
    );
    // Done: no more reads.
    await new Promise(resolve => setTimeout(resolve, PREFLIGHT_POLL_MS + 200));
    expect(recorded.gets).toHaveLength(3);
  });

  it('shows the progress of a run in progress and does not offer to start another', async () => {
    const user = userEvent.setup();
    const recorded = serve([
      report({
        state: 'running',
        finishedAt: undefined,
        progress: { done: 2, total: 8 },
        checks: CHECKS.slice(0, 2),
      }),
    ]);
    await renderWithClient(<PreflightContent />);
    const bar = await screen.findByRole('progressbar', {
      name: 'Preflight progress',
    });
    expect(bar).toHaveAttribute('aria-valuenow', '25');
    expect(screen.getByText('Running: 2 of 8 checks done')).toBeInTheDocument();
    expect(
      screen.getByText('Started 7 Dec 2026, 06:00 UTC.'),
    ).toBeInTheDocument();
    // The checks done so far are shown.
    expect(shownOrder()).toEqual(['credentials@pass', 'arc@pass']);
    const button = screen.getByRole('button', {
      name: 'Run again',
      description: 'Unavailable: A run is in progress',
    });
    await user.click(button);
    expect(recorded.posts).toBe(0);
  });

  it('says when preflight has not run yet, and runs it from there', async () => {
    const user = userEvent.setup();
    const recorded = serve([
      report({
        state: 'never-run',
        startedAt: undefined,
        finishedAt: undefined,
        checks: [],
      }),
      report(),
    ]);
    await renderWithClient(<PreflightContent />);
    expect(
      await screen.findByText('Preflight has not run yet'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('img', { name: /Preflight checks/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Run again' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Run preflight' }));
    expect(recorded.posts).toBe(1);
    expect(await screen.findByText('Account 444455556666')).toBeInTheDocument();
    expect(screen.queryByText('Preflight has not run yet')).toBeNull();
  });

  it('explains a 403 and offers no run', async () => {
    const recorded = serve([{ status: 403 }]);
    await renderWithClient(<PreflightContent />, {
      deny: [fleetResiliencePreflightPermission.name],
    });
    expect(
      await screen.findByText(/You may not see the preflight report/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /You need the fleet-resilience\.preflight permission .*admins/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Run/ })).toBeNull();
    expect(recorded.gets).toHaveLength(1);
  });

  it('stops polling a run when a read is refused', async () => {
    const recorded = serve([
      report({
        state: 'running',
        finishedAt: undefined,
        progress: { done: 2, total: 8 },
        checks: CHECKS.slice(0, 2),
      }),
      { status: 403 },
      report(),
    ]);
    await renderWithClient(<PreflightContent />);
    expect(
      await screen.findByText(/could not be read again \(You need/, undefined, {
        timeout: PREFLIGHT_POLL_MS + 3000,
      }),
    ).toBeInTheDocument();
    // A refusal does not change by asking again.
    await new Promise(resolve => setTimeout(resolve, PREFLIGHT_POLL_MS + 500));
    expect(recorded.gets).toHaveLength(2);
  });

  it('disables the run for a user without the permission, saying why', async () => {
    const user = userEvent.setup();
    const recorded = serve([report()]);
    await renderWithClient(<PreflightContent />, {
      deny: [fleetResiliencePreflightPermission.name],
    });
    const button = await screen.findByRole('button', {
      name: 'Run again',
      description:
        'Unavailable: You need the fleet-resilience.preflight permission (admins)',
    });
    await user.click(button);
    expect(recorded.posts).toBe(0);
  });

  it('says why a run did not start when the backend refuses it', async () => {
    const user = userEvent.setup();
    serve([report()], { postStatus: 403 });
    await renderWithClient(<PreflightContent />);
    await user.click(await screen.findByRole('button', { name: 'Run again' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /The run did not start: You need the fleet-resilience\.preflight permission/,
    );
  });

  it('says that a backend without the route has no preflight', async () => {
    serve([{ status: 404 }]);
    await renderWithClient(<PreflightContent />);
    expect(
      await screen.findByText('This backend has no preflight route'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Run/ })).toBeNull();
  });

  it('keeps the report on screen when a poll fails, and keeps polling', async () => {
    const recorded = serve([
      report({
        state: 'running',
        finishedAt: undefined,
        progress: { done: 2, total: 8 },
        checks: CHECKS.slice(0, 2),
      }),
      { status: 500 },
      report(),
    ]);
    await renderWithClient(<PreflightContent />);
    expect(
      await screen.findByText(/could not be read again/, undefined, {
        timeout: PREFLIGHT_POLL_MS + 3000,
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('Running: 2 of 8 checks done')).toBeInTheDocument();
    expect(
      await screen.findByText('Account 444455556666', undefined, {
        timeout: PREFLIGHT_POLL_MS + 3000,
      }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/could not be read again/)).toBeNull();
    expect(recorded.gets).toHaveLength(3);
  });
});

describe('PreflightPage', () => {
  it('links back to the console when the app mounts it', async () => {
    serve([report()]);
    await renderWithClient(<PreflightPage />, {
      mountedRoutes: { '/fleet-resilience': rootRouteRef },
    });
    expect(
      await screen.findByRole('link', { name: 'Fleet console' }),
    ).toHaveAttribute('href', '/fleet-resilience');
  });

  it('leaves the link out when the app does not mount the console', async () => {
    serve([report()]);
    await renderWithClient(<PreflightPage />);
    await screen.findByText('Account 444455556666');
    expect(screen.queryByRole('link', { name: 'Fleet console' })).toBeNull();
  });
});

describe('preflight status colours', () => {
  it('carry white text at 4.5:1 or more', () => {
    for (const colour of Object.values(PREFLIGHT_STATUS_COLOURS)) {
      expect(contrastRatio(colour, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    }
  });
});
