import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/test-utils';
import {
  BASE_URL,
  CLUSTER_ARN,
  errorBody,
  shiftFixture,
  summaryFixture,
} from '../../__testUtils__/fixtures';
import { renderWithClient } from '../../__testUtils__/render';
import { actorText, ShiftHistoryCardView } from './ShiftHistoryCard';

const server = setupServer();
registerMswTestHooks(server);

const cluster = summaryFixture().ref;

function serve(shifts: unknown[], audit: unknown[], queries: URL[] = []) {
  server.use(
    http.get(`${BASE_URL}/shifts`, ({ request }) => {
      queries.push(new URL(request.url));
      return HttpResponse.json({
        items: shifts,
        totalCount: shifts.length,
        paging: { limit: 50, offset: 0 },
      });
    }),
    http.get(`${BASE_URL}/audit`, ({ request }) => {
      queries.push(new URL(request.url));
      return HttpResponse.json({
        items: audit,
        totalCount: audit.length,
        paging: { limit: 50, offset: 0 },
      });
    }),
  );
}

describe('actorText', () => {
  it('names an entity ref by its name and keeps anything else', () => {
    expect(actorText('user:development/guest')).toEqual({
      text: 'guest',
      title: 'user:development/guest',
    });
    expect(actorText('user:jane.doe')).toEqual({
      text: 'jane.doe',
      title: 'user:jane.doe',
    });
    expect(actorText('AWS')).toEqual({ text: 'AWS' });
    expect(actorText('outside the portal')).toEqual({
      text: 'outside the portal',
    });
  });
});

describe('ShiftHistoryCard', () => {
  it("merges ARC's history and the portal's audit trail, newest first", async () => {
    const queries: URL[] = [];
    serve(
      [
        {
          ...shiftFixture({
            status: 'CANCELED',
            startTime: '2026-11-30T08:00:00Z',
          }),
          cluster,
          lastSeenAt: '2026-11-30T09:00:00Z',
        },
      ],
      [
        {
          id: 'e9',
          time: '2026-12-01T09:00:00Z',
          actor: 'user:default/bob',
          action: 'shift.start',
          cluster,
          inputs: { awayFrom: 'use1-az1', expiresIn: '1h', comment: 'drill' },
          outcome: 'failure',
          channel: 'mcp',
          errorMessage: 'ZonalShiftAlreadyExists',
        },
      ],
      queries,
    );
    await renderWithClient(<ShiftHistoryCardView clusterArn={CLUSTER_ARN} />);
    const rows = await screen.findAllByRole('row');
    // Four columns that fit a half-width card, with no sort buttons in the
    // headers (a focusable icon inside a button is a nested control).
    expect(
      within(rows[0])
        .getAllByRole('columnheader')
        .map(h => h.textContent),
    ).toEqual(['When', 'What', 'Who and why', 'Outcome']);
    expect(within(rows[0]).queryAllByRole('button')).toHaveLength(0);
    // header + two entries
    const body = rows.slice(1);
    expect(body).toHaveLength(2);
    expect(
      within(body[0]).getByText('Start shift away from use1-az1 for 1h'),
    ).toBeInTheDocument();
    // The actor by name, the full entity ref as its tooltip.
    expect(within(body[0]).getByText('bob')).toHaveAttribute(
      'title',
      'user:default/bob',
    );
    expect(within(body[0]).queryByText('user:default/bob')).toBeNull();
    expect(
      within(body[0]).getByText('failure: ZonalShiftAlreadyExists'),
    ).toBeInTheDocument();
    expect(
      within(body[1]).getByText('Elevated 5xx in use1-az2'),
    ).toBeInTheDocument();
    expect(within(body[1]).getByText('canceled')).toBeInTheDocument();
    // Through what the portal's action came; ARC's entry has no channel.
    // The audit's entry says so once: "Audit · via MCP", not "Portal · via …".
    expect(within(body[0]).getByText(/via MCP/)).toBeInTheDocument();
    expect(within(body[0]).getByText(/^Audit/)).toBeInTheDocument();
    expect(within(body[1]).getByText(/^ARC/)).toBeInTheDocument();
    expect(within(body[1]).queryByText(/via /)).toBeNull();
    expect(
      queries.every(q => q.searchParams.get('cluster') === CLUSTER_ARN),
    ).toBe(true);
  });

  it('says when there is no history', async () => {
    serve([], []);
    await renderWithClient(<ShiftHistoryCardView clusterArn={CLUSTER_ARN} />);
    expect(
      await screen.findByText(
        'No zonal shift and no portal action recorded for this cluster.',
      ),
    ).toBeInTheDocument();
  });

  it('shows an error when the audit trail cannot be read', async () => {
    serve([], []);
    server.use(
      http.get(`${BASE_URL}/audit`, () =>
        HttpResponse.json(
          errorBody(403, 'NotAllowedError', 'Not allowed to read the audit'),
          {
            status: 403,
          },
        ),
      ),
    );
    await renderWithClient(<ShiftHistoryCardView clusterArn={CLUSTER_ARN} />);
    expect(
      (await screen.findAllByText(/Not allowed to read the audit/)).length,
    ).toBeGreaterThan(0);
  });
});
