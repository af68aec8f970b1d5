// The SecurityTrax (JSON:API) and Alarm.com SOAP faces with their routes, imported on their first request
// (see ../lazy-face.ts): what answers without them is only their tag, the paths they own and the schema of
// their errors, checked against the loaded faces by lazy-faces.test.ts.
import type { SandboxView } from '../../domain/reader.ts';
import type { IdempotentResourceType } from '../../domain/types.ts';
import type { AlarmComWebServices } from '../../services/alarm-com-web-services.ts';
import type { CommandRunner } from '../../services/command-runner.ts';
import type { DealerService } from '../../services/dealer-service.ts';
import type { Store } from '../../store/store.ts';
import type { Face } from '../face.ts';
import type { CreatedRenderers } from '../idempotency.ts';
import { lazyFace } from '../lazy-face.ts';
import type { OpenApiIndex } from '../openapi-index.ts';
import type { Auth, Handlers } from '../operation.ts';
import { WEB_SERVICES_PREFIX } from './alarm-com-soap/soap-constants.ts';
import type { Tokens, WallClock } from './securitytrax/tokens.ts';

export const SECURITYTRAX_EAGER = {
  tag: 'SecurityTrax',
  owns: (path: string) => path === '/securitytrax' || path.startsWith('/securitytrax/'),
  errorSchema: '#/components/schemas/StErrorDocument',
  hooks: ['sandboxOf', 'before', 'readBody', 'respond', 'onError', 'validateDocument'],
} as const;

export const SOAP_EAGER = {
  tag: 'AlarmComWebServices',
  owns: (path: string) => path.startsWith(WEB_SERVICES_PREFIX),
  hooks: ['readBody', 'respond', 'onError', 'parseResponse', 'expectedServerError'],
} as const;

/** The face's creating operations (Idempotency-Key) and what each creates; rendered by the loaded routes. */
export const SECURITYTRAX_CREATED = {
  createCustomer: 'customers',
  createIsp: 'isps',
  createRecurringInvoice: 'recurringInvoices',
  createInvoice: 'invoices',
  createBillingMethod: 'billingMethods',
  createPayment: 'payments',
} as const satisfies Record<string, IdempotentResourceType>;

const SECURITYTRAX_SIM_OPS = [
  'listIntegratorKeys',
  'createIntegratorKey',
  'listPersonalAccessTokens',
  'createPersonalAccessToken',
] as const;

export type LazyFacesDeps = {
  index: OpenApiIndex;
  store: Store;
  runner: CommandRunner;
  dealer: DealerService;
  adc: AlarmComWebServices;
  stateOf: (sandbox: string) => SandboxView;
  wallClock?: WallClock;
  /** Signs the temporary SecurityTrax tokens (tokens.ts). */
  tokenSecret: string | Buffer;
  log?: (line: string) => void;
};

export function lazyFaces({ index, store, runner, dealer, adc, stateOf, wallClock, tokenSecret, log }: LazyFacesDeps): {
  faces: Face[];
  handlers: Partial<Handlers>;
  /**
   * The 201 renderers of the face's creating operations, for Idempotency-Key replays: the loaded routes'
   * own (securityTraxCreated). A replay follows its operation's route, which loaded the face.
   */
  created: CreatedRenderers;
  /** The securityTraxToken scheme; only its operations use it, so their face is loaded by then. */
  verifyToken: (sandbox: string, header: string | undefined) => Auth;
} {
  const opsOf = (tag: string) => index.operations.filter((op) => op.tags[0] === tag).map((op) => op.operationId);
  // One token store per app, shared by the face (bearer check), its routes (authenticate) and /__sim.
  let tokens: Tokens | undefined;
  let renderers: CreatedRenderers | undefined;
  const tokensOf = async (): Promise<Tokens> =>
    (tokens ??= (await import('./securitytrax/tokens.ts')).createTokens({
      store,
      now: wallClock,
      secret: tokenSecret,
    }));
  const securityTrax = lazyFace(SECURITYTRAX_EAGER, opsOf(SECURITYTRAX_EAGER.tag), async () => {
    const [{ createSecurityTraxFace }, { securityTraxRoutes }, { securityTraxCreated }, t] = await Promise.all([
      import('./securitytrax/face.ts'),
      import('./securitytrax/routes.ts'),
      import('./securitytrax/created.ts'),
      tokensOf(),
    ]);
    renderers = securityTraxCreated as unknown as CreatedRenderers;
    return {
      face: createSecurityTraxFace({ store, tokens: t, log }),
      handlers: securityTraxRoutes({ dealer, stateOf, tokens: t }) as Record<string, Handlers[keyof Handlers]>,
    };
  });
  const securityTraxSim = lazyFace(undefined, SECURITYTRAX_SIM_OPS, async () => {
    const [{ securityTraxSimRoutes }] = await Promise.all([import('./securitytrax/sim-routes.ts'), tokensOf()]);
    return { handlers: securityTraxSimRoutes(runner) };
  });
  const soap = lazyFace(SOAP_EAGER, opsOf(SOAP_EAGER.tag), async () => {
    const [{ alarmComSoapFace }, { alarmComSoapRoutes }] = await Promise.all([
      import('./alarm-com-soap/face.ts'),
      import('./alarm-com-soap/routes.ts'),
    ]);
    return {
      face: alarmComSoapFace({ log }),
      handlers: alarmComSoapRoutes(adc, stateOf) as Record<string, Handlers[keyof Handlers]>,
    };
  });
  const created: CreatedRenderers = {};
  for (const [operationId, resource] of Object.entries(SECURITYTRAX_CREATED)) {
    created[operationId] = {
      resource,
      render: (state, entity, base) => {
        if (!renderers?.[operationId])
          throw new Error(`${operationId} replayed before the SecurityTrax face was loaded`);
        return renderers[operationId].render(state, entity, base);
      },
    };
  }
  return {
    faces: [securityTrax.face!, soap.face!],
    created,
    handlers: { ...securityTrax.handlers, ...securityTraxSim.handlers, ...soap.handlers } as Partial<Handlers>,
    verifyToken: (sandbox, header) => {
      if (!tokens) throw new Error('SecurityTrax tokens checked before the face was loaded');
      return tokens.verify(sandbox, header);
    },
  };
}
