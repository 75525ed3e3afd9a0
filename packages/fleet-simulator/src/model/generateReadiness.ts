/** The AZ readiness side of a generated cluster's workloads. */
import type { Random } from './random';
import type { WorkloadSpec } from './spec';

/** CoreDNS's requests on EKS (the add-on's defaults). */
const DNS = { cpu: '100m', memory: '70Mi' } as const;
const SPREADS: Array<WorkloadSpec['zoneSpread']> = [
  'topology-spread',
  'topology-spread',
  'topology-spread',
  'topology-spread',
  'topology-spread',
  'anti-affinity',
  'none',
];

/**
 * The readiness side of a cluster's workloads, drawn from the cluster's own
 * stream so the rest of the fleet stays what the seed gave before: the DNS
 * (one replica per zone, an HPA on most clusters, a proportional autoscaler
 * or none on the others), StatefulSets (every fourth service), PDBs (every
 * third) and the services' zone spread (mostly topology spread).
 */
export function withReadiness(
  services: WorkloadSpec[],
  dnsReplicas: number,
  random: Random,
): WorkloadSpec[] {
  const roll = random.next();
  let autoscaler: WorkloadSpec['autoscaler'];
  if (roll < 0.8) autoscaler = 'hpa';
  else if (roll < 0.9) autoscaler = 'proportional';
  const dns: WorkloadSpec[] =
    dnsReplicas > 0
      ? [
          {
            name: 'coredns',
            namespace: 'kube-system',
            replicas: dnsReplicas,
            ...DNS,
            pdb: { maxUnavailable: 1 },
            ...(autoscaler ? { autoscaler } : {}),
          },
        ]
      : [];
  return [
    ...services.map((service, i) => ({
      ...service,
      ...(i % 4 === 3 ? { kind: 'StatefulSet' as const } : {}),
      zoneSpread: random.pick(SPREADS),
      ...(i % 3 === 0
        ? {
            pdb:
              random.next() < 0.5
                ? { minAvailable: '50%' }
                : { maxUnavailable: 1 },
          }
        : {}),
    })),
    ...dns,
  ];
}
