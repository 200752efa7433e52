import { Global, Module } from '@nestjs/common';
import { TokenService } from './token.service.js';

/**
 * Token issuing and verification. The AccessGuard itself is registered by the API app (as APP_GUARD), where the
 * focal-point authenticator exported by the delegations library is visible to it.
 */
@Global()
@Module({ providers: [TokenService], exports: [TokenService] })
export class AuthCoreModule {}
