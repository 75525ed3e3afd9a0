import { timeoutSignal } from './timeoutSignal';

describe('timeoutSignal', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('aborts with a TimeoutError after its time', () => {
    const t = timeoutSignal(1000);
    jest.advanceTimersByTime(999);
    expect(t.signal.aborted).toBe(false);
    jest.advanceTimersByTime(1);
    expect(t.signal.aborted).toBe(true);
    expect(t.timedOut()).toBe(true);
    expect((t.signal.reason as DOMException).name).toBe('TimeoutError');
  });

  it('aborts with the parent reason when the parent aborts, and says it did not time out', () => {
    const parent = new AbortController();
    const t = timeoutSignal(1000, parent.signal);
    parent.abort(new Error('task cancelled'));
    expect(t.signal.aborted).toBe(true);
    expect(t.timedOut()).toBe(false);
    expect((t.signal.reason as Error).message).toBe('task cancelled');
  });

  it('starts aborted under an aborted parent', () => {
    const parent = new AbortController();
    parent.abort();
    expect(timeoutSignal(1000, parent.signal).signal.aborted).toBe(true);
  });

  it('after release, neither the timer nor the parent aborts it, and no timer is left', () => {
    const parent = new AbortController();
    const t = timeoutSignal(1000, parent.signal);
    t.release();
    expect(jest.getTimerCount()).toBe(0);
    jest.advanceTimersByTime(5000);
    parent.abort();
    expect(t.signal.aborted).toBe(false);
    expect(t.timedOut()).toBe(false);
  });
});
