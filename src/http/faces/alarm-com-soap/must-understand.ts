// SOAP's rule for mandatory header blocks: a block addressed to this service, marked mustUnderstand, that the
// service does not know is a MustUnderstand fault, before anything in the Body runs (SOAP 1.1 section 4.2.3,
// SOAP 1.2 part 1 section 5.2.3).
import { DomainError } from '../../../domain/errors.ts';
import { ADC_NS, ENVELOPE_NS, KNOWN_HEADER_BLOCKS, OUR_ROLES, type SoapVersion } from './soap-constants.ts';
import type { HeaderBlock } from './xml-reader.ts';

const isMandatory = (value: string | undefined) => value?.trim() === '1' || value?.trim() === 'true';

/** Throws a `must-understand` fault naming every mandatory block addressed to us that we do not understand. */
export function assertHeadersUnderstood(blocks: readonly HeaderBlock[], version: SoapVersion): void {
  const ns = ENVELOPE_NS[version];
  const roleAttribute = `{${ns}}${version === '1.1' ? 'actor' : 'role'}`;
  const notUnderstood = blocks.filter((block) => {
    if (!isMandatory(block.attributes.get(`{${ns}}mustUnderstand`))) return false;
    const role = block.attributes.get(roleAttribute)?.trim();
    if (role && !OUR_ROLES[version].has(role)) return false;
    return !KNOWN_HEADER_BLOCKS.some((k) => k.local === block.local && k.namespace === block.namespace);
  });
  if (!notUnderstood.length) return;
  const names = notUnderstood.map((b) => (b.namespace ? `${b.local} (namespace ${b.namespace})` : b.local));
  throw new DomainError(
    'bad_request',
    'must-understand',
    'Header not understood',
    `This service does not understand the SOAP header block${names.length > 1 ? 's' : ''} ${names.join(', ')}, marked mustUnderstand; it understands only the Authentication block (namespace ${ADC_NS}).`,
    { notUnderstood: notUnderstood.map(({ local, namespace }) => ({ local, namespace })) },
  );
}
