// Words for numbers, shared by every view so "1 point" and "2 points" read the same everywhere.
// Views cannot import src at runtime (tests/architecture.test.ts), so this lives with them.

/** "1 point", "2 points", "1,250 points": whole counts with their noun. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${Math.abs(n) === 1 ? one : many}`
}
