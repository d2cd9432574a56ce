// The `dataQuality` query: aggregate figures for the business side, no personal values.
import { Ctx, Field, Float, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../shared/context';
import { SourceSystem } from '../../shared/enums';
import { getDataQuality } from '../use-cases/data-quality';

@ObjectType({ description: 'People and source records that one system contributes (merged-away people excluded).' })
export class SystemDataCount {
  @Field(() => SourceSystem) system!: SourceSystem;
  @Field(() => Int, { description: 'Golden people with at least one source record from the system.' }) people!: number;
  @Field(() => Int) sourceRecords!: number;
  @Field(() => Int, { description: "Attribute values of the system's records that failed validation: kept raw on the source record with the reason, left out of matching and survivorship." })
  flaggedValues!: number;
}

@ObjectType({ description: 'Data quality of the golden records, computed when asked.' })
export class DataQuality {
  @Field(() => Int, { description: 'Golden people (merged-away records excluded).' }) people!: number;
  @Field(() => Float, { description: 'Share (0–1) of people with a pending match review (as record or candidate) or created next to a weak candidate (CREATED_FLAGGED).' })
  suspectedDuplicateRate!: number;
  @Field(() => Int, { description: 'Match reviews waiting for a data steward.' }) reviewBacklog!: number;
  @Field(() => Float, { nullable: true, description: 'Age in seconds of the oldest pending review; null when there is none.' }) oldestReviewAgeSeconds!: number | null;
  @Field(() => Float, { nullable: true, description: 'Median age in seconds of the pending reviews; null when there is none.' }) medianReviewAgeSeconds!: number | null;
  @Field(() => Int, { description: 'Golden person values present (a non-empty list counts once).' }) goldenValues!: number;
  @Field(() => Int, { description: 'Golden values whose provenance names an event the audit log holds.' }) goldenValuesWithProvenance!: number;
  @Field(() => Float, { description: 'goldenValuesWithProvenance / goldenValues (1 when there are no values).' }) auditReadiness!: number;
  @Field(() => [SystemDataCount]) bySystem!: SystemDataCount[];
  @Field(() => Date) measuredAt!: Date;
}

@Resolver()
export class DataQualityResolver {
  @Query(() => DataQuality, { description: 'Duplicate rate, review backlog and its age, audit readiness, and counts per system.' })
  dataQuality(@Ctx() ctx: RequestContext) {
    return getDataQuality(ctx);
  }
}
