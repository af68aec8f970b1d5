import { createApp } from '../src/app.ts';
import { createStore } from '../src/store/sandbox-store.ts';
import { memoryPersistence } from '../src/store/persistence.ts';
import { summaryState, paymentState, basic } from './fixtures.ts';
const which = process.argv[2] ?? 'summary';
const store = await createStore(memoryPersistence());
const state = which === 'summary' ? summaryState(1000) : paymentState(Number(which));
await store.create(state);
const app = createApp({ store });
const mk = which === 'summary'
  ? () => new Request('http://x/alarm-com/api/billing/summary', { headers: { authorization: basic('user500', 'pass500') } })
  : () => new Request('http://x/alarm-com/api/billing/payments', { method: 'POST', headers: { authorization: basic('payer', 'payer-pass'), 'content-type': 'application/json' }, body: JSON.stringify({ amountCents: 100, billingMethodId: state.billingMethods[0]!.id }) });
for (let i = 0; i < 2000; i++) { const r = await app.fetch(mk()); await r.text(); if (i === 0) console.log(r.status); }
const N = 20000;
const t0 = performance.now();
for (let i = 0; i < N; i++) { const r = await app.fetch(mk()); await r.text(); }
console.log(which, 'us/req', ((performance.now() - t0) * 1000 / N).toFixed(1));
