// Transport (b): the global fetch, intercepted by MSW and answered by the in-memory simulator.
import { setupServer } from 'msw/node';
import { createMockSimulator } from '../../mocks/handlers.ts';
import { recordViolation } from '../support/violations.ts';
import { runBehaviourSuite } from './behaviour-cases.ts';

runBehaviourSuite({
  name: 'MSW (intercepted global fetch)',
  async setup() {
    const sim = await createMockSimulator({
      baseUrl: 'http://trax-sim.test',
      strict: true,
      onViolation: recordViolation,
    });
    const server = setupServer(...sim.handlers);
    server.listen({ onUnhandledRequest: 'error' });
    return { baseUrl: sim.baseUrl, fetch: (input, init) => fetch(input, init), close: () => server.close() };
  },
});
