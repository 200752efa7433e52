import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, QueryFailedError, Repository } from 'typeorm';
import { AuditService } from '@accord/audit';
import { APP_CONFIG, AppError, notFound, page, type AppConfig, type Page, type PageQueryDto } from '@accord/core';
import { User } from './user.entity.js';
import { CreateUserDto, UpdateUserDto } from './dto/user.dto.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password-hasher.js';
import { OrganiserDirectoryService } from './organiser-directory.service.js';
import { newTotpSecret, totpUri, verifyTotp } from './totp.js';

const isUniqueViolation = (error: unknown) =>
  error instanceof QueryFailedError && (error as { code?: string }).code === '23505';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly directory: OrganiserDirectoryService,
  ) {}

  /** Saves and records the change in the audit trail, in one transaction; password hashes are never recorded. */
  private async saveAudited(user: User, action: string, before?: User): Promise<User> {
    const snapshot = (u: User | undefined) =>
      u && {
        email: u.email,
        displayName: u.displayName,
        roles: u.roles,
        active: u.active,
        password: u.passwordHash,
        totpSecret: u.totpSecret,
        totpEnabled: u.totpEnabled,
      };
    if (user.id) this.directory.forget(user.id);
    return this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(user);
      await this.audit.record(manager, {
        action,
        entityType: 'user',
        entityId: saved.id,
        before: snapshot(before),
        after: snapshot(saved),
      });
      return saved;
    });
  }

  async list(query: PageQueryDto): Promise<Page<User>> {
    const [items, total] = await this.users.findAndCount({
      order: { createdAt: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    return page(items, total, query);
  }

  async get(id: string): Promise<User> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw notFound('User', id);
    return user;
  }

  async create(dto: CreateUserDto): Promise<User> {
    try {
      return await this.saveAudited(
        this.users.create({
          email: dto.email.toLowerCase(),
          displayName: dto.displayName,
          roles: dto.roles,
          passwordHash: await hashPassword(dto.password),
        }),
        'user.created',
      );
    } catch (error) {
      if (isUniqueViolation(error))
        throw new AppError(409, 'USER.ALREADY_EXISTS', `An account for ${dto.email} already exists`);
      throw error;
    }
  }

  async update(id: string, dto: UpdateUserDto): Promise<User> {
    const user = await this.get(id);
    const before = { ...user };
    if (dto.email !== undefined) user.email = dto.email.toLowerCase();
    if (dto.displayName !== undefined) user.displayName = dto.displayName;
    if (dto.roles !== undefined) user.roles = dto.roles;
    if (dto.active !== undefined) user.active = dto.active;
    if (dto.password !== undefined) user.passwordHash = await hashPassword(dto.password);
    try {
      return await this.saveAudited(user, 'user.updated', before);
    } catch (error) {
      if (isUniqueViolation(error))
        throw new AppError(409, 'USER.ALREADY_EXISTS', `An account for ${dto.email} already exists`);
      throw error;
    }
  }

  /** Returns the active user whose password matches, or null; takes the same time whether or not the account exists. */
  async authenticate(email: string, password: string): Promise<User | null> {
    const user = await this.users.findOneBy({ email: email.toLowerCase() });
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
    return ok && user?.active ? user : null;
  }

  /** Starts TOTP enrolment: a new secret, stored but not yet required until confirmed with a code. */
  async startTotp(userId: string): Promise<{ secret: string; otpauthUri: string }> {
    const user = await this.get(userId);
    if (user.totpEnabled)
      throw new AppError(
        409,
        'AUTH.TOTP_ALREADY_ENABLED',
        'A second factor is already enabled; ask an admin to reset it',
      );
    const before = { ...user };
    user.totpSecret = newTotpSecret();
    await this.saveAudited(user, 'user.totp_enrolment_started', before);
    return { secret: user.totpSecret, otpauthUri: totpUri(user.email, user.totpSecret) };
  }

  async confirmTotp(userId: string, code: string): Promise<void> {
    const user = await this.get(userId);
    if (!user.totpSecret || user.totpEnabled)
      throw new AppError(409, 'AUTH.TOTP_NOT_PENDING', 'Start TOTP enrolment first');
    if (!(await verifyTotp(user.totpSecret, code)))
      throw new AppError(422, 'AUTH.TOTP_CODE_WRONG', 'The code does not match');
    const before = { ...user };
    user.totpEnabled = true;
    await this.saveAudited(user, 'user.totp_enabled', before);
  }

  /** Admin reset for a lost device. */
  async resetTotp(userId: string): Promise<User> {
    const user = await this.get(userId);
    const before = { ...user };
    user.totpEnabled = false;
    user.totpSecret = null;
    return this.saveAudited(user, 'user.totp_reset', before);
  }

  async checkTotp(user: User, code: string): Promise<boolean> {
    return Boolean(user.totpSecret) && verifyTotp(user.totpSecret!, code);
  }

  /** Creates or updates the bootstrap organiser account from ADMIN_EMAIL / ADMIN_PASSWORD. */
  async ensureAdmin(email: string, password: string): Promise<void> {
    const normalized = email.toLowerCase();
    const existing = await this.users.findOneBy({ email: normalized });
    if (existing) {
      if (
        !(await verifyPassword(existing.passwordHash, password)) ||
        !existing.roles.includes('admin') ||
        !existing.active
      ) {
        existing.passwordHash = await hashPassword(password);
        existing.roles = Array.from(new Set([...existing.roles, 'admin' as const]));
        existing.active = true;
        await this.users.save(existing);
      }
      return;
    }
    await this.users
      .createQueryBuilder()
      .insert()
      .values({
        email: normalized,
        displayName: 'Administrator',
        roles: ['admin'],
        passwordHash: await hashPassword(password),
      })
      .orIgnore()
      .execute();
  }
}

/** At API start-up, makes sure the bootstrap admin from the environment exists (once PostgreSQL is reachable). */
@Injectable()
export class BootstrapAdmin implements OnApplicationBootstrap {
  private readonly logger = new Logger('BootstrapAdmin');

  constructor(
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { adminEmail, adminPassword } = this.config;
    if (!adminEmail || !adminPassword) return;
    try {
      await this.users.ensureAdmin(adminEmail, adminPassword);
      this.logger.log('bootstrap admin account is in place');
    } catch (error) {
      this.logger.warn(`could not ensure the bootstrap admin account yet: ${(error as Error).message}`);
    }
  }
}
