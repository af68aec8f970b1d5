// The text an answer was built from, kept on the Response itself, so the journal records the body without
// cloning or teeing its stream (and without reading `res.headers`, which @hono/node-server builds on first
// use). Every place that builds an API answer from text goes through `textResponse`.

const SENT = Symbol('trax-sim.sentText');

type Sent = { text: string; contentType: string };
type Tagged = Response & { [SENT]?: Sent };

/** A Response of `text` (null: no body) typed `contentType`, remembering both for the journal. */
export function textResponse(
  text: string | null,
  status: number,
  contentType: string,
  headers?: Record<string, string>,
): Response {
  const all: Record<string, string> = headers
    ? { 'content-type': contentType, ...headers }
    : { 'content-type': contentType };
  const res = new Response(text, { status, headers: all }) as Tagged;
  if (text !== null) res[SENT] = { text, contentType: all['content-type']! };
  return res;
}

/** What `textResponse` built `res` from; undefined for an answer without a body or built elsewhere. */
export const sentText = (res: Response): Sent | undefined => (res as Tagged)[SENT];
