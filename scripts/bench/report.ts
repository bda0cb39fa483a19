// Shared by the bench scripts: describes the machine and writes one section of
// docs/BENCHMARKS.md between markers, leaving the other benchmarks' sections alone.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'

const FILE = new URL('../../docs/BENCHMARKS.md', import.meta.url).pathname

export function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU'
  return `${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Bun ${Bun.version}, ${process.platform}/${process.arch}`
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

export function writeSection(name: string, markdown: string): void {
  const header =
    '# Benchmarks\n\nMeasured by `bun run bench:*`; each run rewrites its own section. Numbers are from the machine named in each section, not promises.\n'
  const text = existsSync(FILE) ? readFileSync(FILE, 'utf8') : header
  const start = `<!-- bench:${name} -->`
  const end = `<!-- /bench:${name} -->`
  const block = `${start}\n${markdown.trim()}\n\n_Run ${new Date().toISOString()} on ${machine()}._\n${end}`
  const re = new RegExp(`${start}[\\s\\S]*?${end}`)
  writeFileSync(FILE, re.test(text) ? text.replace(re, block) : `${text.trimEnd()}\n\n${block}\n`)
  console.log(`wrote section "${name}" of docs/BENCHMARKS.md`)
}
