/** Converts an Excel serial day number to an ISO date (1900 system by default, 1904 when asked); null when impossible. */
export function serialToIso(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial)) return null;
  let days = Math.floor(serial);
  if (date1904) {
    days += 1462;
  } else {
    if (days < 1 || days === 60) return null; // serial 60 is Excel's fictitious 1900-02-29
    if (days < 60) days += 1;
  }
  // Civil date from a day count by arithmetic (H. Hinnant's days-to-civil), without a Date object per cell.
  const z = days - 25_569 + 719_468; // days since 0000-03-01
  if (!(z >= 0) || z > 4_371_000) return null;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  if (y < 1900 || y > 9999) return null;
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** Converts an ISO date (`YYYY-MM-DD`) to an Excel serial day number in the 1900 system; null when it is not one. */
export function isoToSerial(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3]);
  if (!Number.isFinite(ms)) return null;
  // Excel's fictitious 1900-02-29 is serial 60, so days from 1900-03-01 on are one higher than the calendar count.
  const serial = ms / 86_400_000 + 25_569;
  return serial < 61 ? serial - 1 : serial;
}
