import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { notFound } from '@accord/core';
import { Participant } from './participant.entity.js';
import type { ParticipantQueryDto } from './dto/participant-query.dto.js';

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

@Injectable()
export class ParticipantsService {
  constructor(@InjectRepository(Participant) private readonly participants: Repository<Participant>) {}

  /** The whole (filtered) catalogue, by English name: ~200 rows, small enough for a form's drop-down. */
  async list(query: ParticipantQueryDto): Promise<Participant[]> {
    const qb = this.participants.createQueryBuilder('p').orderBy('p.kind', 'DESC').addOrderBy('p.name_en', 'ASC');
    if (query.kind) qb.andWhere('p.kind = :kind', { kind: query.kind });
    if (query.regionalGroup) qb.andWhere('p.regional_group = :group', { group: query.regionalGroup });
    const text = query.q?.trim();
    if (text) {
      qb.andWhere(
        `(p.code = upper(:exact) OR p.alpha2 = upper(:exact)
          OR EXISTS (SELECT 1 FROM jsonb_each_text(p.names) AS n WHERE n.value ILIKE :like))`,
        { exact: text, like: `%${escapeLike(text)}%` },
      );
    }
    return qb.getMany();
  }

  async getByCode(code: string): Promise<Participant> {
    const participant = await this.participants.findOneBy({ code: code.toUpperCase() });
    if (!participant) throw notFound('Participant', code);
    return participant;
  }
}
