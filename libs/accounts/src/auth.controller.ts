import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import {
  Access,
  ANY_ORGANISER,
  ApiProblems,
  AppError,
  CurrentCaller,
  TokenService,
  type Caller,
  type OrganiserCaller,
} from '@accord/core';
import { AccessTokenDto, LoginDto, TotpCodeDto, TotpEnrolmentDto } from './dto/login.dto.js';
import { UserDto } from './dto/user.dto.js';
import { UsersService } from './users.service.js';
import { LoginThrottle } from './login-throttle.service.js';

const invalidCredentials = () => new AppError(401, 'AUTH.INVALID_CREDENTIALS', 'The email or password is wrong');

function organiser(caller: Caller): OrganiserCaller {
  if (caller.kind !== 'organiser') throw new AppError(401, 'AUTH.UNAUTHENTICATED', 'Valid credentials are required');
  return caller;
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottle,
  ) {}

  @Post('login')
  @HttpCode(200)
  @Access('anyone')
  @ApiOperation({
    summary: 'Exchange an organiser email and password (and TOTP code, once enabled) for a short-lived access token',
    description:
      'Repeated failures lock the account and the client out for exponentially longer (429 with Retry-After).',
  })
  @ApiOkResponse({ type: AccessTokenDto })
  @ApiProblems(400, 401, 429)
  async login(@Body() dto: LoginDto, @Req() request: FastifyRequest): Promise<AccessTokenDto> {
    await this.throttle.assertAllowed(dto.email, request.ip);
    const user = await this.users.authenticate(dto.email, dto.password);
    if (!user) {
      await this.throttle.recordFailure(dto.email, request.ip);
      throw invalidCredentials();
    }
    if (user.totpEnabled) {
      if (!dto.totpCode) throw new AppError(401, 'AUTH.TOTP_REQUIRED', 'This account needs its six-digit TOTP code');
      if (!(await this.users.checkTotp(user, dto.totpCode))) {
        await this.throttle.recordFailure(dto.email, request.ip);
        throw invalidCredentials();
      }
    }
    await this.throttle.recordSuccess(dto.email, request.ip);
    return this.tokens.issue(user.id, user.roles);
  }

  @Get('me')
  @Access(...ANY_ORGANISER)
  @ApiOperation({ summary: 'The organiser account behind the access token' })
  @ApiOkResponse({ type: UserDto })
  async me(@CurrentCaller() caller: Caller): Promise<UserDto> {
    return UserDto.from(await this.users.get(organiser(caller).userId));
  }

  @Post('totp')
  @Access(...ANY_ORGANISER)
  @ApiOperation({ summary: 'Start enrolling a TOTP second factor: returns the secret once' })
  @ApiCreatedResponse({ type: TotpEnrolmentDto })
  @ApiProblems(409)
  async startTotp(@CurrentCaller() caller: Caller): Promise<TotpEnrolmentDto> {
    return this.users.startTotp(organiser(caller).userId);
  }

  @Post('totp/confirm')
  @HttpCode(204)
  @Access(...ANY_ORGANISER)
  @ApiOperation({ summary: 'Confirm enrolment with a current code; from then on login requires a code' })
  @ApiNoContentResponse()
  @ApiProblems(400, 409, 422)
  async confirmTotp(@CurrentCaller() caller: Caller, @Body() dto: TotpCodeDto): Promise<void> {
    await this.users.confirmTotp(organiser(caller).userId, dto.code);
  }

  @Delete('totp/:userId')
  @Access('admin')
  @ApiOperation({ summary: "Reset an organiser's second factor (lost device)" })
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(400, 404)
  async resetTotp(@Param('userId', ParseUUIDPipe) userId: string): Promise<UserDto> {
    return UserDto.from(await this.users.resetTotp(userId));
  }
}
