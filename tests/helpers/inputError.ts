import { expect } from 'vitest';
import { InputError } from '../../core/errors';

/** Runs `fn`, asserts that it throws an InputError and returns that error. */
export function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return err as InputError;
  }
  throw new Error('expected an InputError');
}

/** The message of the InputError that `fn` throws (fails the test when it throws nothing or something else). */
export function inputErrorMessage(fn: () => unknown): string {
  return inputError(fn).message;
}

/** The message of the InputError that the promise rejects with. */
export async function rejectedInputErrorMessage(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
  throw new Error('expected an InputError');
}
