import { fleetSummaryFixture } from '../__testUtils__/readinessFixtures';
import { summaryLines } from './readiness';

describe('summaryLines', () => {
  it('says what needs doing first, each with the filter that lists it', () => {
    expect(summaryLines(fleetSummaryFixture())).toEqual([
      {
        text: '3 clusters not enabled for zonal shift',
        filter: { check: 'zonal-shift' },
      },
      {
        text: '4 clusters without zonal autoshift',
        filter: { check: 'zonal-autoshift' },
      },
      {
        text: '1 cluster whose last practice run failed',
        filter: { check: 'practice-run-outcome' },
      },
      {
        text: '17 workloads at risk in 4 clusters',
        filter: { check: 'workload-spread' },
      },
      {
        text: '9 single-replica workloads',
        filter: { check: 'single-replica' },
      },
    ]);
  });

  it('leaves out what there is none of', () => {
    const summary = fleetSummaryFixture({
      workloadsAtRisk: 0,
      singleReplicaWorkloads: 1,
    });
    summary.checks['zonal-shift'] = { pass: 12, warn: 0, fail: 0, unknown: 0 };
    summary.checks['zonal-autoshift'] = {
      pass: 12,
      warn: 0,
      fail: 0,
      unknown: 0,
    };
    summary.checks['practice-run-outcome'].fail = 0;
    expect(summaryLines(summary).map(l => l.text)).toEqual([
      '1 single-replica workload',
    ]);
  });
});
