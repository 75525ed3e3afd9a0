export interface Config {
  auth?: {
    providers?: {
      /**
       * The demo's sign-in identities, listed on the sign-in page. The
       * backend's part (`userEntityRef`, `dangerouslyAllowOutsideDevelopment`)
       * is declared in packages/backend/config.d.ts.
       */
      fleetDemo?: {
        identities?: Array<{
          /**
           * Sent as the `x-fleet-demo-identity` header: lower-case letters,
           * digits and dashes.
           * @visibility frontend
           */
          id: string;
          /**
           * The card's title, e.g. "Dana, payments developer".
           * @visibility frontend
           */
          title: string;
          /**
           * One sentence under the title: who this is and what they may do.
           * @visibility frontend
           */
          description?: string;
        }>;
      };
    };
  };
}
