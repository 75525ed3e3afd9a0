import { ReactNode } from 'react';
import {
  discoveryApiRef,
  fetchApiRef,
  type RouteRef,
  storageApiRef,
  type StorageApi,
} from '@backstage/core-plugin-api';
import { act } from '@testing-library/react';
import { SWRConfig } from 'swr';
import { MemoryRouter } from 'react-router-dom';
import { ThemeProvider, type Theme } from '@material-ui/core/styles';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { signalApiRef, type SignalApi } from '@backstage/plugin-signals-react';
import {
  mockApis,
  MockFetchApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { FleetResilienceClient, fleetResilienceApiRef } from '../api';

/** A signal API whose messages the test publishes. */
export class TestSignalApi implements SignalApi {
  private readonly subscribers = new Map<string, Set<(message: any) => void>>();

  subscribe(channel: string, onMessage: (message: any) => void) {
    const set = this.subscribers.get(channel) ?? new Set();
    set.add(onMessage);
    this.subscribers.set(channel, set);
    return { unsubscribe: () => set.delete(onMessage) };
  }

  /**
   * Delivers a message as the signals connection would: an event from outside
   * React, so inside act() like the events fireEvent and user-event dispatch.
   */
  publish(channel: string, message: object) {
    act(() => {
      this.subscribers.get(channel)?.forEach(fn => fn(message));
    });
  }
}

/**
 * The test app's router, with React Router's v7 behaviour turned off
 * explicitly as the app's own router (Backstage's DefaultRouter) does, so
 * that the tests run what the app runs, without React Router's notice of
 * the coming change.
 */
function TestRouter(props: { children?: ReactNode }) {
  return (
    <MemoryRouter
      future={{ v7_relativeSplatPath: false, v7_startTransition: false }}
    >
      {props.children}
    </MemoryRouter>
  );
}

/**
 * MUI v4's transitions (the Fade of a Dialog and its backdrop, the Grow of a
 * Select's menu) find their DOM node through ReactDOM.findDOMNode, which
 * React 18.3 reports as deprecated, unless the theme sets
 * `unstable_strictMode`: then they hand react-transition-group a ref to the
 * node (its nodeRef) instead, as MUI v4 documents for StrictMode.
 */
function withNodeRefTransitions(outer: Theme): Theme {
  return { ...outer, unstable_strictMode: true };
}

/**
 * Renders with the real client over msw: discovery points at
 * `http://fleet.test/api/<plugin>`, fetch is the global fetch.
 */
export async function renderWithClient(
  element: ReactNode,
  options: {
    /** Permission names to deny; every other permission is allowed. */
    deny?: string[];
    /** Decides instead of `deny`, e.g. per resourceRef (a cluster ARN). */
    decide?: (request: {
      permission: { name: string };
      resourceRef?: string;
    }) => 'ALLOW' | 'DENY';
    signals?: TestSignalApi;
    /** Defaults to an empty in-memory storage of its own. */
    storage?: StorageApi;
    /** Route refs the app mounts besides the catalog's entity page. */
    mountedRoutes?: Record<string, RouteRef>;
  } = {},
) {
  const discoveryApi = mockApis.discovery({ baseUrl: 'http://fleet.test' });
  const fetchApi = new MockFetchApi();
  const deny = new Set(options.deny ?? []);
  const permissionApi = mockApis.permission({
    authorize: request => {
      if (options.decide) {
        return options.decide(
          request as { permission: { name: string } },
        ) as any;
      }
      return (deny.has(request.permission.name) ? 'DENY' : 'ALLOW') as any;
    },
  });
  const client = new FleetResilienceClient({ discoveryApi, fetchApi });
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [fleetResilienceApiRef, client],
        [discoveryApiRef, discoveryApi],
        [fetchApiRef, fetchApi],
        [permissionApiRef, permissionApi],
        [signalApiRef, options.signals ?? new TestSignalApi()],
        // A fresh storage per render: the app wrapper's one lives as long as
        // the test file, so a choice stored by one test would leak into the next.
        [storageApiRef, options.storage ?? mockApis.storage()],
      ]}
    >
      {/* usePermission caches decisions in SWR's cache, global by default:
          each render gets its own, so no answer leaks into the next test. */}
      <SWRConfig value={{ provider: () => new Map() }}>
        <ThemeProvider theme={withNodeRefTransitions}>{element}</ThemeProvider>
      </SWRConfig>
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        ...options.mountedRoutes,
      },
      components: { Router: TestRouter },
    },
  );
}
