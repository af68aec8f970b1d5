import { describe, expect, it } from 'vitest';
import type { Face } from '../face.ts';
import { alarmComSoapFace } from './alarm-com-soap/face.ts';
import { SECURITYTRAX_CREATED, SECURITYTRAX_EAGER, SOAP_EAGER } from './lazy-faces.ts';
import { securityTraxCreated } from './securitytrax/created.ts';
import { createSecurityTraxFace } from './securitytrax/face.ts';
import type { Store } from '../../store/store.ts';
import type { Tokens } from './securitytrax/tokens.ts';

const HOOKS = [
  'sandboxOf',
  'before',
  'readBody',
  'respond',
  'onError',
  'parseResponse',
  'expectedServerError',
  'validateDocument',
] as const;
const hooksOf = (face: Face) => HOOKS.filter((h) => face[h] !== undefined);
const PATHS = [
  '/securitytrax',
  '/securitytrax/default/user/v1/customers',
  '/securitytraxx',
  '/alarm-com/WebServices/CustomerManagement.asmx',
  '/alarm-com/api/billing/summary',
  '/__sim/health',
];

// What a lazy face answers before loading must be what the loaded face would answer.
describe('lazy faces', () => {
  it('the SecurityTrax face: same tag, paths, error schema and hooks as the loaded one', () => {
    const face = createSecurityTraxFace({ store: {} as Store, tokens: {} as Tokens });
    expect(SECURITYTRAX_EAGER.tag).toBe(face.tag);
    expect(SECURITYTRAX_EAGER.errorSchema).toBe(face.errorSchema);
    expect([...SECURITYTRAX_EAGER.hooks].sort()).toEqual(hooksOf(face).sort());
    for (const p of PATHS) expect(SECURITYTRAX_EAGER.owns(p)).toBe(face.owns!(p));
  });

  it('the SOAP face: same tag, paths, error schema and hooks as the loaded one', () => {
    const face = alarmComSoapFace();
    expect(SOAP_EAGER.tag).toBe(face.tag);
    expect('errorSchema' in SOAP_EAGER ? SOAP_EAGER.errorSchema : undefined).toBe(face.errorSchema);
    expect([...SOAP_EAGER.hooks].sort()).toEqual(hooksOf(face).sort());
    for (const p of PATHS) expect(SOAP_EAGER.owns(p)).toBe(face.owns!(p));
  });

  it('the SecurityTrax creating operations: the same operations and resources as the routes render', () => {
    const loaded = Object.fromEntries(Object.entries(securityTraxCreated).map(([op, r]) => [op, r.resource]));
    expect(SECURITYTRAX_CREATED).toEqual(loaded);
  });
});
