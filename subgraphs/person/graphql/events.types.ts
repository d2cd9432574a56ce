// GraphQL shape of the change-event feed: the CloudEvents 1.0 envelope, attribute for attribute.
import { ArgsType, Field, Int, ObjectType } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { PageInfo } from '../../shared/pagination';

@ObjectType({ description: 'A change event in CloudEvents 1.0 form — the same envelope the relay publishes to NATS JetStream.' })
export class CloudEvent {
  @Field({ description: 'Event id; also the JetStream message id. Consumers deduplicate by it.' }) id!: string;
  @Field({ description: 'Kind of record the event is about, e.g. urn:peoplegraph:person.' }) source!: string;
  @Field({ description: 'Event type, e.g. PersonUpdated.' }) type!: string;
  @Field() specversion!: string;
  @Field(() => Date, { description: 'When the change was committed (occurred-at).' }) time!: Date;
  @Field({ description: 'Id of the aggregate (person, offer, …) that changed.' }) subject!: string;
  @Field() datacontenttype!: string;
  @Field({ description: 'Names the contract of `data`: urn:peoplegraph:events:<type>:v<version>.' }) dataschema!: string;
  @Field() correlationid!: string;
  @Field(() => String, { nullable: true }) causationid!: string | null;
  @Field({ description: 'Who made the change (user or system client id).' }) actor!: string;
  @Field(() => String, { nullable: true, description: 'System the change came from (CRM, ATS, HRIS, STEWARD).' }) sourcesystem!: string | null;
  @Field(() => Int, { description: 'Version of the payload contract.' }) dataversion!: number;
  @Field() aggregatetype!: string;
  @Field({ description: "The event's number in the outbox, in the order events were written: an event whose transaction committed late carries a lower number than events delivered before it. Page with the cursor, which follows commit order." }) sequence!: string;
  @Field(() => GraphQLJSON, { description: 'The payload: ids and changed attribute names, never personal values (docs/events.md).' }) data!: unknown;
}

@ObjectType()
export class CloudEventEdge {
  @Field(() => CloudEvent) node!: CloudEvent;
  @Field() cursor!: string;
}

@ObjectType()
export class CloudEventConnection {
  @Field(() => [CloudEventEdge]) edges!: CloudEventEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

@ArgsType()
export class EventsArgs {
  @Field(() => String, { nullable: true, description: 'Cursor of the last event already read (endCursor of the previous page).' }) after?: string | null;
  @Field(() => [String], { nullable: true, description: 'Only these event types.' }) types?: string[] | null;
  @Field(() => Int, { nullable: true, defaultValue: 50 }) first?: number;
}
