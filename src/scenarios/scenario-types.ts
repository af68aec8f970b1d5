import type { FaultsUpdate } from '../domain/sim-controls.ts';
import type { SandboxSettings } from '../domain/types.ts';
import type { Setup } from '../seeds/setup.ts';

// The shape of a scenario file (validated by scenarios/scenario.schema.json before anything runs).

type Expectation = {
  status?: number;
  problem?: string;
  reasons?: string[];
  body?: unknown;
  balances?: { as: string } & Record<string, unknown>;
  invoices?: Record<string, string | { status?: string; balanceCents?: number }>;
  events?: string[];
  noEvents?: string[];
};

export type RawRequest = {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  repeat?: number;
};

export type Step = {
  name?: string;
  advance?: string | { to: string };
  call?: string;
  /** A raw request (bad input): sent as written; `body` repeated `repeat` times. */
  request?: RawRequest;
  as?: string;
  params?: Record<string, unknown>;
  headers?: Record<string, string>;
  body?: unknown;
  save?: Record<string, string>;
  fault?: FaultsUpdate;
  settings?: Partial<SandboxSettings>;
  expect?: Expectation;
};

export type Scenario = { name: string; description: string; given: Setup; steps: Step[]; file: string };

import type { ScenarioReport } from '../services/scenario-library.ts';

export type { ScenarioReport };
export type StepReport = ScenarioReport['steps'][number];
