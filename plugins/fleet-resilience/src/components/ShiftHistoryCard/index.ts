export {
  EntityFleetShiftHistoryCard,
  ShiftHistoryCardView,
} from './ShiftHistoryCard';
