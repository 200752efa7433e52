import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, ANY_ORGANISER, ApiProblems, AppError, CurrentCaller, TokenService, type Caller } from '@accord/core';
import { AccessTokenDto, LoginDto } from './dto/login.dto.js';
import { UserDto } from './dto/user.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: TokenService,
  ) {}

  @Post('login')
  @HttpCode(200)
  @Access('anyone')
  @ApiOperation({ summary: 'Exchange an organiser email and password for a short-lived access token' })
  @ApiOkResponse({ type: AccessTokenDto })
  @ApiProblems(400, 401, 429)
  async login(@Body() dto: LoginDto): Promise<AccessTokenDto> {
    const user = await this.users.authenticate(dto.email, dto.password);
    if (!user) throw new AppError(401, 'AUTH.INVALID_CREDENTIALS', 'The email or password is wrong');
    return this.tokens.issue(user.id, user.roles);
  }

  @Get('me')
  @Access(...ANY_ORGANISER)
  @ApiOperation({ summary: 'The organiser account behind the access token' })
  @ApiOkResponse({ type: UserDto })
  async me(@CurrentCaller() caller: Caller): Promise<UserDto> {
    if (caller.kind !== 'organiser') throw new AppError(401, 'AUTH.UNAUTHENTICATED', 'Valid credentials are required');
    return UserDto.from(await this.users.get(caller.userId));
  }
}
