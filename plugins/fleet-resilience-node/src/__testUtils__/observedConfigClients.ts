/**
 * The real AWS Config clients of a factory, each `send` noted: the command,
 * the account/region, the attempts the SDK made (once answered), and the
 * most requests ever in flight at once.
 */
import type { ConfigServiceClient } from '@aws-sdk/client-config-service';
import type { AwsClientFactory } from '../aws/AwsClientFactory';
import type { AccountRegion } from '../sources/types';

export interface ObservedCall {
  command: string;
  scope: string;
  /** Set once the call is answered; a failed call has none. */
  attempts?: number;
}

export function observedConfigClients(factory: AwsClientFactory) {
  const seen = { calls: [] as ObservedCall[], inFlight: 0, peak: 0 };
  return {
    seen,
    clients: {
      async config(target: AccountRegion) {
        const client = await factory.config(target);
        return new Proxy(client, {
          get(object, property, receiver) {
            if (property !== 'send')
              return Reflect.get(object, property, receiver);
            return async (...args: Parameters<ConfigServiceClient['send']>) => {
              const call: ObservedCall = {
                command: args[0].constructor.name,
                scope: `${target.accountId}/${target.region}`,
              };
              seen.calls.push(call);
              seen.peak = Math.max(seen.peak, ++seen.inFlight);
              try {
                const output = (await (
                  object.send as (...a: unknown[]) => unknown
                )(...args)) as { $metadata: { attempts?: number } };
                call.attempts = output.$metadata.attempts ?? 1;
                return output;
              } finally {
                seen.inFlight--;
              }
            };
          },
        });
      },
    },
  };
}
