import type { Setup } from './setup.ts';

/**
 * The embedded default sandbox: the seed document's own example and its neighbours.
 * - jane: Auto Pay with a card that is always declined; on 2019-03-03 she has three unpaid invoices
 *   (due Jan 3, Feb 3, Mar 3), two past due.
 * - carol: Auto Pay with a good Visa; her invoices are paid on their due dates.
 * - bob: linked, integration on, but his recurring invoice lacks MMR: "Billing Not Configured".
 * - dave: an Alarm.com login linked to no SecurityTrax customer.
 */
export const DEMO_CREDENTIALS = {
  dealer: { username: 'dealer', password: 'dealer-pass' },
  isp: { username: 'acme-isp', password: 'isp-pass' },
  ispWithoutRole: { username: 'norole-isp', password: 'isp-pass' },
  endUsers: [
    { username: 'jane', password: 'jane-pass', note: 'three unpaid invoices, two past due' },
    { username: 'carol', password: 'carol-pass', note: 'Auto Pay working' },
    { username: 'bob', password: 'bob-pass', note: 'Billing Not Configured: no MMR' },
    { username: 'dave', password: 'dave-pass', note: 'Billing Not Configured: not linked' },
  ],
};

export const DEMO_SETUP: Setup = {
  clock: '2018-12-01T00:00:00.000Z',
  dealer: DEMO_CREDENTIALS.dealer,
  alarmComCredentials: [
    { ...DEMO_CREDENTIALS.isp, roles: ['SecurityTrax'] },
    { ...DEMO_CREDENTIALS.ispWithoutRole, roles: [] },
  ],
  isps: [
    { key: 'acme', name: 'Acme Security (Alarm.com)', ...DEMO_CREDENTIALS.isp, billingIntegration: true },
    { key: 'norole', name: 'Norole Alarm (Alarm.com)', ...DEMO_CREDENTIALS.ispWithoutRole },
  ],
  customers: [
    { key: 'jane', firstName: 'Jane', lastName: 'Doe', email: 'jane@example.com', isp: 'acme' },
    { key: 'carol', firstName: 'Carol', lastName: 'Smith', email: 'carol@example.com', isp: 'acme' },
    { key: 'bob', firstName: 'Bob', lastName: 'Jones', email: 'bob@example.com', isp: 'acme' },
  ],
  logins: [
    { username: 'jane', password: 'jane-pass', customer: 'jane' },
    { username: 'carol', password: 'carol-pass', customer: 'carol' },
    { username: 'bob', password: 'bob-pass', customer: 'bob' },
    { username: 'dave', password: 'dave-pass', customer: null },
  ],
  billingMethods: [
    {
      key: 'janeCard',
      customer: 'jane',
      type: 'credit_card',
      card: { number: '4000000000000002', expMonth: 12, expYear: 2030, holderName: 'Jane Doe' },
    },
    {
      key: 'carolCard',
      customer: 'carol',
      type: 'credit_card',
      card: { number: '4242424242424242', expMonth: 12, expYear: 2030, holderName: 'Carol Smith' },
    },
  ],
  recurringInvoices: [
    {
      key: 'janeMonitoring',
      customer: 'jane',
      saleDate: '2018-12-01',
      startDate: '2019-01-03',
      lines: [{ lineItemId: 3, description: 'Monthly monitoring', amountCents: 3999 }],
      billingMethod: 'janeCard',
    },
    {
      key: 'carolMonitoring',
      customer: 'carol',
      saleDate: '2018-12-01',
      startDate: '2019-01-10',
      lines: [
        { lineItemId: 3, description: 'Monthly monitoring', amountCents: 2999 },
        { lineItemId: 5, description: 'Camera (installment)', amountCents: 2500, occurrences: 6 },
      ],
      billingMethod: 'carolCard',
    },
    {
      key: 'bobService',
      customer: 'bob',
      saleDate: '2018-12-01',
      startDate: '2019-01-05',
      lines: [{ lineItemId: 4, description: 'Service plan', amountCents: 1500 }],
    },
  ],
  advanceTo: '2019-03-03T09:00:00.000Z',
};
