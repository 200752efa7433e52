import { Injectable } from '@nestjs/common';

/**
 * The time scheduling rules compare against: whether a slot has passed, whether a reminder is still ahead. One
 * injectable source, so tests set the time instead of waiting for it.
 */
@Injectable()
export class SchedulingClock {
  now(): Date {
    return new Date();
  }
}
