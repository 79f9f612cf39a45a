import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { IdParam, KeysetQueryDto, languageOrFallback } from '@mizan/server/core';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { NotificationListView, NotificationView } from '@mizan/contracts';
import { AuthenticatedRequestContext, CurrentAuth, RequirePermission } from '@mizan/server/identity';
import { NotificationsService } from '@mizan/server/review';

/** Everyone's own in-app notifications; nobody reaches anyone else's (404). */
@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'List the user’s notifications, newest first, a keyset page at a time, with the unread count' })
  @Get()
  list(@CurrentAuth() auth: AuthenticatedRequestContext, @Query() query: KeysetQueryDto): Promise<NotificationListView> {
    return this.notifications.list(auth.user.id, languageOrFallback(auth.user.language), query);
  }

  // Declared before ':id/read' so "read-all" is never taken for an id.
  @RequirePermission('session.own')
  @ApiOperation({ summary: 'Mark all the user’s notifications read' })
  @Post('read-all')
  @HttpCode(200)
  readAll(@CurrentAuth() auth: AuthenticatedRequestContext): Promise<{ marked: number }> {
    return this.notifications.markAllRead(auth.user.id);
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'Mark a notification read' })
  @Post(':id/read')
  @HttpCode(200)
  read(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string): Promise<NotificationView> {
    return this.notifications.markRead(auth.user.id, id, languageOrFallback(auth.user.language));
  }
}
