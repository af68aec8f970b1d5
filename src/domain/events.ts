import type { Ctx } from './ids.ts';
import type { SimEvent } from './types.ts';

/** An event of the sandbox timeline, at the command's instant, with the next event id. */
export const event = (ctx: Ctx, type: string, data: Record<string, unknown>): SimEvent => ({
  id: ctx.ids('event'),
  at: ctx.now,
  type,
  data,
});
