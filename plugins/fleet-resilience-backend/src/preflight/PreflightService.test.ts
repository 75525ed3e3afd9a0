import { mockServices } from '@backstage/backend-test-utils';
import type { PreflightCheck } from '@fleet-resilience/plugin-fleet-resilience-common';
import { PreflightService } from './PreflightService';

const check = (status: PreflightCheck['status']): PreflightCheck => ({
  id: 'arc',
  title: 'ARC zonal shift answers',
  scope: { accountId: '111122223333', region: 'us-east-1' },
  status,
  detail: 'd',
});

describe('PreflightService', () => {
  it('runs one at a time: a start while running joins the run', async () => {
    let release: () => void = () => undefined;
    const run = jest.fn(async () => {
      await new Promise<void>(resolve => {
        release = resolve;
      });
      return [check('pass'), check('fail')];
    });
    const service = new PreflightService({
      run,
      logger: mockServices.logger.mock(),
    });
    const first = service.start();
    const second = service.start();
    expect(first.started).toBe(true);
    expect(second.started).toBe(false);
    expect(service.report().state).toBe('running');
    release();
    const [a, b] = await Promise.all([first.done, second.done]);
    expect(a).toBe(b);
    expect(run).toHaveBeenCalledTimes(1);
    expect(service.report()).toMatchObject({
      state: 'done',
      summary: { pass: 1, warn: 0, fail: 1, skipped: 0 },
    });
    expect(service.start().started).toBe(true);
  });

  it('reports progress and the checks so far while running', async () => {
    let release: () => void = () => undefined;
    const service = new PreflightService({
      logger: mockServices.logger.mock(),
      run: async onProgress => {
        onProgress([check('warn')], 1, 4);
        await new Promise<void>(resolve => {
          release = resolve;
        });
        return [check('warn')];
      },
    });
    const { done } = service.start();
    await new Promise(resolve => setImmediate(resolve));
    expect(service.report()).toMatchObject({
      state: 'running',
      progress: { done: 1, total: 4 },
      summary: { warn: 1 },
      checks: [check('warn')],
    });
    release();
    expect((await done).progress).toBeUndefined();
  });

  it('turns a run that breaks into a failed check, and can run again', async () => {
    const logger = mockServices.logger.mock();
    let broken = true;
    const service = new PreflightService({
      logger,
      run: async () => {
        if (broken) throw new Error('database is gone');
        return [check('pass')];
      },
    });
    const report = await service.start().done;
    expect(report).toMatchObject({
      state: 'done',
      summary: { fail: 1 },
      checks: [
        {
          id: 'preflight',
          status: 'fail',
          detail: 'The preflight could not run: database is gone',
        },
      ],
    });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(/database is gone/),
    );
    broken = false;
    expect((await service.start().done).summary.pass).toBe(1);
  });
});
