export interface Config {
  auth?: {
    providers?: {
      /**
       * The demo's sign-in identities (src/modules/demoSignIn.ts): the
       * sign-in page lists them and `/api/auth/fleetDemo/refresh` signs in
       * the one named by the `x-fleet-demo-identity` header as its catalog
       * User. Anyone may choose any identity: development only, never in a
       * production config. `id`, `title` and `description` of each identity
       * are declared in packages/app/config.d.ts (the sign-in page shows
       * them).
       */
      fleetDemo?: {
        /**
         * Start outside NODE_ENV=development anyway (the backend refuses to
         * start otherwise). Default false.
         */
        dangerouslyAllowOutsideDevelopment?: boolean;
        identities?: Array<{
          /** The User entity signed in, e.g. `user:default/dana`. */
          userEntityRef: string;
        }>;
      };
    };
  };
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
