// CSV in both directions (RFC 4180), pure. Written here rather than pulled in: the whole job is
// quoting, one state machine and one guard, and the guard is the part that matters.

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading
 * apostrophe, so an exported "=HYPERLINK(…)" from a customer's name stays text (OWASP CSV
 * injection). A plain number stays as it is, signed or not ("+14155550101", "-5"): a spreadsheet
 * reads it as a number and runs nothing, and a phone number must survive a round trip.
 */
export function csvCell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return ''
  if (typeof v !== 'string') return String(v)
  const safe = /^[=+\-@\t\r]/.test(v) && !/^[+-]?\d+(\.\d+)?$/.test(v) ? `'${v}` : v
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

export const csvLine = (cells: (string | number | boolean | null | undefined)[]) =>
  `${cells.map(csvCell).join(',')}\r\n`

const QUOTE = 34
const COMMA = 44
const LF = 10
const CR = 13
const ENDS_PLAIN_RUN: Record<number, true> = { [COMMA]: true, [LF]: true, [CR]: true }

/**
 * Parses a whole CSV text into rows of cells. Quoted fields may hold commas, quotes ("") and
 * line breaks; CRLF and LF both end a row; a byte-order mark is ignored; blank lines are
 * skipped. Returns the 1-based line where each row started, for error messages. Runs of plain
 * characters are sliced rather than added one by one: a 100k-row import file parses in a
 * fraction of the time.
 */
export function parseCsv(text: string): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = []
  let cells: string[] = []
  let cell = ''
  let line = 1
  let rowLine = 1
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const n = s.length
  const endRow = () => {
    cells.push(cell)
    if (cells.length > 1 || cells[0] !== '') rows.push({ line: rowLine, cells })
    cells = []
    cell = ''
  }
  let i = 0
  while (i < n) {
    const c = s.charCodeAt(i)
    if (c === QUOTE && cell === '') {
      // A quoted run: up to the next lone quote; "" is one quote; line breaks are content.
      i++
      for (;;) {
        const q = s.indexOf('"', i)
        const end = q < 0 ? n : q
        for (let k = s.indexOf('\n', i); k >= 0 && k < end; k = s.indexOf('\n', k + 1)) line++
        cell += s.slice(i, end)
        if (q < 0) {
          i = n
          break
        }
        if (s.charCodeAt(q + 1) === QUOTE) {
          cell += '"'
          i = q + 2
        } else {
          i = q + 1
          break
        }
      }
    } else if (c === COMMA) {
      cells.push(cell)
      cell = ''
      i++
    } else if (c === LF || c === CR) {
      i += c === CR && s.charCodeAt(i + 1) === LF ? 2 : 1
      endRow()
      line++
      rowLine = line
    } else {
      let j = i + 1
      while (j < n && !ENDS_PLAIN_RUN[s.charCodeAt(j)]) j++
      cell += s.slice(i, j)
      i = j
    }
  }
  if (cell !== '' || cells.length) endRow()
  return rows
}
