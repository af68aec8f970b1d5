// A loaded sandbox as the store holds it: the plain state the rules read, and its timeline kept apart,
// packed (packed-events.ts). What the store hands out and what it writes to disk are made from these two.
import { applyPatch, type OnReplace, type Patch } from '../domain/patch.ts';
import type { SandboxDocument, SandboxState } from '../domain/types.ts';
import { PackedEvents } from './packed-events.ts';

export type Sandbox = { state: SandboxState; events: PackedEvents };

/** The sandbox a whole document (seeded, loaded, replaced) stands for: its events packed, the state without them. */
export function sandboxOf(doc: SandboxDocument): Sandbox {
  const { events, ...state } = doc;
  return { state, events: PackedEvents.from(events) };
}

/** A patch's changes applied to the state and its events appended to the timeline. */
export function applyToSandbox(sandbox: Sandbox, patch: Patch, onReplace?: OnReplace): void {
  applyPatch(sandbox.state, patch, onReplace);
  // One push per event: spreading a month of a big dealer's events would overflow the call stack.
  if (patch.events) for (const e of patch.events) sandbox.events.push(e);
}
