// Test support at the door: fakes the Rust shell's IPC so that unit tests drive the real typed
// client and generated bindings. Imported by *.test.ts files only.
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";

export type ShellCall = { cmd: string; args: unknown };

/** Answers every command with `handler`; throwing from it rejects the call. Returns the call log. */
export function fakeShell(
  handler: (cmd: string, args: Record<string, unknown>) => unknown,
): ShellCall[] {
  const calls: ShellCall[] = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    return handler(cmd, (args ?? {}) as Record<string, unknown>);
  });
  return calls;
}

export function removeFakeShell(): void {
  clearMocks();
}
