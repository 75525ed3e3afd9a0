export interface Config {
  fleetResilience?: {
    /**
     * The permission policy of
     * `@fleet-resilience/plugin-permission-backend-module-fleet-resilience-policy`:
     * who may read and shift which clusters. Read once at start-up; a bad
     * value stops the backend with an error naming the key. Permissions of
     * other plugins are allowed, as the allow-all policy does, except that
     * `catalogClusters` hides foreign cluster entities.
     *
     * @visibility backend
     */
    policy?: {
      /**
       * Users and groups who may do everything in Fleet Resilience, as
       * entity refs with their kind: `group:default/platform-team`,
       * `user:default/jane`. A user is an admin when one of their ownership
       * claims (themselves and the groups they are a member of, as the sign-in
       * resolver issued them) is in this list; compared in lower case.
       * Default: none.
       */
      admins?: string[];
      /**
       * Who besides admins reads a cluster (its list entry, detail,
       * capacity, shifts, history, audit rows, search document):
       * `owners` — the members of the group its owner tag names (or that
       * user); `everyone` — every signed-in user. Default `owners`.
       */
      read?: 'owners' | 'everyone';
      /**
       * Who besides admins starts, extends and cancels zonal shifts of a
       * cluster, and applies its readiness fixes (EKS zonal shift, ARC
       * autoshift, practice runs): `owners` — its owners, as for `read`;
       * `admins` — nobody else. Default `owners`.
       */
      shift?: 'owners' | 'admins';
      /**
       * Who may ask for a full refresh of the fleet (`POST /refresh`):
       * `admins` or `everyone` (every signed-in user). Default `admins`.
       */
      refresh?: 'admins' | 'everyone';
      /**
       * When true and `read` is `owners`, the catalog hides the entities of
       * clusters a user may not read (`catalog.entity.read` on entities with
       * the `fleet-resilience.io/cluster-arn` annotation follows ownership);
       * every other entity stays readable. Default true.
       */
      catalogClusters?: boolean;
    };
  };
}
