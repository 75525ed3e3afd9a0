import { startSimulator, type RunningSimulator } from '../simulator';
import { accessFleet, ACCOUNT_A } from '../__testUtils__/accessFleet';
import { parseFleetYaml } from '../model/parse';

const ALPHA = `arn:aws:eks:us-east-1:${ACCOUNT_A}:cluster/alpha`;
const ALARM = `arn:aws:cloudwatch:us-east-1:${ACCOUNT_A}:alarm:alpha-5xx`;

describe('control routes: alarms and the practice-run schedule', () => {
  let sim: RunningSimulator;
  beforeEach(async () => {
    const fleet = accessFleet();
    fleet.clusters[0].zonalShift = {
      enabled: true,
      autoshift: true,
      practiceRun: {
        outcomeAlarms: [{ type: 'CLOUDWATCH', alarmIdentifier: ALARM }],
      },
    };
    sim = await startSimulator({ fleet });
  });
  afterEach(() => sim.stop());

  const control = (method: string, path: string, body?: unknown) =>
    fetch(`${sim.url}/_sim/${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }).then(async res => ({ status: res.status, body: await res.json() }));

  it('sets and lists alarm states; an outcome alarm in ALARM fails the running practice run', async () => {
    const due = sim.arc.practiceRunDueAt(ALPHA)!;
    sim.advance(due - sim.clock.now());
    expect(sim.arc.appliedAwayZone(ALPHA)).toBeDefined();

    expect(await control('PUT', 'alarms', { [ALARM]: 'ALARM' })).toEqual({
      status: 200,
      body: { alarms: { [ALARM]: 'ALARM' } },
    });
    expect(sim.arc.appliedAwayZone(ALPHA)).toBeUndefined();
    const failed = sim.model.events
      .list()
      .filter(e => e.type === 'Practice Run Failed');
    expect(failed).toHaveLength(1);

    expect(await control('DELETE', 'alarms')).toEqual({
      status: 200,
      body: { alarms: {} },
    });
  });

  it('refuses a bad state or identifier and changes nothing', async () => {
    const bad = await control('PUT', 'alarms', {
      [ALARM]: 'RED',
      short: 'ALARM',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('must be one of OK, ALARM');
    expect(bad.body.message).toContain('short');
    expect((await control('GET', 'alarms')).body).toEqual({ alarms: {} });
  });

  it('switches the schedule off and on', async () => {
    expect(await control('GET', 'practice-runs/schedule')).toEqual({
      status: 200,
      body: { enabled: true },
    });
    expect(
      (await control('PUT', 'practice-runs/schedule', { enabled: false })).body,
    ).toEqual({ enabled: false });
    sim.advance(8 * 24 * 3_600_000 - 1);
    expect(sim.arc.appliedAwayZone(ALPHA)).toBeUndefined();
    expect(
      (await control('PUT', 'practice-runs/schedule', { enabled: 'no' }))
        .status,
    ).toBe(400);
  });
});

describe('fleet file: zonalShift.practiceRunHistory', () => {
  const yaml = (history: string, extra = '') => `
accounts:
  - id: '${ACCOUNT_A}'
    zones: { us-east-1: { us-east-1a: use1-az1, us-east-1b: use1-az2 } }
clusters:
  - name: alpha
    account: '${ACCOUNT_A}'
    region: us-east-1
    zones: [us-east-1a, us-east-1b]
    zonalShift:
      enabled: true
${extra}
      practiceRunHistory: ${history}
`;
  const practiceRun = `      practiceRun:
        outcomeAlarms: [{ type: CLOUDWATCH, alarmIdentifier: '${ALARM}' }]`;

  it('reads the history', () => {
    const spec = parseFleetYaml(
      yaml('[{ daysAgo: 2, outcome: FAILED }]', practiceRun),
    );
    expect(spec.clusters[0].zonalShift?.practiceRunHistory).toEqual([
      { daysAgo: 2, outcome: 'FAILED' },
    ]);
  });

  it('names each bad field, and refuses a history without a configuration', () => {
    expect(() =>
      parseFleetYaml(yaml('[{ daysAgo: 0, outcome: PENDING }]', practiceRun)),
    ).toThrow(
      /practiceRunHistory\[0\]\.daysAgo: must be at least 1[\s\S]*practiceRunHistory\[0\]\.outcome: must be one of SUCCEEDED, FAILED, INTERRUPTED/,
    );
    expect(() =>
      parseFleetYaml(yaml('[{ daysAgo: 2, outcome: SUCCEEDED }]')),
    ).toThrow(
      /practiceRunHistory: needs zonal shift enabled and a practiceRun/,
    );
  });
});
