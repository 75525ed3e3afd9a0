/** Control routes that read and set fault injection. */
import type { ControlApiOptions } from './api';
import { FaultSettingsError, parseFaultSettings } from './faults';
import { badRequest, parseBody, type Route } from './requests';

export function faultRoutes(options: ControlApiOptions): Record<string, Route> {
  const { faults } = options;

  function readFaultSettings(body: Buffer) {
    try {
      return parseFaultSettings(parseBody(body), options.seed);
    } catch (error) {
      if (error instanceof FaultSettingsError)
        throw badRequest(error.message, error.issues);
      throw error;
    }
  }

  return {
    'GET faults': () => ({ body: faults.settings() }),
    'GET faults/held': () => ({ body: faults.held() }),
    'PUT faults': body => {
      const settings = readFaultSettings(body);
      faults.configure(settings);
      return { body: settings };
    },
    'DELETE faults': () => {
      faults.configure({ seed: options.seed, services: {} });
      return { body: faults.settings() };
    },
  };
}
