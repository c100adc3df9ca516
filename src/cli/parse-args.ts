// Argument parsers for commander options. Commander reports a bad value as
// "carve: error: option '--x <n>' argument 'y' is invalid. ..." and main() turns it into exit 2.
import { InvalidArgumentError } from 'commander';

export function parsePositiveInt(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new InvalidArgumentError(`'${value}' is not a positive whole number.`);
  return parsed;
}

export function parseNonNegativeNumber(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) throw new InvalidArgumentError(`'${value}' is not a number >= 0.`);
  return parsed;
}
