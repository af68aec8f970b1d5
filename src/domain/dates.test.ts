import { describe, expect, it } from 'vitest';
import {
  addDays,
  addDuration,
  addMinutes,
  addMonthsClamped,
  compareInstant,
  isIsoDate,
  parseDuration,
  startOfDay,
  toDate,
  toInstant,
} from './dates.ts';

describe('dates', () => {
  it('converts between instants and calendar dates in UTC', () => {
    expect(toDate('2019-03-03T23:59:59.999Z')).toBe('2019-03-03');
    expect(startOfDay('2019-03-03')).toBe('2019-03-03T00:00:00.000Z');
    expect(addDays('2019-02-28', 1)).toBe('2019-03-01');
    expect(addDays('2020-02-28', 1)).toBe('2020-02-29');
    expect(addDays('2019-01-01', -1)).toBe('2018-12-31');
    expect(addMinutes('2019-03-03T23:30:00.000Z', 60)).toBe('2019-03-04T00:30:00.000Z');
    expect(isIsoDate('2019-02-29')).toBe(false);
    expect(isIsoDate('2020-02-29')).toBe(true);
  });

  it('monthly schedules keep the start day, clamped to the month end', () => {
    const schedule = [0, 1, 2, 3, 13].map((n) => addMonthsClamped('2019-01-31', n, 31));
    expect(schedule).toEqual(['2019-01-31', '2019-02-28', '2019-03-31', '2019-04-30', '2020-02-29']);
    expect(addMonthsClamped('2019-12-15', 1)).toBe('2020-01-15');
    expect(addMonthsClamped('2019-01-15', -1)).toBe('2018-12-15');
  });

  it('parses ISO 8601 durations', () => {
    expect(parseDuration('P1Y2M3DT4H5M6S')).toEqual({ years: 1, months: 2, days: 3, hours: 4, minutes: 5, seconds: 6 });
    expect(parseDuration('P2W').days).toBe(14);
    expect(parseDuration('PT1H').hours).toBe(1);
    for (const bad of ['P', 'PT', '1D', 'P1H', 'P1DT', '', 'xP1D', 'P1Dx'])
      expect(() => parseDuration(bad), bad).toThrow(expect.objectContaining({ code: 'invalid-duration' }));
    expect(parseDuration('P10Y11M12W13DT14H15M16.25S')).toEqual({
      years: 10,
      months: 11,
      days: 12 * 7 + 13,
      hours: 14,
      minutes: 15,
      seconds: 16.25,
    });
    expect(() => parseDuration('P1H')).toThrow(
      expect.objectContaining({
        title: 'Invalid duration',
        message: '"P1H" is not an ISO 8601 duration such as P1D or PT1H.',
      }),
    );
  });

  it('adds durations calendar-aware', () => {
    expect(addDuration('2019-01-31T12:00:00.000Z', 'P1M')).toBe('2019-02-28T12:00:00.000Z');
    expect(addDuration('2020-02-29T00:00:00.000Z', 'P1Y')).toBe('2021-02-28T00:00:00.000Z');
    expect(addDuration('2019-03-03T00:00:00.000Z', 'P1D')).toBe('2019-03-04T00:00:00.000Z');
    expect(addDuration('2019-03-03T00:00:00.000Z', 'PT1H')).toBe('2019-03-03T01:00:00.000Z');
    expect(addDuration('2019-03-03T00:00:00.000Z', 'P2W')).toBe('2019-03-17T00:00:00.000Z');
    expect(addDuration('2019-01-31T00:00:00.000Z', 'P1Y2M3DT4H5M6S')).toBe('2020-04-03T04:05:06.000Z');
    expect(
      addDuration('2019-01-31T12:00:00.000Z', { years: 0, months: 1, days: 1, hours: 0, minutes: 0, seconds: 0.5 }),
    ).toBe('2019-03-01T12:00:00.500Z');
  });

  it('normalises instants and refuses what is not one', () => {
    expect(toInstant('2019-03-03')).toBe('2019-03-03T00:00:00.000Z');
    expect(toInstant('2019-03-03T10:00:00+02:00')).toBe('2019-03-03T08:00:00.000Z');
    expect(() => toInstant('soon')).toThrow(
      expect.objectContaining({
        code: 'invalid-instant',
        title: 'Invalid instant',
        message: '"soon" is not an ISO 8601 instant.',
      }),
    );
  });

  it('compares instants', () => {
    expect(compareInstant('2019-03-03T00:00:00.000Z', '2019-03-03T00:00:00Z')).toBe(0);
    expect(compareInstant('2019-03-02T00:00:00.000Z', '2019-03-03T00:00:00.000Z')).toBe(-1);
    expect(compareInstant('2019-03-04T00:00:00.000Z', '2019-03-03T00:00:00.000Z')).toBe(1);
  });
});
