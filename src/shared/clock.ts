// Time is a dependency: the shell passes a Clock, pure code receives `now` as a value.
export type Clock = () => Date
export const systemClock: Clock = () => new Date()
