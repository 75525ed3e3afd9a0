// The portal's three ports. CI uses app-config.yaml's (frontend 3000,
// backend 7007, simulator 7480); on a machine where another portal already
// holds them the runner shifts all three by the same offset and layers a
// config file over app-config.yaml that says so.
import net from 'node:net';

export const DEFAULT_PORTS = { frontend: 3000, backend: 7007, simulator: 7480 };
const OFFSETS = [0, 100, 200, 300, 400];

/** Resolves true when something accepts TCP connections on 127.0.0.1:port. */
function portInUse(port) {
  return new Promise(done => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

export function shiftedPorts(offset) {
  return {
    frontend: DEFAULT_PORTS.frontend + offset,
    backend: DEFAULT_PORTS.backend + offset,
    simulator: DEFAULT_PORTS.simulator + offset,
  };
}

/** The first offset whose three ports are all free. */
export async function choosePorts() {
  for (const offset of OFFSETS) {
    const ports = shiftedPorts(offset);
    const busy = await Promise.all(Object.values(ports).map(portInUse));
    if (!busy.some(Boolean)) return { offset, ports };
  }
  throw new Error(
    `no free set of ports (tried ${OFFSETS.map(o =>
      Object.values(shiftedPorts(o)).join('/'),
    ).join(', ')})`,
  );
}

export function urlsOf(ports) {
  return {
    frontend: `http://localhost:${ports.frontend}`,
    backend: `http://localhost:${ports.backend}`,
    simulator: `http://127.0.0.1:${ports.simulator}`,
  };
}

/** The config keys that carry the ports (everything else stays app-config.yaml's). */
export function portsConfig(ports) {
  const { frontend, backend } = urlsOf(ports);
  const simulator = `http://127.0.0.1:${ports.simulator}`;
  return {
    app: { baseUrl: frontend },
    backend: {
      baseUrl: backend,
      listen: { port: ports.backend },
      cors: { origin: frontend },
    },
    fleetResilience: {
      simulator: { port: ports.simulator },
      aws: {
        endpoints: {
          config: simulator,
          arc: simulator,
          resiliencehub: simulator,
          eks: simulator,
        },
      },
    },
  };
}
