// Test support at the door: fakes the Rust shell's IPC so that unit tests drive the real typed
// client and generated bindings. Imported by *.test.ts files only.
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { commands } from "./bindings";

type Snake<S extends string> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`}${Snake<Tail>}`
  : S;

/** A command's name as the shell knows it (`list_memos`): a misspelt one fails the type check. */
export type ShellCommand = Snake<keyof typeof commands & string>;

export type ShellCall = { cmd: ShellCommand; args: unknown };

/** Answers every command with `handler`; throwing from it rejects the call. Returns the call log. */
export function fakeShell(
  handler: (cmd: ShellCommand, args: Record<string, unknown>) => unknown,
): ShellCall[] {
  const calls: ShellCall[] = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd: cmd as ShellCommand, args });
    return handler(cmd as ShellCommand, (args ?? {}) as Record<string, unknown>);
  });
  return calls;
}

export function removeFakeShell(): void {
  clearMocks();
}
