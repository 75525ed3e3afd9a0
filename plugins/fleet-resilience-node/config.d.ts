export interface Config {
  /**
   * Fleet Resilience for Backstage: the keys this package's clients read.
   * AWS credentials per account come from the standard `aws` integration
   * config (`aws.mainAccount`, `aws.accounts[]`, `aws.accountDefaults`).
   *
   * @visibility backend
   */
  fleetResilience?: {
    /** AWS clients (`AwsClientFactory.fromConfig`). */
    aws?: {
      /**
       * The operator role: the only identity that starts, updates and cancels
       * ARC zonal shifts and signs the EKS tokens of NodePool writes; every
       * read uses the reader (the `aws` integration config, e.g.
       * `aws.accountDefaults.roleName: fleet-resilience-reader`). Assumed in
       * each account, as `arn:<partition>:iam::<account>:role/<roleName>`,
       * from `aws.mainAccount` (the backend's own identity), with the
       * partition and STS region of `aws.accountDefaults`. Not set: the
       * operator acts with the reader's credentials. See examples/iam.
       */
      operatorRole?: {
        /** The role's name (not its ARN): 1 to 64 letters, digits or `+=,.@_-`. E.g. `fleet-resilience-operator`. */
        roleName: string;
        /**
         * The `sts:ExternalId` the role's trust policy requires: 2 to 1224
         * letters, digits or `+=,.@:/_-`.
         *
         * @visibility secret
         */
        externalId?: string;
      };
      /**
       * Use AWS's FIPS endpoints for the SDK clients (Config, EKS,
       * Resilience Hub), ARC and the STS host EKS tokens are presigned for,
       * where no endpoint is overridden under `endpoints`. A region where
       * AWS offers no FIPS endpoint of ARC or STS is refused with the reason.
       * Default false.
       */
      useFipsEndpoint?: boolean;
      /**
       * Endpoint overrides, for the embedded simulator or VPC endpoints. One
       * http(s) URL per service, without credentials, query or fragment;
       * `{region}` is replaced by the client's region. Unset services use
       * AWS's default endpoint of the region.
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
         * call is made).
         */
        sts?: string;
      };
      /** Attempts per AWS call, the first included; throttling and 5xx are retried with backoff. Default 5. */
      maxAttempts?: number;
      /** Per attempt, in milliseconds. Default 15000. */
      requestTimeoutMs?: number;
      /**
       * Per call of AWS Config, EKS and Resilience Hub, retries and backoff
       * included, in milliseconds. Default 120000.
       */
      deadlineMs?: number;
      /**
       * ARC zonal shift's calls, which a user or the reconciler waits on. A
       * read that times out is retried within the deadline; a write
       * (StartZonalShift, UpdateZonalShift, CancelZonalShift) is never retried
       * after a timeout, since ARC may have applied it: the action's audit
       * intent is then resolved against ARC.
       */
      arc?: {
        /** Per attempt, in milliseconds. Default 10000. */
        attemptTimeoutMs?: number;
        /** Per call, retries and backoff included, in milliseconds. Default 30000. */
        deadlineMs?: number;
      };
    };

    inventory?: {
      /**
       * AWS Config's advanced queries (`AwsConfigInventorySource.fromConfig`).
       * Give exactly one of `aggregator` or `accounts`.
       */
      awsConfig?: {
        /** A configuration aggregator covering every account and region (SelectAggregateResourceConfig). */
        aggregator?: {
          /** The 12-digit account that owns the aggregator. */
          accountId: string;
          /** The aggregator's region. */
          region: string;
          /** The aggregator's name: letters, digits, `_` or `-`. */
          name: string;
        };
        /** Each account's own recorder, per region (SelectResourceConfig). */
        accounts?: Array<{
          accountId: string;
          /** At least one region. */
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
        /**
         * AWS Config requests in flight at once in one inventory read: an
         * aggregator's account partitions and subnet look-ups, or (in
         * `accounts` mode) the account/regions and their look-ups. Default 16.
         * Throttling is retried with backoff and slows the client down.
         */
        concurrency?: number;
      };
    };

    /** Each cluster's Kubernetes API (`KubernetesApiClusterReader` and `KubernetesApiClusterWriter`). */
    kubernetes?: {
      /** Per HTTP request, in milliseconds. Default 10000. */
      requestTimeoutMs?: number;
      /**
       * Per request with its retries and backoff (each page of a list has
       * its own), in milliseconds; a request still unanswered then fails
       * with "the Kubernetes API did not answer within N ms". Default 30000.
       */
      deadlineMs?: number;
      /** Items per list page. Default 500. */
      pageSize?: number;
      /** Attempts per request on 429 and 5xx, the first included. Default 5. */
      maxAttempts?: number;
      /**
       * Accept `http://` API server URLs (AWS Config's and the writer's),
       * and `https://` ones without a CA from EKS (then checked against the
       * system trust store). Only for the embedded simulator: by default an
       * https server is trusted only through the cluster's own CA, and a
       * cluster with a missing or malformed CA is not contacted (its read
       * fails with the reason). Default false.
       */
      allowInsecureEndpoints?: boolean;
    };

    /** ARC's EventBridge events (`ArcEventQueueConsumer.fromConfig`). */
    events?: {
      /** The SQS queue an EventBridge rule for `aws.arc-zonal-shift` feeds. */
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
  };
}
