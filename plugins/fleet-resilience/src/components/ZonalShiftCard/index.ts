export {
  EntityFleetZonalShiftCard,
  ZonalShiftCardView,
  ZonalShiftContent,
  shiftHeadline,
  shiftStateText,
} from './ZonalShiftCard';
