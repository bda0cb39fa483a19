// The white-label colour check: WCAG contrast maths against known values, the readable text
// colour for every colour tried, and only #rrggbb accepted.
import { describe, expect, test } from 'bun:test'
import { checkBrandColor, contrastRatio, MIN_CONTRAST } from '../../src/tenancy'

describe('brand colour', () => {
  test('contrast ratios match WCAG reference values', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5)
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5)
    // #767676 on white is the classic "just passes AA" grey.
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2)
  })

  test('every colour gets the text colour that reads best on it, at least 4.5:1', () => {
    let seed = 7
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31)
    for (let i = 0; i < 2000; i++) {
      const hex = `#${(next() % 0x1000000).toString(16).padStart(6, '0')}`
      const check = checkBrandColor(hex)
      if (!check.ok) throw new Error(`${hex} refused`)
      const other = check.text === '#ffffff' ? '#000000' : '#ffffff'
      expect(contrastRatio(hex, check.text)).toBeGreaterThanOrEqual(Math.max(MIN_CONTRAST, contrastRatio(hex, other)))
    }
  })

  test('light colours get black text, dark ones white; upper case is normalised', () => {
    expect(checkBrandColor('#FFD700')).toMatchObject({ ok: true, color: '#ffd700', text: '#000000' })
    expect(checkBrandColor('#1a6b3c')).toMatchObject({ ok: true, text: '#ffffff' })
  })

  test('anything but #rrggbb is refused', () => {
    for (const bad of ['green', '#fff', '1a6b3c', '#1a6b3cff', '#1a6b3g', 'url(x)', '#1a6b3c;'])
      expect(checkBrandColor(bad).ok).toBe(false)
  })
})
