import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { OrganiserDirectory, Role } from '@accord/core';
import { User } from './user.entity.js';

const CACHE_MS = 5_000;

/** Current roles of organiser accounts for the access guard, cached briefly per process. */
@Injectable()
export class OrganiserDirectoryService implements OrganiserDirectory {
  /** The lookup itself is cached, so a burst of requests from one account when its entry expires reads once. */
  private readonly cache = new Map<string, { roles: Promise<Role[] | null>; until: number }>();

  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  async currentRoles(userId: string): Promise<Role[] | null> {
    const cached = this.cache.get(userId);
    if (cached && cached.until > Date.now()) return cached.roles;
    const entry = { roles: this.read(userId), until: Date.now() + CACHE_MS };
    this.cache.set(userId, entry);
    entry.roles.catch(() => this.cache.get(userId) === entry && this.cache.delete(userId)); // retried next time
    return entry.roles;
  }

  private async read(userId: string): Promise<Role[] | null> {
    const user = await this.users.findOne({ where: { id: userId }, select: { id: true, roles: true, active: true } });
    return user?.active ? user.roles : null;
  }

  /** Called when an account changes in this process, so the change applies to the very next request. */
  forget(userId: string): void {
    this.cache.delete(userId);
  }
}
