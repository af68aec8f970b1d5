// `import { server } from 'trax-sim/mocks/node.ts'`: an MSW server answering http://trax-sim.test/*
// with the in-memory demo simulator. Call server.listen() / resetHandlers() / close() in your tests.
import { setupServer } from 'msw/node';
import { handlers } from './handlers.ts';

export const server = setupServer(...handlers);
export { createHandlers, createMockSimulator, defaultSimulator, DEFAULT_BASE_URL, handlers } from './handlers.ts';
