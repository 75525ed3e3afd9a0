export {
  FleetConsoleContent,
  FleetConsolePage,
  FleetConsolePageContent,
} from './FleetConsolePage';
