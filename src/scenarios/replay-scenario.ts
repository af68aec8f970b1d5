// One scenario replayed step by step against a fresh in-memory simulator, built by the app factory it is
// given (createApp, from runner.ts and scenario-seeder.ts; a test may give another).
import { checkInvariants } from '../domain/invariants.ts';
import { compiledSpec } from '../http/compiled-spec.ts';
import { PROBLEM_BASE } from '../http/problem.ts';
import type { ResponseViolation } from '../http/response-validation.ts';
import { buildState } from '../seeds/build-state.ts';
import { withGeneratedCount } from '../seeds/generate.ts';
import { memoryPersistence } from '../store/persistence.ts';
import { createStore } from '../store/sandbox-store.ts';
import { checkExpectations, type Reply } from './expectations.ts';
import type { components } from '../generated/openapi.ts';
import { runCoverageOf } from './run-coverage.ts';
import type { ScenarioLibrary } from '../services/scenario-library.ts';
import type { Store } from '../store/store.ts';
import type { Scenario, ScenarioReport, Step, StepReport } from './scenario-types.ts';
import { isSoapResponse, soapReplyBody } from './soap-step.ts';
import { securityTraxSession, isSecurityTraxOp } from './securitytrax-step.ts';
import { buildRawRequest } from './raw-step.ts';
import { buildCallRequest, StepError } from './step-request.ts';
import { interpolate, pick, type Variables } from './variables.ts';

const SANDBOX = 'scenario';

type Coverage = components['schemas']['Coverage'];

function stepName(step: Step, index: number): string {
  if (step.name) return step.name;
  if (step.call) return `${step.call}${step.as ? ` as ${step.as}` : ''}`;
  if (step.request) return `${step.request.method} ${step.request.path}`;
  if (step.advance) return `advance ${typeof step.advance === 'string' ? step.advance : `to ${step.advance.to}`}`;
  if (step.fault) return `fault ${JSON.stringify(step.fault)}`;
  if (step.settings) return `settings ${JSON.stringify(step.settings)}`;
  return `check ${index + 1}`;
}

/** What the runner needs of createApp: an app over a store, validating every response. */
export type AppFactory = (options: {
  store: Store;
  strict: boolean;
  onViolation: (v: ResponseViolation) => void;
  scenarios: ScenarioLibrary;
}) => {
  fetch(request: Request): Response | Promise<Response>;
};

export type RunOptions = {
  /** Resize the scenario's generated population (given.generate.count), e.g. to replay it at 100,000. */
  count?: number;
  /** The store to replay on (default: a fresh one in memory); closed when the replay ends. */
  openStore?: () => Promise<Store>;
};

/** Replays one scenario against a fresh in-memory simulator, through the same Hono app as the server. */
export async function replayScenario(
  file: Scenario,
  options: RunOptions & { createApp: AppFactory; scenarios: ScenarioLibrary },
): Promise<ScenarioReport> {
  const scenario =
    options.count === undefined ? file : { ...file, given: withGeneratedCount(file.given, options.count) };
  const started = performance.now();
  const store = await (options.openStore ?? (() => createStore(memoryPersistence())))();
  const violations: ResponseViolation[] = [];
  const app = options.createApp({
    store,
    strict: true,
    onViolation: (v) => violations.push(v),
    scenarios: options.scenarios,
  });
  const steps: StepReport[] = [];
  let vars: Variables = {};
  try {
    const built = buildState(SANDBOX, { kind: 'scenario', name: scenario.name }, scenario.given);
    vars = { sandbox: SANDBOX, ...built.refs };
    await store.create(built.state);
  } catch (err) {
    steps.push({
      index: 0,
      name: 'given',
      passed: false,
      durationMs: 0,
      message: `the starting state could not be built: ${(err as Error).message}`,
      expected: null,
      actual: null,
    });
    return { name: scenario.name, file: scenario.file, passed: false, durationMs: performance.now() - started, steps };
  }
  const send = async (req: Request): Promise<Reply> => {
    const res = await app.fetch(req);
    const text = await res.text();
    if (isSoapResponse(res)) return { status: res.status, body: soapReplyBody(text) };
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* keep the text */
    }
    return { status: res.status, body };
  };
  const dealer = securityTraxSession(scenario.given, SANDBOX, send);
  const sim = (method: string, path: string, body: unknown) =>
    send(
      new Request(`http://trax-sim.local${path}`, {
        method,
        headers: { 'x-sandbox': SANDBOX, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );

  for (const [index, raw] of scenario.steps.entries()) {
    const t0 = performance.now();
    const name = stepName(raw, index);
    let report: Omit<StepReport, 'index' | 'name' | 'durationMs'>;
    try {
      const step = interpolate(raw, vars);
      const eventsBefore = store.events(SANDBOX).length;
      violations.length = 0;
      let reply: Reply | null = null;
      if (step.call) {
        const dealerHeaders = isSecurityTraxOp(compiledSpec().index.byId.get(step.call))
          ? await dealer.headers(step.as)
          : undefined;
        reply = await send(buildCallRequest(step, scenario.given, SANDBOX, dealerHeaders));
        if (dealerHeaders && reply.status === 401) dealer.forget();
      } else if (step.request) {
        const dealerHeaders = step.as === 'dealer' ? await dealer.headers('dealer') : undefined;
        reply = await send(buildRawRequest(step.request, step.as, scenario.given, SANDBOX, dealerHeaders));
        if (dealerHeaders && reply.status === 401) dealer.forget();
      } else if (step.advance)
        reply = await sim(
          'POST',
          '/__sim/clock/advance',
          typeof step.advance === 'string' ? { by: step.advance } : step.advance,
        );
      else if (step.fault) reply = await sim('PUT', '/__sim/faults', step.fault);
      else if (step.settings) reply = await sim('PATCH', '/__sim/settings', step.settings);
      for (const [variable, dotted] of Object.entries(step.save ?? {})) {
        const value = pick(reply?.body, dotted);
        if (value === undefined)
          throw new StepError(
            `save ${variable}: the response has nothing at "${dotted}" (status ${reply?.status}: ${JSON.stringify(reply?.body).slice(0, 300)})`,
          );
        vars[variable] = value;
      }
      const timeline = store.events(SANDBOX);
      const emitted: string[] = [];
      for (let i = eventsBefore; i < timeline.length; i++) emitted.push(timeline.typeAt(i));
      report = await checkExpectations({
        step,
        reply,
        emitted,
        given: scenario.given,
        send: (r) => send(r),
        sandbox: SANDBOX,
        problemBase: PROBLEM_BASE,
        dealerHeaders: () => dealer.headers('dealer'),
      });
      const broken = checkInvariants(store.require(SANDBOX), store.events(SANDBOX));
      const extra = [
        ...violations.map(
          (v) => `response violates the spec: ${v.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`,
        ),
        ...broken.map((b) => `invariant broken: ${b}`),
      ];
      if (extra.length)
        report = { ...report, passed: false, message: [report.message, ...extra].filter(Boolean).join('; ') };
    } catch (err) {
      const message = err instanceof StepError || err instanceof Error ? err.message : String(err);
      report = { passed: false, message: `step could not run: ${message}`, expected: null, actual: null };
    }
    steps.push({ index: index + 1, name, durationMs: Math.round((performance.now() - t0) * 100) / 100, ...report });
  }
  // What the run exercised, read before its simulator is thrown away (an app without coverage has none).
  const read = await app.fetch(
    new Request('http://trax-sim.local/__sim/coverage', { headers: { 'x-sandbox': SANDBOX } }),
  );
  const coverage = read.status === 200 ? runCoverageOf((await read.json()) as Coverage) : undefined;
  await store.close();
  return {
    name: scenario.name,
    file: scenario.file,
    passed: steps.every((s) => s.passed),
    durationMs: Math.round((performance.now() - started) * 100) / 100,
    ...(coverage ? { coverage } : {}),
    steps,
  };
}
