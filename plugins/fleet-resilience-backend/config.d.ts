import { HumanDuration } from '@backstage/types';
import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /**
   * Fleet Resilience for Backstage. Read by the backend plugin; the
   * keys its AWS and Kubernetes clients read are in the node package's
   * config.d.ts. AWS credentials per
   * account come from the standard `aws` integration config
   * (`aws.mainAccount`, `aws.accounts[]` with `roleName`/`externalId` for
   * role assumption, `aws.accountDefaults`). Nothing here is sent to the
   * frontend.
   *
   * @visibility backend
   */
  fleetResilience?: {
    // `aws`, `inventory.awsConfig`, the Kubernetes clients' request
    // settings and `events.sqs` are read by the node package's clients and
    // declared in its config.d.ts (@fleet-resilience/plugin-fleet-resilience-node).

    /**
     * AWS tags whose values are a cluster's owner and system in the fleet
     * list and detail. Default `owner` and `system`.
     */
    tags?: {
      owner?: string;
      system?: string;
    };

    /** The scheduled refresh (each task runs on one replica at a time). */
    refresh?: {
      /** Inventory, ARC, Resilience Hub and EKS DescribeCluster. */
      aws?: {
        /** Default: every minute, timeout 5 minutes. */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /** Account/regions (ARC, Resilience Hub) and DescribeCluster calls in flight at once. Default 4. */
        concurrency?: number;
      };
      /** Every cluster's Kubernetes API. */
      kubernetes?: {
        /**
         * Default: every 2 minutes, timeout 10 minutes. With shards, each
         * shard runs on this schedule; keep the timeout at most the
         * frequency minus one minute, so a run a dead replica held is freed
         * within one interval (see the README's "Shards and replicas").
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /**
         * Splits the clusters by ARN hash into this many shards, each its
         * own scheduled task (`fleet-resilience:refresh-kubernetes:<k>-of-<n>`)
         * that any replica sharing the database may run. From 1 to 256;
         * default 1 (one task, `fleet-resilience:refresh-kubernetes`).
         */
        shards?: number;
        /**
         * Shard runs one replica holds at a time; a shard due while it holds
         * this many is handed back for another replica. At least 1, at most
         * 256; default 1.
         */
        shardsAtOnce?: number;
      };
      eks?: {
        /**
         * DescribeCluster (zonal shift enabled or not) runs for new clusters
         * at once and for the others after this long. Default 30 minutes.
         */
        recheckAfter?: HumanDuration | string;
      };
      /**
       * `POST /refresh` (a full refresh asked for through the API) answers
       * 429 with Retry-After for this long after it was last accepted, per
       * replica. Default 60 seconds; 0 turns the cooldown off; at most a day.
       */
      manualCooldown?: HumanDuration | string;
    };

    /** Reading the clusters' Kubernetes APIs. */
    kubernetes?: {
      /** Clusters read at once. Default 8. */
      concurrency?: number;
      /** Longest read of one cluster, all requests included. Default 30 seconds. */
      timeout?: HumanDuration | string;
    };

    /**
     * The embedded reconciler: keeps Karpenter NodePools out of the AZ ARC
     * shifts a cluster away from, and restores them exactly afterwards. One
     * replica holds it at a time (a global scheduled task).
     */
    reconciler?: {
      /** Default true. When false the routes still serve what is stored. */
      enabled?: boolean;
      /**
       * `nodepool` (default): edit NodePool zone requirements; `keep-nodes`:
       * also mark the away AZ's Nodes `karpenter.sh/do-not-disrupt` for the
       * length of the shift; `observe`: only report what would be done.
       * Clusters whose Karpenter has native zonal shift on are always observed.
       */
      mode?: 'nodepool' | 'keep-nodes' | 'observe';
      /** Per-cluster modes, by EKS cluster ARN (win over `modeTag`). */
      overrides?: Array<{
        arn: string;
        mode: 'nodepool' | 'keep-nodes' | 'observe';
      }>;
      /** An AWS tag key whose value (a mode) sets the mode of its cluster. No default. */
      modeTag?: string;
      /** How often ARC is read (ListManagedResources per account and region). Default 2 seconds, 500 ms to 5 minutes. */
      pollInterval?: HumanDuration | string;
      /**
       * Timeout of the task that holds the reconciler: a run holds it for
       * half of this, another replica takes over within about this long
       * (plus up to a minute) when the holder dies. Default 60 seconds; at
       * least twice `clusterTimeout`.
       */
      lease?: HumanDuration | string;
      /** Clusters reconciled at once. Default 16. */
      concurrency?: number;
      /** Longest pass over one cluster. Default 20 seconds. */
      clusterTimeout?: HumanDuration | string;
      /** Re-reads and re-plans after a 409 Conflict, per NodePool or Node. Default 5. */
      maxConflictRetries?: number;
      /** How often the holder looks for kicks written by other replicas. Default 200 ms. */
      kickCheckInterval?: HumanDuration | string;
      /** How long the cluster list read from the store is reused. Default 15 seconds. */
      inventoryRefresh?: HumanDuration | string;
    };

    /** Zonal shift actions (start, update, cancel, fleet-wide) taken through the portal. */
    actions?: {
      /** Clusters a fleet-wide shift starts at once. Default 4, 1 to 32. */
      fleetConcurrency?: number;
      /**
       * How long a request waits, in milliseconds, for another request with
       * the same Idempotency-Key to finish before answering 409 "in progress".
       * Default 5000.
       */
      idempotencyWaitMs?: number;
      /**
       * After this many milliseconds a request still holding an
       * Idempotency-Key is taken to have died (a crash or restart), and a
       * retry with the key may run it again. A live request renews its claim
       * every third of this, and checks it right before calling ARC. Audit
       * intents still pending after this long (the backend stopped between
       * the ARC call and the outcome) are resolved against ARC, at start-up
       * and every half of this; keep it longer than the ARC client's overall
       * deadline. Default 120000.
       */
      idempotencyLeaseMs?: number;
      /**
       * Service principals that may use the mutating routes (start, update
       * and cancel a shift, `POST /fleet-shifts`, `POST /refresh`), by
       * subject as Backstage names them: `plugin:<pluginId>` for another
       * plugin's token, the configured `subject` of an external `static` or
       * `legacy` access token (e.g. `incident-bot`; legacy keys without one
       * are `external:backstage-plugin`), `external:<sub>` for a `jwks` token.
       * Users are always taken (the permission policy decides); a service
       * not listed gets 403, whatever the policy says. Default: none.
       */
      allowedServices?: string[];
    };
    /** Readiness fixes on the AWS side (zonal shift, autoshift, practice runs). */
    readiness?: {
      /**
       * How often the EKS updates the portal started (turning on zonal
       * shift) are described until they complete, on one replica at a
       * time. Default 15 seconds; from 1 second to 10 minutes.
       */
      followUpdatesEvery?: HumanDuration | string;
    };

    /** What the store keeps. */
    history?: {
      /** Capacity snapshots kept per cluster (the latest is served). Default 10, at most 1000. */
      capacitySnapshotsPerCluster?: number;
    };
  };
}
