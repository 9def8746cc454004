// The only place that reads the system time. Everything else receives a Clock.
import type { Clock } from '../app/ports.ts';

export const systemClock: Clock = { now: () => new Date() };

/** A clock that moves only when told to: the shell's simulated time, and tests. */
export class ManualClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current.getTime());
  }
  /** Moves forward (never back) to `to`. */
  set(to: Date): void {
    if (to.getTime() < this.current.getTime()) throw new RangeError('The clock only moves forward.');
    this.current = new Date(to.getTime());
  }
  /** Starts simulated time over (a shell script's first line); never used once events flow. */
  reset(to: Date): void {
    this.current = new Date(to.getTime());
  }
  advance(ms: number): void {
    this.set(new Date(this.current.getTime() + ms));
  }
}
