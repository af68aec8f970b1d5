import type { Face } from './face.ts';
import type { OpHandler } from './operation.ts';

// Under tsx every module costs start-up time (resolved, transformed and source-mapped one by one): the
// SecurityTrax and SOAP faces were 29 of the 122 loaded before a first answer, and the first request
// (health, the Billing API) does not need them. A lazy face answers `tag`, `owns` and `errorSchema` at
// once and imports the rest on its first request: the pipeline awaits `load()` before it calls any other
// hook (src/http/pipeline.ts).

type Hook =
  | 'sandboxOf'
  | 'before'
  | 'readBody'
  | 'respond'
  | 'onError'
  | 'parseResponse'
  | 'expectedServerError'
  | 'validateDocument';

export type LoadedFace<H> = { face?: Face; handlers: H };

export type LazyFace<H> = {
  /** undefined for a face-less bundle (handlers only). */
  face: Face | undefined;
  /** Each handler imports the bundle on its first call, then calls the loaded one. */
  handlers: H;
};

/**
 * `hooks` names the hooks the loaded face has (the pipeline decides from their presence, before loading);
 * `load` imports the face's modules and builds the face and its handlers, once.
 */
export function lazyFace<H extends Record<string, OpHandler>>(
  eager: (Pick<Face, 'tag' | 'owns' | 'errorSchema'> & { hooks: readonly Hook[] }) | undefined,
  operationIds: readonly (keyof H & string)[],
  load: () => Promise<LoadedFace<H>>,
): LazyFace<H> {
  let loaded: LoadedFace<H> | undefined;
  let loading: Promise<void> | undefined;
  const ready = (): Promise<void> | undefined =>
    loaded
      ? undefined
      : (loading ??= load().then(
          (l) => void (loaded = l),
          (err: unknown) => {
            loading = undefined; // the next request tries again
            throw err;
          },
        ));
  const handlers = {} as Record<string, OpHandler>;
  for (const id of operationIds) {
    handlers[id] = (input) => {
      const wait = ready();
      return wait ? wait.then(() => loaded!.handlers[id]!(input)) : loaded!.handlers[id]!(input);
    };
  }
  if (!eager) return { face: undefined, handlers: handlers as H };
  const { hooks, ...fixed } = eager;
  const face: Face = { ...fixed, load: ready };
  const loadedFace = (): Face => {
    if (!loaded?.face) throw new Error(`The ${eager.tag} face was used before it was loaded`);
    return loaded.face;
  };
  const delegate = face as Record<Hook, unknown>;
  for (const hook of hooks)
    delegate[hook] = (...args: unknown[]) => (loadedFace()[hook] as (...a: unknown[]) => unknown)(...args);
  return { face, handlers: handlers as H };
}
