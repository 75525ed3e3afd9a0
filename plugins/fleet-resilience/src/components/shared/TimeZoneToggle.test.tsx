import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApis } from '@backstage/test-utils';
import { renderWithClient } from '../../__testUtils__/render';
import {
  TIME_ZONE_STORAGE_BUCKET,
  TIME_ZONE_STORAGE_KEY,
} from '../../hooks/useTimeFormat';
import { DataFreshness } from './DataFreshness';
import { TIME_ZONE_TOGGLE_LABEL, TimeZoneToggle } from './TimeZoneToggle';

const health = {
  freshness: 'fresh' as const,
  lastSuccessAt: '2026-12-07T03:26:00.000Z',
  ageSeconds: 7199,
};

let zoneSpy: jest.SpyInstance;
beforeEach(() => {
  const real = Intl.DateTimeFormat.prototype.resolvedOptions;
  zoneSpy = jest
    .spyOn(Intl.DateTimeFormat.prototype, 'resolvedOptions')
    .mockImplementation(function fixedZone(this: Intl.DateTimeFormat) {
      return { ...real.call(this), timeZone: 'Asia/Kolkata' };
    });
});
afterEach(() => zoneSpy.mockRestore());

function page() {
  return (
    <>
      <TimeZoneToggle />
      <DataFreshness health={health} />
    </>
  );
}

describe('TimeZoneToggle', () => {
  it('switches the times shown between UTC and the local zone', async () => {
    const user = userEvent.setup();
    const storage = mockApis.storage();
    await renderWithClient(page(), { storage });
    const group = screen.getByRole('group', { name: TIME_ZONE_TOGGLE_LABEL });
    expect(group).toBeInTheDocument();
    const utc = screen.getByRole('button', { name: 'UTC' });
    const local = screen.getByRole('button', { name: 'Local' });
    expect(utc).toHaveAttribute('aria-pressed', 'true');
    expect(local).toHaveAttribute('aria-pressed', 'false');
    expect(local).toHaveAttribute(
      'title',
      'Show times in your time zone (Asia/Kolkata)',
    );
    expect(
      screen.getByText('Data from 7 Dec 2026, 03:26 UTC (1 h 59 min ago).'),
    ).toBeInTheDocument();

    await user.click(local);
    expect(local).toHaveAttribute('aria-pressed', 'true');
    expect(
      screen.getByText(
        /^Data from 7 Dec 2026, 08:56 \S+ \(1 h 59 min ago\)\.$/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/03:26 UTC/)).not.toBeInTheDocument();
    expect(
      storage
        .forBucket(TIME_ZONE_STORAGE_BUCKET)
        .snapshot(TIME_ZONE_STORAGE_KEY).value,
    ).toBe('local');

    // Clicking the chosen zone again keeps it chosen.
    await user.click(local);
    expect(local).toHaveAttribute('aria-pressed', 'true');

    await user.click(utc);
    expect(
      screen.getByText(/Data from 7 Dec 2026, 03:26 UTC/),
    ).toBeInTheDocument();
  });

  it('starts on the zone chosen before', async () => {
    const storage = mockApis.storage({
      data: {
        [TIME_ZONE_STORAGE_BUCKET]: { [TIME_ZONE_STORAGE_KEY]: 'local' },
      },
    });
    await renderWithClient(page(), { storage });
    expect(screen.getByRole('button', { name: 'Local' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(screen.getByText(/Data from 7 Dec 2026, 08:56/)).toBeInTheDocument();
  });
});
