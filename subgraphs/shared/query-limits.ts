// Operation limits, the same at the gateway and in every subgraph: depth, aliases, directives, tokens
// and static cost are checked while parsing and validating, so an abusive operation is refused before
// any resolver (and so any SQL) runs. Long lists in variables are refused before execution too.
// Field suggestions ("Did you mean …?") and introspection are off in production; CSRF prevention is on.
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type ValidationRule } from 'graphql';
import type { Config } from '../../platform/config';

/** Longest list accepted anywhere in the variables (a batch ingest, a list of ids). */
export const MAX_LIST_ITEMS = 1000;

function longestList(value: unknown, depth = 0): number {
  if (depth > 20 || value === null || typeof value !== 'object') return 0;
  if (Array.isArray(value)) return Math.max(value.length, ...value.map((v) => longestList(v, depth + 1)));
  return Math.max(0, ...Object.values(value).map((v) => longestList(v, depth + 1)));
}

/** Refuses variables carrying a list longer than MAX_LIST_ITEMS, before the operation executes. */
export function listLimitPlugin(maxItems = MAX_LIST_ITEMS): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request }) {
          if (longestList(request.variables ?? {}) > maxItems) {
            throw new GraphQLError(`Lists in variables are limited to ${maxItems} items`, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
          }
        },
      };
    },
  };
}

export interface QueryLimitOptions {
  plugins: ApolloServerPlugin[];
  validationRules: ValidationRule[];
  allowBatchedHttpRequests: false;
  introspection: boolean;
  hideSchemaDetailsFromClientErrors: boolean;
  csrfPrevention: true;
}

/** ApolloServer options to spread into the gateway's and each subgraph's constructor. */
export function queryLimitOptions(config: Config): QueryLimitOptions {
  const production = config.nodeEnv === 'production';
  const l = config.queryLimits;
  const armor = new ApolloArmor({
    maxDepth: { n: l.maxDepth, ignoreIntrospection: true },
    maxAliases: { n: l.maxAliases },
    maxDirectives: { n: l.maxDirectives },
    maxTokens: { n: l.maxTokens },
    costLimit: { maxCost: l.maxCost, ignoreIntrospection: true },
    blockFieldSuggestion: { enabled: production },
  }).protect();
  return {
    plugins: [...armor.plugins, listLimitPlugin()],
    validationRules: armor.validationRules,
    allowBatchedHttpRequests: false,
    introspection: !production,
    hideSchemaDetailsFromClientErrors: production,
    csrfPrevention: true,
  };
}
