import {
  startServer,
  type RawHandler,
  type SimulatorServer,
  type SimulatorServerOptions,
} from '../server';

const notServed: RawHandler = async (_req, res) => {
  res.writeHead(404).end();
};

/** The simulator's origin with only the surfaces a test gives; the others answer 404. */
export function startTestServer(
  surfaces: Partial<SimulatorServerOptions>,
): Promise<SimulatorServer> {
  return startServer({
    aws: [],
    kubernetes: notServed,
    control: notServed,
    ...surfaces,
  });
}
