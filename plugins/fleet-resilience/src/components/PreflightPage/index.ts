export {
  PreflightContent,
  PreflightPage,
  PreflightPageContent,
} from './PreflightPage';
