// Stage: the sandbox. Chosen by the URL's /sandboxes/{name} prefix, else the face's own URL (SecurityTrax's
// {profile}), else X-Sandbox, else `default`; made current before anything reads it (loaded; on a shared
// store, caught up with the other instances), so every stage and handler after reads it synchronously. The
// answer waits until what it may show is written (Store.unwritten): a crash never takes back what an answer
// showed. With nothing pending, the common read, this stays synchronous.
import type { SandboxAccess } from '../../services/sandbox-access.ts';
import { headerOf } from '../read-request.ts';
import { sandboxOfPrefix } from '../sandbox-prefix.ts';
import { andThen, type Stage } from './stage.ts';

export const sandboxStage =
  (sandboxes: SandboxAccess): Stage =>
  (op, next) => {
    // The sandbox list and a sandbox named in the path may show any sandbox, not only the request's.
    const showsAny = op.path.startsWith('/__sim/sandboxes');
    return (r) => {
      const { c } = r;
      const sandbox = sandboxes.nameOf(sandboxOfPrefix(c) ?? r.face?.sandboxOf?.(c) ?? headerOf(c, 'x-sandbox'));
      r.sandbox = sandbox;
      const shows = showsAny ? undefined : sandbox;
      const answer = () =>
        andThen(next(r), (res) => {
          const wait = sandboxes.unwritten(shows);
          return wait ? wait.then(() => res) : res;
        });
      const syncing = op.usesSandbox ? sandboxes.sync(sandbox) : undefined;
      return syncing ? syncing.then(answer) : answer();
    };
  };
