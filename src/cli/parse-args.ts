// Argument parsers for commander options: every value is checked when the command line is read, before
// any work. Commander reports a bad value as
// "carve: error: option '--x <n>' argument 'y' is invalid. ..." and main() turns it into exit 2.
import { InvalidArgumentError } from 'commander';

export function parsePositiveInt(value: string): number {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed <= 0) throw new InvalidArgumentError(`'${value}' is not a positive whole number.`);
  return parsed;
}

/** A finite number above 0 (Louvain's resolution: 0 would put everything in one context). */
export function parsePositiveNumber(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new InvalidArgumentError(`'${value}' is not a number > 0.`);
  return parsed;
}

/** A share in (0, 1]: the range the contexts stage accepts (src/contexts/options.ts). */
export function parseShare(value: string): number {
  const parsed = Number(value);
  if (!(parsed > 0 && parsed <= 1)) throw new InvalidArgumentError(`'${value}' is not a share in (0, 1], such as 0.75.`);
  return parsed;
}

/** 'config', 'folders:<depth>' with a depth of 1 or more, or a file (whose content is read later). */
export function parseCompare(value: string): string {
  if (value.startsWith('folders:') && !/^folders:[1-9]\d*$/.test(value)) {
    throw new InvalidArgumentError(`'${value}' is not folders:<depth> with a depth of 1 or more, such as folders:2.`);
  }
  return value;
}
