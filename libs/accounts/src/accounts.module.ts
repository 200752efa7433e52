import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { User } from './user.entity.js';
import { BootstrapAdmin, UsersService } from './users.service.js';
import { AuthController } from './auth.controller.js';
import { UsersController } from './users.controller.js';
import { LoginThrottle } from './login-throttle.service.js';
import { OrganiserDirectoryService } from './organiser-directory.service.js';
import { ORGANISER_DIRECTORY } from '@accord/core';

@Module({
  imports: [TypeOrmModule.forFeature([User])],
  controllers: [AuthController, UsersController],
  providers: [
    UsersService,
    BootstrapAdmin,
    LoginThrottle,
    OrganiserDirectoryService,
    { provide: ORGANISER_DIRECTORY, useExisting: OrganiserDirectoryService },
  ],
  exports: [UsersService, ORGANISER_DIRECTORY],
})
export class AccountsModule {}
