export {
  EntityFleetZonalShiftCard,
  ZonalShiftCardView,
  ZonalShiftContent,
  shiftStateText,
} from './ZonalShiftCard';
