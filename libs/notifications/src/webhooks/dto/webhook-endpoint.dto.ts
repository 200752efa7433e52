import { ApiProperty } from '@nestjs/swagger';
import type { WebhookEndpoint } from '../webhook-endpoint.entity.js';

export class WebhookEndpointDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ type: [String] }) kinds!: string[];
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) eventId!: string | null;
  @ApiProperty({ description: 'False once it answered 410 Gone' }) enabled!: boolean;
  @ApiProperty({ nullable: true, type: String }) disabledReason!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static from(endpoint: WebhookEndpoint): WebhookEndpointDto {
    return {
      id: endpoint.id,
      url: endpoint.url,
      description: endpoint.description,
      kinds: endpoint.kinds,
      eventId: endpoint.eventId,
      enabled: endpoint.enabled,
      disabledReason: endpoint.disabledReason,
      createdAt: endpoint.createdAt.toISOString(),
    };
  }
}

/** The answer to a registration: the only time the signing secret is shown. */
export class CreatedWebhookEndpointDto extends WebhookEndpointDto {
  @ApiProperty({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    description: 'Standard Webhooks signing secret. Shown once: store it now.',
  })
  secret!: string;
}
