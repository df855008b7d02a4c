/// <reference types="custom-functions-runtime" />
/** A small stand-in for the `CustomFunctions` global that Office.js provides inside Excel. */

/** Error codes as Excel shows them. */
export const ErrorCode = {
  invalidValue: '#VALUE!',
  notAvailable: '#N/A',
  divisionByZero: '#DIV/0!',
  invalidNumber: '#NUM!',
  nullReference: '#NULL!',
  invalidName: '#NAME?',
  invalidReference: '#REF!',
} as const;

/** The error a custom function throws to show an Excel error with a message. */
export class StandInError {
  constructor(
    public code: string,
    public message?: string,
  ) {}
}

/** Functions registered through `associate`, by id. */
export const associated = new Map<string, Function>();

/** Installs the stand-in as the global `CustomFunctions` (idempotent). */
export function installCustomFunctions(): void {
  (globalThis as Record<string, unknown>).CustomFunctions = {
    Error: StandInError,
    ErrorCode,
    associate(id: string | Record<string, Function>, fn?: Function) {
      if (typeof id === 'string') associated.set(id, fn!);
      else for (const [k, f] of Object.entries(id)) associated.set(k, f);
    },
  };
}

/** Calls `fn` and returns the Excel error it throws (code and message), or fails when it returns a value. */
export function excelError(fn: () => unknown): { code: string; message: string } {
  try {
    const v = fn();
    throw new Error(`expected an Excel error, got ${JSON.stringify(v)}`);
  } catch (err) {
    if (err instanceof StandInError) return { code: err.code, message: err.message ?? '' };
    throw err;
  }
}

/** Awaits an async function and returns the Excel error it rejects with, or fails when it resolves to a value. */
export async function excelErrorAsync(fn: () => Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    const v = await fn();
    throw new Error(`expected an Excel error, got ${JSON.stringify(v)}`);
  } catch (err) {
    if (err instanceof StandInError) return { code: err.code, message: err.message ?? '' };
    throw err;
  }
}
