import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { OrganiserDirectory, Role } from '@accord/core';
import { User } from './user.entity.js';

const CACHE_MS = 5_000;

/** Current roles of organiser accounts for the access guard, cached briefly per process. */
@Injectable()
export class OrganiserDirectoryService implements OrganiserDirectory {
  private readonly cache = new Map<string, { roles: Role[] | null; until: number }>();

  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  async currentRoles(userId: string): Promise<Role[] | null> {
    const cached = this.cache.get(userId);
    if (cached && cached.until > Date.now()) return cached.roles;
    const user = await this.users.findOne({ where: { id: userId }, select: { id: true, roles: true, active: true } });
    const roles = user?.active ? user.roles : null;
    this.cache.set(userId, { roles, until: Date.now() + CACHE_MS });
    return roles;
  }

  /** Called when an account changes in this process, so the change applies to the very next request. */
  forget(userId: string): void {
    this.cache.delete(userId);
  }
}
