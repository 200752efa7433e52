import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, ApiProblems, PageQueryDto, type Page } from '@accord/core';
import { CreateUserDto, UpdateUserDto, UserDto } from './dto/user.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Access('admin')
  @ApiOperation({ summary: 'List organiser accounts' })
  async list(@Query() query: PageQueryDto): Promise<Page<UserDto>> {
    const result = await this.users.list(query);
    return { ...result, items: result.items.map(UserDto.from) };
  }

  @Post()
  @Access('admin')
  @ApiOperation({ summary: 'Create an organiser account' })
  @ApiCreatedResponse({ type: UserDto })
  @ApiProblems(400, 409)
  async create(@Body() dto: CreateUserDto): Promise<UserDto> {
    return UserDto.from(await this.users.create(dto));
  }

  @Get(':userId')
  @Access('admin')
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(400, 404)
  async get(@Param('userId', ParseUUIDPipe) id: string): Promise<UserDto> {
    return UserDto.from(await this.users.get(id));
  }

  @Patch(':userId')
  @Access('admin')
  @ApiOperation({ summary: 'Change an account: name, roles, password, or deactivate it' })
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(400, 404, 409)
  async update(@Param('userId', ParseUUIDPipe) id: string, @Body() dto: UpdateUserDto): Promise<UserDto> {
    return UserDto.from(await this.users.update(id, dto));
  }
}
