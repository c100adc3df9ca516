// Errors from the operating system (a full disk, a read-only mount, no permission): the environment's,
// not Carve's. They are said in one line naming the file, never as an internal error.
export function isSystemError(error: unknown): error is NodeJS.ErrnoException & { code: string; syscall: string } {
  const candidate = error as NodeJS.ErrnoException | null;
  return candidate instanceof Error && typeof candidate.code === 'string' && /^E[A-Z0-9]+$/.test(candidate.code) && typeof candidate.syscall === 'string';
}

/** "no space left on device (ENOSPC)", from Node's "ENOSPC: no space left on device, write". */
export function describeSystemError(error: NodeJS.ErrnoException & { code: string }): string {
  const words = /^E[A-Z0-9]+: ([^,]+)/.exec(error.message)?.[1];
  return words ? `${words} (${error.code})` : error.code;
}
