// Apollo Server plugin timing every GraphQL request into the latency histogram, per service and operation.
import type { ApolloServerPlugin } from '@apollo/server';
import { requestDuration } from '../../platform/metrics';

export function metricsPlugin(service: string): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const end = requestDuration.startTimer({ service });
      return {
        async willSendResponse(rc) {
          // Operation names come from clients: bounded length keeps label cardinality in check.
          const operation = (rc.operationName ?? 'anonymous').slice(0, 64);
          const outcome = rc.errors?.length || (rc.response.body.kind === 'single' && rc.response.body.singleResult.errors?.length) ? 'error' : 'ok';
          end({ operation, outcome });
        },
      };
    },
  };
}
