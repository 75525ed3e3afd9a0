import { useRouteRef, type RouteRef } from '@backstage/core-plugin-api';

/**
 * The path of a page of this plugin, or undefined when the app does not
 * mount it (legacy frontend system: e.g. an app that mounts the console but
 * not the preflight page), so a link to it is left out instead of failing.
 */
export function useOptionalRouteLink(routeRef: RouteRef): string | undefined {
  try {
    // useRouteRef throws for an unmounted route after its own hooks ran, so
    // the hooks run in the same order on every render.
    return useRouteRef(routeRef)();
  } catch {
    return undefined;
  }
}
