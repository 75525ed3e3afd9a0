/**
 * bench:catalog's report (bench/catalogReport.ts): how the simulator's
 * request log is read, how requests are split into what a side's entities
 * are built from and the rest, and how ours/Roadie ratios are judged. The
 * package's Jest roots are src/, so the bench's pure parts are tested here.
 */
import {
  markdownTable,
  ratios,
  readAwsRequestSummary,
  simulatorMsPerConfigPage,
  splitRequests,
} from '../bench/catalogReport';

describe('readAwsRequestSummary and simulatorMsPerConfigPage', () => {
  it('reads old and new request logs and divides Config select time by select pages', () => {
    const old = readAwsRequestSummary({
      total: 5,
      actions: {
        'config:SelectAggregateResourceConfig': 3,
        'eks:DescribeCluster': 2,
      },
    });
    expect(old.handlerMs).toBe(undefined);
    expect(simulatorMsPerConfigPage(old)).toBe(null);
    const top = readAwsRequestSummary({
      total: 6,
      actions: {
        'config:SelectAggregateResourceConfig': 4,
        'config:GetAggregateDiscoveredResourceCounts': 2,
      },
      handlerMs: {
        'config:SelectAggregateResourceConfig': 10,
        'config:GetAggregateDiscoveredResourceCounts': 100,
      },
    });
    expect(simulatorMsPerConfigPage(top)).toBe(2.5);
    const nested = readAwsRequestSummary({
      total: 3,
      actions: { 'config:SelectResourceConfig': { count: 3, handlerMs: 9 } },
    });
    expect(nested.actions).toEqual({ 'config:SelectResourceConfig': 3 });
    expect(simulatorMsPerConfigPage(nested)).toBe(3);
    expect(() => readAwsRequestSummary({ total: 1 })).toThrow(
      /expected \{total, actions\}/,
    );
    expect(() => readAwsRequestSummary({ actions: { a: 'x' } })).toThrow(
      /no count for a/,
    );
  });
});

describe('splitRequests', () => {
  it('counts Config and STS as ours’ entity path, everything as Roadie’s', () => {
    const actions = {
      'config:SelectAggregateResourceConfig': 50,
      'sts:AssumeRole': 2,
      'eks:DescribeCluster': 1000,
      'resiliencehub:ListApps': 10,
      'arc-zonal-shift:ListManagedResources': 5,
    };
    const ours = splitRequests('ours', actions);
    expect(ours.entityPath).toEqual({
      total: 52,
      actions: {
        'config:SelectAggregateResourceConfig': 50,
        'sts:AssumeRole': 2,
      },
    });
    expect(ours.other.total).toBe(1015);
    const roadie = splitRequests('roadie', actions);
    expect(roadie.entityPath.total).toBe(1067);
    expect(roadie.other.total).toBe(0);
  });
});

describe('ratios and markdownTable', () => {
  const run = (
    side: 'ours' | 'roadie',
    emitted: number | null,
    entityPath: number,
    timedOut = false,
  ) => ({
    clusters: 1000,
    latencyMs: 100,
    side,
    timedOut,
    allEntitiesEmittedMs: emitted,
    allEntitiesMs: side === 'ours' ? 5000 : null,
    entitiesEmitted: 1000,
    inCatalog: side === 'ours' ? 1000 : 0,
    peakRssMiB: 400,
    awsRequests: {
      entityPath: { total: entityPath, actions: {} },
      other: { total: 7, actions: {} },
    },
    simulatorMsPerConfigPage: side === 'ours' ? 1.234 : null,
  });

  it('judges the targets only when both sides emitted everything, and prints them', () => {
    const r = ratios([run('ours', 1000, 50), run('roadie', 4000, 2210)]);
    expect(r.length).toBe(1);
    expect(r[0].allEntitiesEmitted).toBe(0.25);
    expect(r[0].timeTargetMet).toBe(true);
    expect(r[0].requestTargetMet).toBe(true);
    const missed = ratios([run('ours', 2000, 200), run('roadie', 4000, 2210)]);
    expect(missed[0].timeTargetMet).toBe(false);
    expect(missed[0].requestTargetMet).toBe(false);
    const unjudged = ratios([
      run('ours', null, 3, true),
      run('roadie', 4000, 2210),
    ]);
    expect(unjudged[0].timeTargetMet).toBe(null);
    expect(unjudged[0].requestTargetMet).toBe(null);
    expect(ratios([run('ours', 1000, 50)])).toEqual([]);
    const table = markdownTable([
      run('ours', 1000, 50),
      run('roadie', 4000, 2210),
    ]);
    expect(table).toMatch(
      /\| 1,000 \| 100 ms \| ours \| 1\.00 \| 5\.00 \| 50 \| 7 \| 1,000\/1,000 \(100%\) \| 400 \| 1\.23 \|/,
    );
    expect(table).toMatch(
      /\| 1,000 \| 100 ms \| roadie \| 4\.00 \| n\/a \| 2,210 \| 7 \| 0\/1,000 \(0%\) \| 400 \| n\/a \|/,
    );
    expect(table).toMatch(
      /\| 1,000 \| 100 ms \| 0\.25 \(target <= 1\/3: met\) \| 0\.023 \(target <= 1\/20: met\) \|/,
    );
    expect(
      markdownTable([run('ours', null, 3, true), run('roadie', 4000, 2210)]),
    ).toMatch(/ours \(timed out\) \| n\/a .*\n[\s\S]*not judged/);
    expect(markdownTable([run('ours', 1000, 50)])).not.toMatch(/ours\/Roadie/);
  });
});
