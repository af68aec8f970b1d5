import { describe, expect, it } from 'vitest';
import { journalBody, MAX_JOURNAL_BODY, maskBody } from './journal-body.ts';

describe('maskBody', () => {
  it('JSON: card and account numbers keep their last 4 digits; CVVs, passwords and tokens nothing', () => {
    const text = JSON.stringify({
      card: { number: '4242 4242 4242 4242', cvv: '123', expMonth: 12, holderName: 'Jane' },
      card_number: '5555555555554444',
      cardNumber: 4000000000000002,
      CVC: '9876',
      account_number: '000123456789',
      accountNumber: '987654',
      routing_number: '110000000',
      password: 'pa"ss\\word',
      newPassword: 'x',
      Authorization: 'Bearer abc',
      data: { attributes: { token: 'eyJhbGciOi', token_type: 'Bearer' } },
      access_token: 'at',
      client_secret: 's',
    });
    expect(JSON.parse(maskBody(text, 'json'))).toEqual({
      card: { number: '************4242', cvv: '***', expMonth: 12, holderName: 'Jane' },
      card_number: '************4444',
      cardNumber: '************0002',
      CVC: '***',
      account_number: '********6789',
      accountNumber: '**7654',
      routing_number: '110000000',
      password: '***',
      newPassword: '***',
      Authorization: '***',
      data: { attributes: { token: '***', token_type: 'Bearer' } },
      access_token: '***',
      client_secret: '***',
    });
  });

  it('JSON: a key-like string value is not a key, and null or object values are left as they are', () => {
    const text = '{"type":"password","note":"\\"token\\": x","token":null,"password":{"a":1}}';
    expect(maskBody(text, 'json')).toBe(text);
  });

  it('XML: the SOAP Authentication header password, with or without a prefix or attributes', () => {
    const xml =
      '<soap:Header><Authentication xmlns="x"><User>acme-isp</User><Password>isp-pass</Password></Authentication>' +
      '<a:password type="t">p</a:password><Token/><Password></Password></soap:Header>';
    expect(maskBody(xml, 'xml')).toBe(
      '<soap:Header><Authentication xmlns="x"><User>acme-isp</User><Password>***</Password></Authentication>' +
        '<a:password type="t">***</a:password><Token/><Password></Password></soap:Header>',
    );
  });

  it('any run of 12 or more digits is masked, spaced or not; dates and short numbers are not', () => {
    expect(maskBody('holder Jane 4111 1111 1111 1111 on 2019-03-01, id 12345678901', 'text')).toBe(
      'holder Jane ************1111 on 2019-03-01, id 12345678901',
    );
    expect(maskBody('{"holderName":"Jane 4111-1111-1111-1112"}', 'json')).toBe(
      '{"holderName":"Jane ************1112"}',
    );
  });
});

describe('journalBody', () => {
  it('no text is no body; the content type is kept', () => {
    expect(journalBody(undefined, undefined)).toEqual({ contentType: null, text: null, truncated: false });
    expect(journalBody('', 'application/json')).toEqual({
      contentType: 'application/json',
      text: null,
      truncated: false,
    });
  });

  it(`cuts at ${MAX_JOURNAL_BODY} characters, masking a value that straddles the cut whole`, () => {
    const pad = 'x'.repeat(MAX_JOURNAL_BODY - 20);
    const text = JSON.stringify({ pad, password: 'a-long-secret-password', more: 'y'.repeat(5000) });
    const body = journalBody(text, 'application/json');
    expect(body.truncated).toBe(true);
    expect(body.text).toHaveLength(MAX_JOURNAL_BODY);
    expect(body.text).not.toContain('a-long');
    expect(journalBody('{"a":1}', 'application/json')).toEqual({
      contentType: 'application/json',
      text: '{"a":1}',
      truncated: false,
    });
  });
});
