import { invalid } from './errors.ts';
import type { IsoDate, IsoInstant } from './types.ts';

// UTC-only calendar helpers. Instants are always produced in `toISOString()` form so they also
// sort correctly as plain strings (the clock relies on that for speed).

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DURATION_RE = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

export type Duration = { years: number; months: number; days: number; hours: number; minutes: number; seconds: number };

/** True for a real calendar date in `YYYY-MM-DD` form (rejects 2019-02-30). */
export function isIsoDate(value: string): boolean {
  if (!DATE_RE.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00.000Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value;
}

/** Normalises any parseable instant (or date) to the canonical form; throws 422 otherwise. */
export function toInstant(value: string): IsoInstant {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw invalid('invalid-instant', 'Invalid instant', `"${value}" is not an ISO 8601 instant.`);
  return new Date(ms).toISOString();
}

export function toDate(instant: IsoInstant): IsoDate {
  return new Date(instant).toISOString().slice(0, 10);
}

export function startOfDay(date: IsoDate): IsoInstant {
  return new Date(`${date}T00:00:00.000Z`).toISOString();
}

export function addDays(date: IsoDate, n: number): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

export function addMinutes(instant: IsoInstant, n: number): IsoInstant {
  return new Date(Date.parse(instant) + n * 60_000).toISOString();
}

/** month is 1-12. */
function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// Shifts (year, month) by n months and clamps the day: the anchor keeps Jan 31 → Feb 28 → Mar 31.
function shiftMonth(year: number, month: number, n: number, anchorDay: number): [number, number, number] {
  const total = year * 12 + (month - 1) + n;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  return [y, m, Math.min(anchorDay, daysInMonth(y, m))];
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Monthly schedule step: `n` months after `date`, on `anchorDay` (the start date's day) clamped to month end. */
export function addMonthsClamped(date: IsoDate, n: number, anchorDay?: number): IsoDate {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [y, m, d] = shiftMonth(year, month, n, anchorDay ?? day);
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** Parses ISO 8601 durations (P1M, P1D, PT1H, P2W, P1Y2M3DT4H5M6S); weeks are folded into days. */
export function parseDuration(text: string): Duration {
  const match = DURATION_RE.exec(text);
  if (!match || text === 'P' || text.endsWith('T')) {
    throw invalid('invalid-duration', 'Invalid duration', `"${text}" is not an ISO 8601 duration such as P1D or PT1H.`);
  }
  const n = (i: number): number => Number(match[i] ?? 0);
  return { years: n(1), months: n(2), days: n(3) * 7 + n(4), hours: n(5), minutes: n(6), seconds: n(7) };
}

/** Calendar-aware: years/months first (clamped to month end), then days and time. */
export function addDuration(instant: IsoInstant, duration: string | Duration): IsoInstant {
  const d = typeof duration === 'string' ? parseDuration(duration) : duration;
  let ms = Date.parse(instant);
  if (d.years || d.months) {
    const t = new Date(ms);
    const [y, m, day] = shiftMonth(t.getUTCFullYear(), t.getUTCMonth() + 1, d.years * 12 + d.months, t.getUTCDate());
    ms = Date.UTC(y, m - 1, day) + (((ms % DAY_MS) + DAY_MS) % DAY_MS);
  }
  ms += d.days * DAY_MS + d.hours * 3_600_000 + d.minutes * 60_000 + Math.round(d.seconds * 1000);
  return new Date(ms).toISOString();
}

export function compareInstant(a: IsoInstant, b: IsoInstant): number {
  return Math.sign(Date.parse(a) - Date.parse(b));
}
