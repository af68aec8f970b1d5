// Stage: the sandbox. Chosen by the URL's /sandboxes/{name} prefix, else the face's own URL (SecurityTrax's
// {profile}), else X-Sandbox, else `default`; made current before anything reads it (loaded; on a shared
// store, caught up with the other instances), so every stage and handler after reads it synchronously. The
// answer waits until what it may show is written (Store.unwritten): a crash never takes back what an answer
// showed. With nothing pending, the common read, this stays synchronous.
import type { SandboxAccess } from '../../services/sandbox-access.ts';
import { headerOf } from '../read-request.ts';
import { sandboxOfPrefix } from '../sandbox-prefix.ts';
import type { Req, Served, Stage } from './stage.ts';

export const sandboxStage =
  (sandboxes: SandboxAccess): Stage =>
  (op, next) => {
    // The sandbox list and a sandbox named in the path may show any sandbox, not only the request's.
    const showsAny = op.path.startsWith('/__sim/sandboxes');
    const whenWritten = (res: Response, shows: string | undefined): Served => {
      const wait = sandboxes.unwritten(shows);
      return wait ? wait.then(() => res) : res;
    };
    const answer = (r: Req, shows: string | undefined): Served => {
      const res = next(r);
      return res instanceof Promise ? res.then((x) => whenWritten(x, shows)) : whenWritten(res, shows);
    };
    return (r) => {
      const { c } = r;
      const sandbox = sandboxes.nameOf(sandboxOfPrefix(c) ?? r.face?.sandboxOf?.(c) ?? headerOf(c, 'x-sandbox'));
      r.sandbox = sandbox;
      const syncing = op.usesSandbox ? sandboxes.sync(sandbox) : undefined;
      return syncing
        ? syncing.then(() => answer(r, showsAny ? undefined : sandbox))
        : answer(r, showsAny ? undefined : sandbox);
    };
  };
