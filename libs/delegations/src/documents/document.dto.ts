import { ApiProperty } from '@nestjs/swagger';
import { DOCUMENT_CONTENT_TYPES, DocumentKind, type DelegationDocument } from './delegation-document.entity.js';

export class DocumentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: DocumentKind }) kind!: DocumentKind;
  @ApiProperty() fileName!: string;
  @ApiProperty({ enum: DOCUMENT_CONTENT_TYPES }) contentType!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty({ description: 'Hex SHA-256 of the content' }) sha256!: string;
  @ApiProperty({ enum: ['organiser', 'focal-point'] }) uploadedBy!: string;
  @ApiProperty({ format: 'date-time' }) uploadedAt!: string;

  static from(d: DelegationDocument): DocumentDto {
    return {
      id: d.id,
      kind: d.kind,
      fileName: d.fileName,
      contentType: d.contentType,
      sizeBytes: d.sizeBytes,
      sha256: d.sha256,
      uploadedBy: d.uploadedByKind,
      uploadedAt: d.createdAt.toISOString(),
    };
  }
}
