// The SecurityTrax face's own refusals; errors.ts renders them (and every other error) as JSON:API errors.
export type ErrorSource = { pointer?: string; parameter?: string; header?: string };

/** A refusal decided by the face itself (media types, keys, tokens, filters, decimals...). */
export class FaceError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    detail: string,
    readonly source?: ErrorSource,
  ) {
    super(detail);
    this.name = 'FaceError';
  }
}
