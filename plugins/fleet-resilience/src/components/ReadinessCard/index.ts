export {
  EntityFleetReadinessCard,
  ReadinessCardView,
  ReadinessContent,
} from './ReadinessCard';
