/**
 * The workbook's date system, learnt inside ExcelApi 1.9. Office.js has no property for it before ExcelApi 1.16
 * (unverified for that version; none exists in 1.9 in @types/office-js), so the add-in asks Excel's own DATE
 * function through `workbook.functions` (ExcelApi 1.2): DATE(2000, 1, 1) is 36526 in the 1900 system and 35064
 * in the 1904 system ("the same day's serial is 1,462 smaller": Microsoft's "Date systems in Excel"). The probe
 * is queued with the first read, so it costs no round trip of its own.
 */
import type { DateSystem } from "../../engine/dates";
import { DATE_1904_OFFSET, dayFromYmd, excelSerialFromDay } from "../../engine/dates";

/** DATE(2000, 1, 1) in the 1900 system. */
export const PROBE_SERIAL_1900 = excelSerialFromDay(dayFromYmd(2000, 1, 1));

export interface DateSystemProbe {
  /** After the sync: the workbook's date system (1900 when Excel's answer is not one of the two). */
  read(): DateSystem;
}

export function dateSystemFromProbe(value: unknown): DateSystem {
  return value === PROBE_SERIAL_1900 - DATE_1904_OFFSET ? 1904 : 1900;
}

/** Queues DATE(2000, 1, 1); read it after the next context.sync(). */
export function queueDateSystemProbe(context: Excel.RequestContext): DateSystemProbe {
  const result = context.workbook.functions.date(2000, 1, 1);
  result.load("value");
  return { read: () => dateSystemFromProbe(result.value) };
}
