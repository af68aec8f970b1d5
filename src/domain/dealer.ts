import { toDate } from './dates.ts';
import { byId } from './by-id.ts';
import type { Reader } from './reader.ts';
import { DomainError, invalid, notFound } from './errors.ts';
import type { Ctx } from './ids.ts';
import { requireAmountCents } from './money.ts';
import { mergePatches, type CommandResult, type Patch } from './patch.ts';
import { event } from './events.ts';
import { fallPastDue, fallsPastDue, openingStatus } from './invoice-status.ts';
import { requireDate, resolveLines, type LineInput } from './recurring.ts';
import type { AdcCredential, AdcLogin, Customer, Invoice, IsoDate, Isp, SandboxState, SimEvent } from './types.ts';

// Plain dealer-side (and simulator-control) CRUD. Passwords are stored but never put in events.

export type CreateCustomerInput = { firstName: string; lastName: string; email: string; ispId?: number | null };

export function createCustomer(
  state: Readonly<SandboxState>,
  input: CreateCustomerInput,
  ctx: Ctx,
): CommandResult<Customer> {
  const ispId = input.ispId ?? null;
  if (ispId !== null && !byId(state.isps, ispId)) {
    throw invalid('unknown-isp', 'Unknown Interactive Services Provider', `ISP ${ispId} does not exist.`, [
      { path: '/ispId', message: 'unknown ISP' },
    ]);
  }
  const customer: Customer = {
    id: ctx.ids('customer'),
    firstName: input.firstName,
    lastName: input.lastName,
    email: input.email,
    ispId,
    createdAt: ctx.now,
  };
  const e = event(ctx, 'customer.created', { customerId: customer.id, ispId });
  return { patch: { upsert: { customers: [customer] }, events: [e] }, result: customer };
}

export type IspInput = { name: string; username: string; password: string };

export function createIsp(_state: Readonly<SandboxState>, input: IspInput, ctx: Ctx): CommandResult<Isp> {
  // The integration starts off: only a SecurityTrax employee enables it, through Alarm.com.
  const isp: Isp = {
    id: ctx.ids('isp'),
    ...pick(input),
    billingIntegration: false,
    billingIntegrationEnabledAt: null,
    roleCacheRefreshedAt: null,
  };
  const e = event(ctx, 'isp.created', { ispId: isp.id, name: isp.name, username: isp.username });
  return { patch: { upsert: { isps: [isp] }, events: [e] }, result: isp };
}

const pick = ({ name, username, password }: IspInput): IspInput => ({ name, username, password });

/** Name/credentials only; the billingIntegration flag changes through applyIntegrationChange. */
export function updateIspDetails(
  state: Readonly<SandboxState>,
  ispId: number,
  input: Partial<IspInput>,
  ctx: Ctx,
): CommandResult<Isp> {
  const isp = state.isps.find((i) => i.id === ispId);
  if (!isp) throw notFound('Interactive Services Provider', ispId);
  const changed = (['name', 'username', 'password'] as const).filter(
    (k) => input[k] !== undefined && input[k] !== isp[k],
  );
  if (changed.length === 0) return { patch: {}, result: isp };
  const next: Isp = { ...isp, ...Object.fromEntries(changed.map((k) => [k, input[k]])) };
  const e = event(ctx, 'isp.updated', { ispId, changed });
  return { patch: { upsert: { isps: [next] }, events: [e] }, result: next };
}

export type ManualInvoiceInput = { customerId: number; invoiceDate?: IsoDate; dueDate: IsoDate; lines: LineInput[] };

/** A one-off invoice: never viewable/payable through the Alarm.com Billing Integration. */
export function createManualInvoice(
  state: Readonly<SandboxState>,
  input: ManualInvoiceInput,
  ctx: Ctx,
): CommandResult<Invoice> {
  if (!byId(state.customers, input.customerId)) throw notFound('Customer', input.customerId);
  const invoiceDate = input.invoiceDate ?? toDate(ctx.now);
  requireDate(invoiceDate, '/invoiceDate');
  requireDate(input.dueDate, '/dueDate');
  if (input.dueDate < invoiceDate) {
    throw invalid('due-before-invoice-date', 'Due date before invoice date', 'dueDate cannot be before invoiceDate.', [
      { path: '/dueDate', message: 'must be on or after invoiceDate' },
    ]);
  }
  const lines = resolveLines(state, input.lines);
  const totalCents = requireAmountCents(
    lines.reduce((sum, l) => sum + l.amountCents, 0),
    '/lines',
  );
  const invoice: Invoice = {
    id: ctx.ids('invoice'),
    customerId: input.customerId,
    recurringInvoiceId: null,
    invoiceDate,
    dueDate: input.dueDate,
    lines,
    totalCents,
    balanceCents: totalCents,
    ...openingStatus(totalCents, ctx.now),
    autoPayAttemptedAt: null,
    createdAt: ctx.now,
  };
  const e = event(ctx, 'invoice.created', {
    invoiceId: invoice.id,
    customerId: invoice.customerId,
    recurringInvoiceId: null,
    invoiceDate,
    dueDate: invoice.dueDate,
    totalCents,
  });
  const created: Patch = { upsert: { invoices: [invoice] }, events: [e] };
  // Due before today already: past due from the start, as the clock would have made it.
  if (!fallsPastDue(invoice, ctx.now)) return { patch: created, result: invoice };
  const late = fallPastDue(invoice, ctx);
  return { patch: mergePatches([created, late.patch]), result: late.result };
}

const loginNamed = (state: Readonly<SandboxState>, read: Reader, username: string): boolean =>
  read.where(state.logins, 'loginsByUsername', username).length > 0;

const usernameTaken = (username: string): DomainError =>
  new DomainError('conflict', 'username-taken', 'Username taken', `The username "${username}" is already in use.`);

function requireCustomer(state: Readonly<SandboxState>, customerId: number | null): void {
  if (customerId !== null && !byId(state.customers, customerId)) throw notFound('Customer', customerId);
}

export type LoginInput = { username: string; password: string; customerId?: number | null };

export function createLogin(state: Readonly<SandboxState>, input: LoginInput, ctx: Ctx): CommandResult<AdcLogin> {
  if (loginNamed(state, ctx.read, input.username)) throw usernameTaken(input.username);
  const customerId = input.customerId ?? null;
  requireCustomer(state, customerId);
  const login: AdcLogin = { id: ctx.ids('login'), username: input.username, password: input.password, customerId };
  const e = event(ctx, 'login.created', { loginId: login.id, username: login.username, customerId });
  return { patch: { upsert: { logins: [login] }, events: [e] }, result: login };
}

export type LoginUpdate = { username?: string; password?: string; customerId?: number | null };

/** Links (customerId), unlinks (customerId: null) or renames an end-user login. */
export function updateLogin(
  state: Readonly<SandboxState>,
  loginId: number,
  input: LoginUpdate,
  ctx: Ctx,
): CommandResult<AdcLogin> {
  const login = byId(state.logins, loginId);
  if (!login) throw notFound('Login', loginId);
  if (
    input.username !== undefined &&
    input.username !== login.username &&
    loginNamed(state, ctx.read, input.username)
  ) {
    throw usernameTaken(input.username);
  }
  if (input.customerId !== undefined) requireCustomer(state, input.customerId);
  const next: AdcLogin = {
    ...login,
    username: input.username ?? login.username,
    password: input.password ?? login.password,
    customerId: input.customerId === undefined ? login.customerId : input.customerId,
  };
  const events: SimEvent[] = [];
  if (next.username !== login.username || next.password !== login.password) {
    events.push(event(ctx, 'login.updated', { loginId, username: next.username }));
  }
  if (next.customerId !== login.customerId) {
    events.push(
      next.customerId === null
        ? event(ctx, 'login.unlinked', { loginId, customerId: login.customerId })
        : event(ctx, 'login.linked', { loginId, customerId: next.customerId, previousCustomerId: login.customerId }),
    );
  }
  if (events.length === 0) return { patch: {}, result: login };
  return { patch: { upsert: { logins: [next] }, events }, result: next };
}

export type AdcCredentialInput = { username: string; password: string; roles?: string[] };

export function createAdcCredential(
  state: Readonly<SandboxState>,
  input: AdcCredentialInput,
  ctx: Ctx,
): CommandResult<AdcCredential> {
  if (state.adcCredentials.some((c) => c.username === input.username)) throw usernameTaken(input.username);
  const credential: AdcCredential = {
    id: ctx.ids('adcCredential'),
    username: input.username,
    password: input.password,
    roles: [...new Set(input.roles ?? [])],
    securityTraxSettings: { billingIntegrationEnabled: false, updatedAt: null },
  };
  const e = event(ctx, 'alarm_com_credential.created', {
    credentialId: credential.id,
    username: credential.username,
    roles: credential.roles,
  });
  return { patch: { upsert: { adcCredentials: [credential] }, events: [e] }, result: credential };
}

export function updateAdcCredential(
  state: Readonly<SandboxState>,
  credentialId: number,
  input: { roles?: string[]; password?: string },
  ctx: Ctx,
): CommandResult<AdcCredential> {
  const credential = state.adcCredentials.find((c) => c.id === credentialId);
  if (!credential) throw notFound('Alarm.com credential', credentialId);
  const next: AdcCredential = {
    ...credential,
    roles: input.roles ? [...new Set(input.roles)] : credential.roles,
    password: input.password ?? credential.password,
  };
  const e = event(ctx, 'alarm_com_credential.updated', {
    credentialId,
    roles: next.roles,
    passwordChanged: next.password !== credential.password,
  });
  return { patch: { upsert: { adcCredentials: [next] }, events: [e] }, result: next };
}
