// Points are whole integers; anything that could produce a fraction rounds down before it gets here.
export function assertPoints(n: number): number {
  if (!Number.isSafeInteger(n)) throw new RangeError('points must be a safe integer')
  return n
}

export const formatPoints = (n: number) => `${n.toLocaleString('en-US')} pt${Math.abs(n) === 1 ? '' : 's'}`
