import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/test-utils';
import type { RefreshStatusResponse } from '@fleet-resilience/plugin-fleet-resilience-common';
import { BASE_URL } from '../../__testUtils__/fixtures';
import { renderWithClient } from '../../__testUtils__/render';
import { RefreshStatusPanel } from './RefreshStatusPanel';

const server = setupServer();
registerMswTestHooks(server);

const base = {
  lastAttemptAt: '2026-12-07T06:00:00.000Z',
  durationMs: 10,
};

function serve(sources: RefreshStatusResponse['sources']) {
  server.use(
    http.get(`${BASE_URL}/refresh-status`, () =>
      HttpResponse.json({
        sources,
        clusters: { total: 1, fresh: 1, stale: 0, never: 0 },
      } satisfies RefreshStatusResponse),
    ),
  );
}

describe('RefreshStatusPanel', () => {
  it('names each failed and degraded source, with the counts and a problem', async () => {
    serve([
      { ...base, source: 'inventory:aws-config', ok: true, status: 'ok' },
      {
        ...base,
        source: 'arc:111122223333/us-east-1',
        ok: true,
        status: 'degraded',
        rows: { stored: 7, rejected: 2, cleaned: 0 },
        dataProblems: ['zonal shift "x": awayFrom "?" is not an AZ ID'],
      },
      {
        ...base,
        source: 'resiliencehub:111122223333/us-east-1',
        ok: false,
        status: 'failed',
        errorMessage:
          'Resilience Hub: access denied (check the role and its permissions)',
      },
    ]);
    await renderWithClient(<RefreshStatusPanel />);
    expect(
      await screen.findByText(
        /Data sources: 1 failed, 1 degraded at the last refresh/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'arc:111122223333/us-east-1: degraded — 2 rows left out, 7 stored; e.g. zonal shift "x": awayFrom "?" is not an AZ ID',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'resiliencehub:111122223333/us-east-1: failed — Resilience Hub: access denied (check the role and its permissions)',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/inventory:aws-config/)).not.toBeInTheDocument();
  });

  it('shows nothing when every source is ok', async () => {
    let asked = false;
    server.use(
      http.get(`${BASE_URL}/refresh-status`, () => {
        asked = true;
        return HttpResponse.json({
          sources: [{ ...base, source: 'eks', ok: true, status: 'ok' }],
          clusters: { total: 0, fresh: 0, stale: 0, never: 0 },
        });
      }),
    );
    const { container } = await renderWithClient(<RefreshStatusPanel />);
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(asked).toBe(true);
    expect(container).toBeEmptyDOMElement();
  });
});
