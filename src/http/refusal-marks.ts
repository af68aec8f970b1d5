// A refusal as coverage sees it: the face's own refusal (`refusal.<face tag>.<code>`) and the behaviour of
// the billing integration it shows, if any (a reason of Billing Not Configured, a refused role...).
import { behavioursOfRefusal } from '../domain/behaviours/of-reads.ts';

/** The id of a face's refusal in the behaviour catalogue. */
export const refusalId = (faceTag: string, code: string): string => `refusal.${faceTag}.${code}`;

export function markRefusal(marks: string[], faceTag: string, err: unknown): void {
  const found =
    typeof err === 'object' && err !== null ? (err as { code?: unknown; title?: unknown; extensions?: unknown }) : {};
  // A refusal has a code and a title (a domain or face error); anything else is a bug, answered as one.
  const code = typeof found.code === 'string' && typeof found.title === 'string' ? found.code : 'internal-error';
  const extensions = typeof found.extensions === 'object' ? (found.extensions as Record<string, unknown>) : undefined;
  // A request the simulator could not complete (its store down, a bug) exercised nothing of the integration,
  // whatever it had marked before failing (a change it computed but could not write).
  if (code === 'store-unavailable' || code === 'internal-error') marks.length = 0;
  marks.push(refusalId(faceTag, code), ...behavioursOfRefusal(code, extensions));
}
