// Exponential backoff with a cap: attempt 1 waits `baseMs`, each further attempt doubles, never past `maxMs`.
export function nextRetryDelay(attempts: number, baseMs = 500, maxMs = 60_000): number {
  if (attempts <= 0) return 0;
  return Math.min(maxMs, baseMs * 2 ** Math.min(attempts - 1, 30));
}
