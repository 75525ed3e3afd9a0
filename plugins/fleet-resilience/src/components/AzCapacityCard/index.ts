export {
  AzCapacityCardView,
  AzCapacityContent,
  EntityFleetAzCapacityCard,
} from './AzCapacityCard';
