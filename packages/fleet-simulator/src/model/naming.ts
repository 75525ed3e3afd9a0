/**
 * Names and addresses of a cluster's simulated objects, as EKS and Karpenter
 * form them (EC2 private DNS names, instance IDs, ReplicaSet pod names),
 * drawn from the cluster's seeded stream so a seed reproduces them.
 */
import { createRandom, hashString, type Random } from './random';
import type { SimZone } from './types';

/**
 * Draws the names and addresses of a cluster's nodes, NodeClaims and pods.
 *
 * @public
 */
export interface ClusterNames {
  /** A node's EC2 private DNS name and IP in the zone's subnet. */
  node(zoneIndex: number): { name: string; ip: string };
  /** A pod IP from the zone's subnet (VPC CNI). */
  podIp(zoneIndex: number): string;
  instanceId(): string;
  /** `<nodepool>-<5 chars>`, as Karpenter names NodeClaims. */
  nodeClaim(pool: string): string;
  /** `<workload>-<template hash>-<5 chars>`, as a ReplicaSet names pods. */
  pod(workload: string, templateHash: string): string;
}

/** The ReplicaSet's pod-template-hash for a workload: stable per namespace/name. */
export function templateHash(namespace: string, workload: string): string {
  return createRandom(hashString(`${namespace}/${workload}`)).suffix(10);
}

function dnsSuffix(region: string): string {
  return region === 'us-east-1' ? 'ec2.internal' : `${region}.compute.internal`;
}

// Each zone's subnet is a /19 of the cluster's 10.0.0.0/16 VPC.
const THIRD_OCTETS_PER_ZONE = 32;

export function createClusterNames(
  region: string,
  zones: readonly SimZone[],
  random: Random,
): ClusterNames {
  const taken = new Set<string>();
  const unique = (make: () => string) => {
    for (;;) {
      const candidate = make();
      if (!taken.has(candidate)) {
        taken.add(candidate);
        return candidate;
      }
    }
  };
  const ip = (zoneIndex: number) =>
    unique(
      () =>
        `10.0.${
          (zoneIndex % Math.max(zones.length, 1)) * THIRD_OCTETS_PER_ZONE +
          random.int(THIRD_OCTETS_PER_ZONE)
        }.${1 + random.int(254)}`,
    );
  return {
    node(zoneIndex) {
      const address = ip(zoneIndex);
      return {
        name: `ip-${address.replace(/\./g, '-')}.${dnsSuffix(region)}`,
        ip: address,
      };
    },
    podIp: ip,
    instanceId: () => unique(() => `i-0${random.hex(16)}`),
    nodeClaim: pool => unique(() => `${pool}-${random.suffix(5)}`),
    pod: (workload, hash) =>
      unique(() => `${workload}-${hash}-${random.suffix(5)}`),
  };
}
