import { describe, expect, it } from 'vitest';
import {
  bankBehavior,
  cardBehavior,
  cardBrand,
  isCardExpired,
  isValidCardNumber,
  luhnValid,
  normalizeCardNumber,
} from './card.ts';

describe('card numbers', () => {
  it('accepts Luhn-valid numbers and rejects the rest', () => {
    expect(luhnValid('4242424242424242')).toBe(true);
    expect(luhnValid('378282246310005')).toBe(true);
    expect(luhnValid('4242424242424241')).toBe(false);
    expect(luhnValid('4242 4242 4242 4242')).toBe(false);
    expect(luhnValid('')).toBe(false);
    // Number(' ') is 0: a space before or after the digits must not count as a zero digit.
    expect(luhnValid(' 00')).toBe(false);
    expect(luhnValid('00 ')).toBe(false);
  });

  it('card numbers typed in groups are read without the spaces', () => {
    expect(normalizeCardNumber(' 4242 4242 4242 4242 ')).toBe('4242424242424242');
    expect(normalizeCardNumber('3782 822463 10005')).toBe('378282246310005');
  });

  it('a card number is 12-19 digits passing the Luhn check', () => {
    expect(isValidCardNumber('4242424242424242')).toBe(true);
    expect(isValidCardNumber('0')).toBe(false);
    expect(isValidCardNumber('42424242424242424242')).toBe(false);
  });

  it('the brand is read from the leading digits', () => {
    expect(cardBrand('4242424242424242')).toBe('visa');
    expect(cardBrand('5555555555554444')).toBe('mastercard');
    expect(cardBrand('2221000000000009')).toBe('mastercard');
    expect(cardBrand('2720990000000007')).toBe('mastercard');
    expect(cardBrand('2721000000000000')).toBe('unknown');
    expect(cardBrand('378282246310005')).toBe('amex');
    expect(cardBrand('340000000000009')).toBe('amex');
    expect(cardBrand('6011111111111117')).toBe('discover');
    expect(cardBrand('6500000000000002')).toBe('discover');
    expect(cardBrand('3530111333300000')).toBe('unknown');
    expect(cardBrand('2221')).toBe('mastercard');
    expect(cardBrand('2220999999999999')).toBe('unknown');
    // Prefixes count at the start only.
    expect(cardBrand('6034000000000000')).toBe('unknown');
    expect(cardBrand('3065000000000000')).toBe('unknown');
  });
});

describe('test instruments', () => {
  it('documented test cards behave as the instrument table says', () => {
    expect(cardBehavior('4242424242424242')).toEqual({ kind: 'succeed' });
    expect(cardBehavior('5555555555554444')).toEqual({ kind: 'succeed' });
    expect(cardBehavior('378282246310005')).toEqual({ kind: 'succeed' });
    expect(cardBehavior('4000000000000002')).toEqual({ kind: 'decline' });
    expect(cardBehavior('4000000000009995')).toEqual({ kind: 'insufficient_funds' });
    expect(cardBehavior('4000000000000069')).toEqual({ kind: 'expired' });
    expect(cardBehavior('4000000000000119')).toEqual({ kind: 'processor_fault' });
  });

  it('4000 0000 0000 30N? succeeds N times, then declines', () => {
    // Find the Luhn check digit for each N and confirm the successes count.
    for (let n = 1; n <= 9; n++) {
      const prefix = `40000000000030${n}`;
      const check = [...'0123456789'].find((d) => luhnValid(prefix + d));
      expect(cardBehavior(`${prefix}${check}`)).toEqual({ kind: 'succeed_then_decline', successes: n });
    }
    expect(cardBehavior('4000000000003005')).toEqual({ kind: 'succeed' }); // N = 0 is not a pattern card
    // Luhn-valid, but longer than the pattern at either end: ordinary cards.
    expect(cardBehavior('04000000000003014')).toEqual({ kind: 'succeed' });
    expect(cardBehavior('40000000000030144')).toEqual({ kind: 'succeed' });
  });

  it('bank account 000111111116 is returned, any other account succeeds', () => {
    expect(bankBehavior('000111111116')).toEqual({ kind: 'bank_returned' });
    expect(bankBehavior('000123456789')).toEqual({ kind: 'succeed' });
  });
});

describe('card expiry', () => {
  it('a card is good through the last instant of its expiry month (UTC)', () => {
    expect(isCardExpired(3, 2019, '2019-03-31T23:59:59.999Z')).toBe(false);
    expect(isCardExpired(3, 2019, '2019-04-01T00:00:00.000Z')).toBe(true);
  });

  it('a December expiry runs to the end of the year', () => {
    expect(isCardExpired(12, 2019, '2019-12-31T23:59:59.999Z')).toBe(false);
    expect(isCardExpired(12, 2019, '2020-01-01T00:00:00.000Z')).toBe(true);
  });
});
