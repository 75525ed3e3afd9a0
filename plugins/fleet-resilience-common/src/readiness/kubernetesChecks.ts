/**
 * The Kubernetes side of a cluster's readiness: N-1 capacity, workload
 * spread, single replicas and the cluster DNS.
 */
import type {
  SurvivabilityAssessment,
  ZoneLossOutcome,
} from '../survivability';
import { check, worstVerdict } from './check';
import { perZoneText, plural, workloadName } from './text';
import type {
  ReadinessCheck,
  ReadinessCheckVerdict,
  WorkloadReadiness,
} from './types';
import { assessWorkload } from './workload';

const NOT_READ = 'The cluster has not been read from Kubernetes yet.';
const SPREAD_FIX =
  'Spread each workload over AZs (a topologySpreadConstraints entry on topology.kubernetes.io/zone, or pod anti-affinity on it) with enough replicas that losing one AZ keeps its PodDisruptionBudget minAvailable (or half the replicas without one).';
const SINGLE_REPLICA_FIX =
  'Run at least 2 replicas (3 for 3 AZs) spread over AZs, or accept that losing its AZ stops the workload.';
const DNS_FIX =
  'Run at least 2 CoreDNS replicas spread over AZs (topologySpreadConstraints on topology.kubernetes.io/zone) and scale them with an autoscaler (HPA or cluster-proportional-autoscaler).';
const CAPACITY_FIX =
  'Add capacity in the other AZs (or lower requests) until losing any one AZ leaves enough allocatable CPU and memory for every pod’s requests.';
/** At most this many workloads are named in a check's evidence. */
const NAMED = 5;

function percent(coverage: number | undefined): string {
  return coverage === undefined
    ? 'nothing requested'
    : `${Math.floor(coverage * 100)}%`;
}

function lossLine(loss: ZoneLossOutcome): string {
  return `Losing ${loss.zone.name} (${loss.zone.id}) leaves ${percent(
    loss.cpu.coverage,
  )} of the CPU and ${percent(loss.memory.coverage)} of the memory requested: ${
    loss.survives ? 'survives' : 'short'
  }.`;
}

const N1_VERDICT: Record<
  SurvivabilityAssessment['verdict'],
  ReadinessCheckVerdict
> = { survives: 'pass', 'at-risk': 'fail', unknown: 'unknown' };

/** `capacity-n-1`: survives → pass, at-risk (some AZ cannot be lost) → fail. */
export function capacityCheck(
  survivability?: SurvivabilityAssessment,
): ReadinessCheck {
  if (!survivability)
    return check('capacity-n-1', 'unknown', [NOT_READ], CAPACITY_FIX);
  const verdict = N1_VERDICT[survivability.verdict];
  return check(
    'capacity-n-1',
    verdict,
    [survivability.reason, ...survivability.zoneLosses.map(lossLine)],
    CAPACITY_FIX,
  );
}

/** Lists the cluster's RBAC forbade: whatever would pass is unknown. */
function unreadableLine(workloads: WorkloadReadiness): string[] {
  return workloads.unreadable.length
    ? [`Not readable (RBAC): ${workloads.unreadable.join(', ')}.`]
    : [];
}

function passOrUnknown(workloads: WorkloadReadiness): ReadinessCheckVerdict {
  return workloads.unreadable.length ? 'unknown' : 'pass';
}

/**
 * `workload-spread`: fail when a workload is `one-zone` or
 * `zone-loss-below-budget`, warn when some only lack a zone spread
 * constraint. Pods of unknown owners are reported, not judged.
 */
export function workloadSpreadCheck(
  workloads?: WorkloadReadiness,
): ReadinessCheck {
  if (!workloads)
    return check('workload-spread', 'unknown', [NOT_READ], SPREAD_FIX);
  const lines = [
    `${plural(workloads.workloadCount, 'workload')}: ${
      workloads.atRiskCount
    } at risk, ${workloads.noZoneSpreadCount} without zone spread.`,
  ];
  const atRisk = workloads.atRisk.filter(w =>
    w.risks.some(r => r === 'one-zone' || r === 'zone-loss-below-budget'),
  );
  const unspread = workloads.atRisk.filter(w =>
    w.risks.includes('no-zone-spread'),
  );
  for (const w of (atRisk.length ? atRisk : unspread).slice(0, NAMED)) {
    lines.push(`${w.kind} ${workloadName(w)}: ${w.reason}.`);
  }
  if (workloads.unknownOwnerPods > 0) {
    lines.push(
      `${plural(
        workloads.unknownOwnerPods,
        'running pod',
      )} of neither a Deployment nor a StatefulSet (bare pods, other controllers): not assessed.`,
    );
  }
  lines.push(...unreadableLine(workloads));
  let verdict = passOrUnknown(workloads);
  if (workloads.noZoneSpreadCount > 0) verdict = 'warn';
  if (workloads.atRiskCount > 0) verdict = 'fail';
  return check('workload-spread', verdict, lines, SPREAD_FIX);
}

/** `single-replica`: warn when any workload desires exactly one replica. */
export function singleReplicaCheck(
  workloads?: WorkloadReadiness,
): ReadinessCheck {
  if (!workloads)
    return check('single-replica', 'unknown', [NOT_READ], SINGLE_REPLICA_FIX);
  const single = workloads.atRisk.filter(w =>
    w.risks.includes('single-replica'),
  );
  const lines = [
    `${plural(
      workloads.singleReplicaCount,
      'workload',
    )} with a single replica.`,
    ...single.slice(0, NAMED).map(w => `${w.kind} ${workloadName(w)}.`),
    ...unreadableLine(workloads),
  ];
  return check(
    'single-replica',
    workloads.singleReplicaCount > 0 ? 'warn' : passOrUnknown(workloads),
    lines,
    SINGLE_REPLICA_FIX,
  );
}

function unreadableHpa(unreadable: string[]) {
  return unreadable.some(
    list =>
      list.startsWith('horizontalpodautoscalers') ||
      list.startsWith('deployments'),
  );
}

/**
 * `cluster-dns`: fail when fewer than 2 replicas are ready, all ready ones
 * sit in one AZ, or losing one AZ leaves fewer than required; warn when it
 * is not autoscaled or has no zone spread constraint; unknown when it was
 * not found or could not be read.
 */
export function clusterDnsCheck(workloads?: WorkloadReadiness): ReadinessCheck {
  if (!workloads) return check('cluster-dns', 'unknown', [NOT_READ], DNS_FIX);
  const { workload, autoscaler } = workloads.dns;
  if (!workload) {
    return check(
      'cluster-dns',
      'unknown',
      [
        'No kube-system Deployment labelled k8s-app=kube-dns was found.',
        ...unreadableLine(workloads),
      ],
      DNS_FIX,
    );
  }
  const dns = assessWorkload(workload);
  const verdicts: ReadinessCheckVerdict[] = [];
  const lines = [
    `${workload.kind} ${workloadName(workload)}: ${dns.readyReplicas} of ${
      dns.desiredReplicas
    } ready${
      Object.keys(dns.readyByZone).length
        ? ` (${perZoneText(dns.readyByZone)})`
        : ''
    }.`,
  ];
  if (dns.readyReplicas < 2) {
    verdicts.push('fail');
    lines.push(`Only ${plural(dns.readyReplicas, 'ready replica')}.`);
  } else if (
    dns.risks.includes('one-zone') ||
    dns.risks.includes('zone-loss-below-budget')
  ) {
    verdicts.push('fail');
    lines.push(`${dns.reason}.`);
  }
  if (autoscaler) {
    lines.push(
      `Autoscaled by ${
        autoscaler === 'hpa'
          ? 'a HorizontalPodAutoscaler'
          : 'cluster-proportional-autoscaler'
      }.`,
    );
  } else if (unreadableHpa(workloads.unreadable)) {
    verdicts.push('unknown');
    lines.push(
      'Whether it is autoscaled is unknown: the autoscalers could not be read.',
    );
  } else {
    verdicts.push('warn');
    lines.push('Not autoscaled.');
  }
  if (workload.zoneSpread === 'none') {
    verdicts.push('warn');
    lines.push('No zone spread constraint or anti-affinity.');
  } else {
    lines.push(`Zone spread: ${workload.zoneSpread}.`);
  }
  return check('cluster-dns', worstVerdict(verdicts), lines, DNS_FIX);
}
