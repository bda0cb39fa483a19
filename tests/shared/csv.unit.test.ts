import { describe, expect, test } from 'bun:test'
import fc from 'fast-check'
import { csvLine, parseCsv } from '../../src/shared/csv'

describe('csv', () => {
  test('cells a spreadsheet would execute stay text; numbers stay numbers', () => {
    expect(csvLine(['=HYPERLINK("http://x")', '+1 555', '-2+3', '@sum', 'plain', -5, null])).toBe(
      `"'=HYPERLINK(""http://x"")",'+1 555,'-2+3,'@sum,plain,-5,\r\n`,
    )
    // A plain signed number runs nothing, and a phone number must come back unchanged.
    expect(csvLine(['+14155550101', '-12', '+1.5'])).toBe('+14155550101,-12,+1.5\r\n')
  })

  test('round trip: commas, quotes and line breaks inside cells', () => {
    const rows = [
      ['a,b', 'say "hi"', 'two\nlines'],
      ['x', '', 'z'],
    ]
    expect(parseCsv(rows.map(csvLine).join('')).map((r) => r.cells)).toEqual(rows)
  })

  test('any cells survive a round trip, quotes, commas and line breaks included', () => {
    // Cells a spreadsheet would run get an apostrophe on the way out, so they start otherwise here.
    const cell = fc
      .string({ unit: fc.constantFrom('a', ' ', ',', '"', '\n', '\r', 'é', '0') })
      .filter((c) => !c.startsWith('\r'))
    const row = fc.array(cell, { minLength: 2, maxLength: 5 })
    fc.assert(
      fc.property(fc.array(row, { maxLength: 8 }), (rows) => {
        expect(parseCsv(rows.map(csvLine).join('')).map((r) => r.cells)).toEqual(rows)
      }),
      { numRuns: 2_000 },
    )
  })

  test('CRLF or LF, a BOM and blank lines; each row knows the line it started on', () => {
    const parsed = parseCsv('\ufeffphone,points\r\n+15550001,10\n\n"multi\nline",5\n')
    expect(parsed).toEqual([
      { line: 1, cells: ['phone', 'points'] },
      { line: 2, cells: ['+15550001', '10'] },
      { line: 4, cells: ['multi\nline', '5'] },
    ])
  })
})
