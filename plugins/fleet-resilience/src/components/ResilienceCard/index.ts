export {
  EntityFleetResilienceCard,
  ResilienceCardView,
  ResilienceContent,
} from './ResilienceCard';
