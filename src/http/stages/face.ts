// Stage: the operation's face. Loads it on its first request (a lazy face), then renders every error of the
// stages after it in the face's own vocabulary (JSON:API errors, SOAP faults, problem+json): a refusal of the
// sandbox, the body, the parameters or a rule never leaves the face's format, and bad input is never a 500.
import type { Context } from 'hono';
import type { Face } from '../face.ts';
import { markRefusal } from '../refusal-marks.ts';
import type { Req, Served, Stage } from './stage.ts';

export type OnError = (err: unknown, c: Context) => Response;

export const faceStage =
  (face: Face, plainOnError: OnError): Stage =>
  (_op, next) => {
    // The refusal counts in the request's coverage, then the face answers it in its own format.
    const refuse = (r: Req, onError: OnError, err: unknown): Response => {
      if (r.marks) markRefusal(r.marks, face.tag, err);
      return onError(err, r.c);
    };
    const serve = (r: Parameters<typeof next>[0]): Served => {
      const loaded = face.loaded();
      if (!loaded) throw new Error(`The ${face.tag} face was used before it was loaded`);
      r.face = loaded;
      const onError = loaded.onError ?? plainOnError;
      try {
        const res = next(r);
        return res instanceof Promise ? res.catch((err: unknown) => refuse(r, onError, err)) : res;
      } catch (err) {
        return refuse(r, onError, err);
      }
    };
    return (r) => {
      const loading = face.load();
      return loading ? loading.then(() => serve(r)) : serve(r);
    };
  };
