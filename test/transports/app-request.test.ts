// Transport (a): in process, through Hono's app.request (no network, no interception).
import { testApp } from '../support/test-app.ts';
import { runBehaviourSuite } from './behaviour-cases.ts';

runBehaviourSuite({
  name: 'app.request',
  async setup() {
    const { app } = await testApp(); // strict: every response is validated against the spec
    return { baseUrl: 'http://trax-sim.local', fetch: (input, init) => Promise.resolve(app.request(input, init)) };
  },
});
