// CarveError is for the user's mistakes (bad path, bad config, bad flags): the CLI prints it as one
// line and exits 2. Problems inside the analyzed code are Diagnostics, never errors.
export class CarveError extends Error {
  readonly code: string;
  readonly hint: string | undefined;

  constructor(code: string, message: string, hint?: string) {
    super(message);
    this.name = 'CarveError';
    this.code = code;
    this.hint = hint;
  }
}

export function isCarveError(value: unknown): value is CarveError {
  return value instanceof CarveError;
}
