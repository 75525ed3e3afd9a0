import { ReactNode } from 'react';
import { act, render, renderHook, screen } from '@testing-library/react';
import { storageApiRef, type StorageApi } from '@backstage/core-plugin-api';
import { mockApis, TestApiProvider } from '@backstage/test-utils';
import {
  parseTimeZoneChoice,
  TIME_ZONE_STORAGE_BUCKET,
  TIME_ZONE_STORAGE_KEY,
  useTimeFormat,
} from './useTimeFormat';

const ISO = '2026-12-07T03:26:00.000Z';

function wrapperWith(storage: StorageApi) {
  return ({ children }: { children: ReactNode }) => (
    <TestApiProvider apis={[[storageApiRef, storage]]}>
      {children}
    </TestApiProvider>
  );
}

function stored(storage: StorageApi) {
  return storage
    .forBucket(TIME_ZONE_STORAGE_BUCKET)
    .snapshot(TIME_ZONE_STORAGE_KEY).value;
}

// The browser's zone, fixed so that `local` differs from UTC on any machine.
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

describe('useTimeFormat', () => {
  it('shows UTC until the user chooses otherwise', () => {
    const storage = mockApis.storage();
    const { result } = renderHook(() => useTimeFormat(), {
      wrapper: wrapperWith(storage),
    });
    expect(result.current.zone).toBe('UTC');
    expect(result.current.formatTime(ISO)).toBe('7 Dec 2026, 03:26 UTC');
    expect(result.current.formatTimeParts(ISO)).toEqual({
      date: '7 Dec 2026',
      clock: '03:26 UTC',
    });
  });

  it('stores the choice and shows the local zone at once', () => {
    const storage = mockApis.storage();
    const { result } = renderHook(() => useTimeFormat(), {
      wrapper: wrapperWith(storage),
    });
    act(() => result.current.setZone('local'));
    expect(stored(storage)).toBe('local');
    expect(result.current.zone).toBe('local');
    expect(result.current.formatTime(ISO)).toMatch(/^7 Dec 2026, 08:56 \S+/);
    expect(result.current.formatTime(ISO)).not.toContain('03:26');

    act(() => result.current.setZone('UTC'));
    expect(stored(storage)).toBe('UTC');
    expect(result.current.formatTime(ISO)).toBe('7 Dec 2026, 03:26 UTC');
  });

  it('remembers the choice for the next mount', () => {
    const storage = mockApis.storage({
      data: {
        [TIME_ZONE_STORAGE_BUCKET]: { [TIME_ZONE_STORAGE_KEY]: 'local' },
      },
    });
    const { result } = renderHook(() => useTimeFormat(), {
      wrapper: wrapperWith(storage),
    });
    expect(result.current.zone).toBe('local');
    expect(result.current.formatTime(ISO)).toMatch(/08:56/);
  });

  it('changes every component that shows times, not only the one switching', () => {
    const storage = mockApis.storage();
    const Shown = () => <p>{useTimeFormat().formatTime(ISO)}</p>;
    let switchZone: ReturnType<typeof useTimeFormat>['setZone'] = () => {};
    const Switch = () => {
      switchZone = useTimeFormat().setZone;
      return null;
    };
    const Wrapper = wrapperWith(storage);
    render(
      <Wrapper>
        <Shown />
        <Switch />
      </Wrapper>,
    );
    expect(screen.getByText('7 Dec 2026, 03:26 UTC')).toBeInTheDocument();
    act(() => switchZone('local'));
    expect(screen.getByText(/^7 Dec 2026, 08:56/)).toBeInTheDocument();
  });

  it('reads anything stored but `local` as UTC', () => {
    expect(parseTimeZoneChoice('local')).toBe('local');
    expect(parseTimeZoneChoice('UTC')).toBe('UTC');
    expect(parseTimeZoneChoice('Europe/Berlin')).toBe('UTC');
    expect(parseTimeZoneChoice(undefined)).toBe('UTC');
    expect(parseTimeZoneChoice(3)).toBe('UTC');
  });
});

describe('useTimeFormat relative times', () => {
  const NOW = new Date('2026-12-07T01:26:00.000Z').getTime();
  beforeEach(() => {
    jest.useFakeTimers({ now: NOW });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  function Expiry(props: { iso: string; now?: Date }) {
    return <p>{useTimeFormat().formatRelative(props.iso, props.now)}</p>;
  }

  it('redraws a remaining time the moment it would overstate what is left', () => {
    const Wrapper = wrapperWith(mockApis.storage());
    // 1 h 59 min 1 s left.
    const iso = new Date(NOW + (119 * 60 + 1) * 1000).toISOString();
    render(
      <Wrapper>
        <Expiry iso={iso} />
      </Wrapper>,
    );
    expect(screen.getByText('in 1 h 59 min')).toBeInTheDocument();
    act(() => {
      jest.advanceTimersByTime(1000);
    });
    expect(screen.getByText('in 1 h 59 min')).toBeInTheDocument();
    act(() => {
      jest.advanceTimersByTime(1);
    });
    expect(screen.getByText('in 1 h 58 min')).toBeInTheDocument();
    act(() => {
      jest.advanceTimersByTime(60_000);
    });
    expect(screen.getByText('in 1 h 57 min')).toBeInTheDocument();
  });

  it('sets no timer for a time relative to a given moment', () => {
    const Wrapper = wrapperWith(mockApis.storage());
    const iso = new Date(NOW + 61_000).toISOString();
    render(
      <Wrapper>
        <Expiry iso={iso} now={new Date(NOW)} />
      </Wrapper>,
    );
    expect(screen.getByText('in 1 min')).toBeInTheDocument();
    expect(jest.getTimerCount()).toBe(0);
  });
});
