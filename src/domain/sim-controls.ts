import type { Ctx } from './ids.ts';
import type { CommandResult } from './patch.ts';
import type { Faults, SandboxSettings, SandboxState } from './types.ts';

// The simulator's own knobs are state too: changing them is a command with an event, like any other.

export function updateSettings(state: Readonly<SandboxState>, input: Partial<SandboxSettings>, ctx: Ctx): CommandResult<SandboxSettings> {
  const settings = { ...state.settings, ...input };
  return { patch: { settings, events: [{ id: ctx.ids('event'), at: ctx.now, type: 'settings.updated', data: { ...input } }] }, result: settings };
}

export function setFaults(state: Readonly<SandboxState>, input: Partial<Faults>, ctx: Ctx): CommandResult<Faults> {
  const faults = { ...state.faults, ...input };
  return { patch: { faults, events: [{ id: ctx.ids('event'), at: ctx.now, type: 'faults.updated', data: { ...input } }] }, result: faults };
}
