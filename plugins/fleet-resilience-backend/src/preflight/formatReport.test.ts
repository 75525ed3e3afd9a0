import type { PreflightCheck } from '@fleet-resilience/plugin-fleet-resilience-common';
import { formatChecks, scopeText, sortChecks } from './formatReport';

const checks: PreflightCheck[] = [
  {
    id: 'credentials',
    title: 'Reader credentials resolve',
    scope: { accountId: '111122223333', role: 'reader' },
    status: 'pass',
    detail: 'Acts as x',
  },
  {
    id: 'kubernetes.rbac',
    title: "Kubernetes API reachable with the operator's RBAC",
    scope: {
      accountId: '111122223333',
      region: 'us-east-1',
      clusterName: 'payments',
      role: 'operator',
    },
    status: 'fail',
    detail: 'denies patch nodepools.karpenter.sh',
    fix: 'Allow patch on nodepools.karpenter.sh',
  },
  {
    id: 'arc',
    title: 'ARC zonal shift answers',
    scope: { accountId: '111122223333', region: 'us-east-1' },
    status: 'skipped',
    detail: 'no reader',
  },
];

describe('formatChecks', () => {
  it('puts failures first with their fix, and counts each status', () => {
    expect(sortChecks(checks).map(c => c.status)).toEqual([
      'fail',
      'skipped',
      'pass',
    ]);
    expect(scopeText(checks[1].scope)).toBe(
      '111122223333/us-east-1 payments (operator)',
    );
    const lines = formatChecks(checks).split('\n');
    expect(lines[0]).toMatch(/^STATUS +CHECK +SCOPE +DETAIL$/);
    expect(lines[1]).toMatch(
      /^FAIL +kubernetes\.rbac +111122223333\/us-east-1 payments \(operator\) +Kubernetes API reachable with the operator's RBAC: denies patch/,
    );
    expect(lines[2]).toBe('        fix: Allow patch on nodepools.karpenter.sh');
    expect(lines[3]).toMatch(/^SKIPPED +arc /);
    expect(lines[4]).toMatch(/^PASS +credentials +111122223333 \(reader\) /);
    expect(lines.slice(-2)).toEqual(['1 pass, 0 warn, 1 fail, 1 skipped', '']);
  });
});
