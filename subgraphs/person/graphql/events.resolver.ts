// The `events` query: the change log without NATS, cursor-paginated.
import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../shared/context';
import { listEvents } from '../use-cases/events';
import { CloudEventConnection, EventsArgs } from './events.types';

@Resolver()
export class EventsResolver {
  @Query(() => CloudEventConnection, {
    description: 'Every committed change as a CloudEvent, in commit order. Pass the last endCursor as `after` to read on; an empty page keeps its cursor.',
  })
  events(@Args() args: EventsArgs, @Ctx() ctx: RequestContext) {
    return listEvents(ctx, args);
  }
}
