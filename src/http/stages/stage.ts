// The pipeline's stages, each a small module: a stage takes the operation it serves and the stage after it,
// and returns how it serves a request. They are composed once per operation, in a straight line
// (pipeline.ts), into the one handler Hono calls: no middleware chain runs per request, and a read that needs
// no await answers without one (every promise hop costs throughput on a server of many small requests).
// Closures made per request stay anonymous (an arrow passed as an argument, never one assigned to a name):
// under tsx every named function made is given its name with a defineProperty, which a hot path feels.
import type { Context } from 'hono';
import type { LoadedFace } from '../face.ts';
import type { Operation } from '../openapi-index.ts';
import type { RequestInput } from '../operation.ts';

export type Served = Response | Promise<Response>;

/** One request as it goes down the stages: what each stage found out, for the ones after it. */
export type Req = {
  readonly c: Context;
  /** The operation's face, once loaded (the face stage). */
  face?: LoadedFace;
  /** The sandbox the request runs against (the sandbox stage). */
  sandbox?: string;
  /** The validated input of the handler (the validate stage). */
  input?: RequestInput;
  /** The behaviours the request exercised, for the coverage the journal stage records. */
  readonly marks?: string[];
};

export type Serve = (r: Req) => Served;
/** A stage of an operation's requests. */
export type Stage = (op: Operation, next: Serve) => Serve;
/** A stage that also sees the requests no operation matches (the journal, the response check). */
export type AnswerStage = (op: Operation | undefined, next: Serve) => Serve;

/** `stages` in order, each calling the next, the last calling `last`. */
export const compose = <O>(op: O, stages: readonly ((op: O, next: Serve) => Serve)[], last: Serve): Serve =>
  stages.reduceRight<Serve>((next, stage) => stage(op, next), last);
