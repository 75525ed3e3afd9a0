import { HumanDuration } from '@backstage/types';
import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /**
   * Fleet Resilience for Backstage. Read by the backend plugin, and the
   * inventory and AWS parts also by the catalog module. AWS credentials per
   * account come from the standard `aws` integration config
   * (`aws.mainAccount`, `aws.accounts[]` with `roleName`/`externalId` for
   * role assumption, `aws.accountDefaults`). Nothing here is sent to the
   * frontend.
   *
   * @visibility backend
   */
  fleetResilience?: {
    /** AWS clients. */
    aws?: {
      /**
       * Endpoint overrides, for the embedded simulator or VPC endpoints. One
       * URL per service; `{region}` is replaced by the client's region. Unset
       * services use AWS's default endpoint of the region.
       */
      endpoints?: {
        /** AWS Config. */
        config?: string;
        /** ARC zonal shift. */
        arc?: string;
        /** AWS Resilience Hub. */
        resiliencehub?: string;
        /** Amazon EKS. */
        eks?: string;
        /**
         * AWS STS: only the host EKS IAM tokens are presigned for (no STS
         * call is made). Leave unset for the simulator.
         */
        sts?: string;
      };
      /** Attempts per AWS call, the first included; throttling and 5xx are retried with backoff. Default 5. */
      maxAttempts?: number;
      /** Per attempt, in milliseconds. Default 15000. */
      requestTimeoutMs?: number;
    };

    /** Where the fleet's EKS clusters are found. */
    inventory?: {
      /**
       * The built-in inventory source, AWS Config's advanced queries. Give
       * exactly one of `aggregator` or `accounts`. Without this key only
       * sources added by modules (fleetResilienceInventoryExtensionPoint)
       * are read, and the plugin refuses to start when there are none.
       */
      awsConfig?: {
        /** A configuration aggregator covering every account and region (SelectAggregateResourceConfig). */
        aggregator?: {
          /** The account that owns the aggregator. */
          accountId: string;
          /** The aggregator's region. */
          region: string;
          /** The aggregator's name. */
          name: string;
        };
        /** Each account's own recorder, per region (SelectResourceConfig). */
        accounts?: Array<{
          accountId: string;
          regions: string[];
        }>;
        /**
         * Only clusters carrying every one of these tags (a key alone matches
         * any value). Validated; never pasted raw into a query.
         */
        tagFilters?: Array<{
          key: string;
          value?: string;
        }>;
        /** Account/regions read at once in `accounts` mode. Default 4. */
        concurrency?: number;
      };
    };

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
        /** Default: every 2 minutes, timeout 10 minutes. */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
      eks?: {
        /**
         * DescribeCluster (zonal shift enabled or not) runs for new clusters
         * at once and for the others after this long. Default 30 minutes.
         */
        recheckAfter?: HumanDuration | string;
      };
    };

    /** Reading the clusters' Kubernetes APIs. */
    kubernetes?: {
      /** Clusters read at once. Default 8. */
      concurrency?: number;
      /** Longest read of one cluster, all requests included. Default 30 seconds. */
      timeout?: HumanDuration | string;
      /** Per HTTP request, in milliseconds. Default 10000. */
      requestTimeoutMs?: number;
      /** Items per list page. Default 500. */
      pageSize?: number;
      /** Attempts per request on 429 and 5xx, the first included. Default 5. */
      maxAttempts?: number;
      /**
       * Accept `http://` API server URLs. Only for the embedded simulator;
       * real clusters are always `https://`. Default false.
       */
      allowInsecureEndpoints?: boolean;
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
       * retry with the key may run it again. Default 120000.
       */
      idempotencyLeaseMs?: number;
    };

    /**
     * Optional faster trigger for the reconciler: ARC's EventBridge events
     * (source `aws.arc-zonal-shift`) delivered to an SQS queue. A message is
     * deleted only after the clusters it names were queued for
     * reconciliation; polling ARC stays the safety net (events are best
     * effort, and a manual shift that expires sends none).
     */
    events?: {
      sqs?: {
        /** Standard queue URL, `https://sqs.<region>.amazonaws.com/<account>/<name>`. */
        queueUrl: string;
        /** Account whose credentials read the queue. Default: the queue's owner, from the URL. */
        accountId?: string;
        /** Default: the region in an `sqs.<region>.amazonaws.com` queue URL (required otherwise). */
        region?: string;
        /** SQS endpoint override (the simulator, a VPC endpoint); `{region}` is replaced. */
        endpoint?: string;
        /** Long poll of each ReceiveMessage, 1 to 20 seconds. Default 20. */
        waitTimeSeconds?: number;
        /** Messages per ReceiveMessage, 1 to 10. Default 10. */
        maxMessages?: number;
        /** Visibility timeout for received messages, 0 to 43200 seconds. Default: the queue's. */
        visibilityTimeoutSeconds?: number;
      };
    };

    /** What the store keeps. */
    history?: {
      /** Capacity snapshots kept per cluster (the latest is served). Default 10, at most 1000. */
      capacitySnapshotsPerCluster?: number;
    };
  };
}
