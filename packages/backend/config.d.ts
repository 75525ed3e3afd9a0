export interface Config {
  fleetResilience?: {
    /**
     * The embedded simulated fleet (the portal's default when no AWS account
     * is configured). Never enable it in production.
     */
    simulator?: {
      /** Start the simulator inside the backend. Default false. */
      enabled?: boolean;
      /** Port on 127.0.0.1; every AWS endpoint in app-config points at it. Default 7480. */
      port?: number;
      /** Fleet file (YAML), relative to packages/backend. Default the demo fleet. */
      fleet?: string;
    };
  };
}
