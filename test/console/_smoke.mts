import { testApp } from '../support/test-app.ts';
const t = await testApp();
for (const p of ['/', '/billing?login=1', '/billing?login=3', '/billing?login=4', '/billing/pay?login=1', '/billing/method?login=1', '/billing/payments?login=1', '/billing/bills?login=1', '/dealer', '/time', '/billing?login=99', '/billing?sandbox=NOPE']) {
  const r = await t.app.request(p);
  const text = await r.text();
  console.log(p, r.status, r.headers.get('content-type'), text.length, text.replace(/<style[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 600));
}
