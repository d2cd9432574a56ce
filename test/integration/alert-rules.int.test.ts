// The alert rules read what the processes really export: every metric a rule names is on /metrics of the
// running stack, every label a rule matches on is one that metric has, and where the app has reported
// samples (the demo data's ingest outcomes, the outbox gauges) each selector matches at least one. The
// rules' own behaviour is tested by promtool (ops/prometheus/alerts.test.yml) when it is installed.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import { registry } from '../../platform/metrics';
import { startTestStack, type TestStack } from '../support/stack';

const ROOT = path.join(__dirname, '..', '..');
const RULES_FILE = path.join(ROOT, 'ops', 'prometheus', 'alerts.yml');
const RULE_TESTS = path.join(ROOT, 'ops', 'prometheus', 'alerts.test.yml');

interface Rule { alert: string; expr: string }
const rules: Rule[] = (parse(fs.readFileSync(RULES_FILE, 'utf8')) as { groups: Array<{ rules: Rule[] }> }).groups.flatMap((g) => g.rules);

interface Matcher { label: string; op: '=' | '!=' | '=~' | '!~'; value: string }
interface Selector { alert: string; metric: string; matchers: Matcher[] }

/** The metric selectors of a PromQL expression: `name{label="v", other=~"a|b"}`. */
function selectorsOf(rule: Rule): Selector[] {
  const out: Selector[] = [];
  for (const m of rule.expr.matchAll(/\b(peoplegraph_[a-z0-9_]+)(\{([^}]*)\})?/g)) {
    const matchers = [...(m[3] ?? '').matchAll(/(\w+)\s*(=~|!~|!=|=)\s*"([^"]*)"/g)].map((x) => ({ label: x[1]!, op: x[2] as Matcher['op'], value: x[3]! }));
    out.push({ alert: rule.alert, metric: m[1]!, matchers });
  }
  return out;
}

function matches(labels: Record<string, string>, m: Matcher): boolean {
  const v = labels[m.label] ?? '';
  const re = new RegExp(`^(?:${m.value})$`);
  return m.op === '=' ? v === m.value : m.op === '!=' ? v !== m.value : m.op === '=~' ? re.test(v) : !re.test(v);
}

/** Samples of the Prometheus text format: metric name and labels. */
function samplesOf(text: string): Array<{ metric: string; labels: Record<string, string> }> {
  return text.split('\n').filter((l) => l && !l.startsWith('#')).map((line) => {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s/.exec(line)!;
    const labels = Object.fromEntries([...(m[3] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1]!, x[2]!]));
    return { metric: m[1]!, labels };
  });
}

const selectors = rules.flatMap(selectorsOf);
let stack: TestStack;
let exposition = '';

beforeAll(async () => {
  // Demo data sends records through the ingest pipeline (one AUTO_MERGED, one REVIEW_QUEUED).
  stack = await startTestStack({ seed: true });
  const url = new URL(stack.gatewayUrl);
  const res = await request(url.origin).get('/metrics');
  expect(res.status).toBe(200);
  exposition = res.text;
});
afterAll(async () => {
  await stack?.stop();
});

it('reads the rules it checks', () => {
  expect(rules.length).toBeGreaterThanOrEqual(10);
  expect(selectors.length).toBeGreaterThanOrEqual(rules.length);
});

it('names only metrics the running processes expose on /metrics', () => {
  const exposed = new Set([...exposition.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]!));
  const missing = [...new Set(selectors.map((s) => s.metric))].filter((name) => !exposed.has(name));
  expect(missing).toEqual([]);
});

it('matches only on labels each metric has', () => {
  const wrong = selectors.flatMap((s) => {
    const metric = registry.getSingleMetric(s.metric) as unknown as { labelNames?: string[] } | undefined;
    const labelNames = metric?.labelNames ?? [];
    return s.matchers.filter((m) => !labelNames.includes(m.label)).map((m) => `${s.alert}: ${s.metric} has no label ${m.label}`);
  });
  expect(wrong).toEqual([]);
});

it('selects samples the app really reports, such as the AUTO_MERGED and REVIEW_QUEUED ingest outcomes', () => {
  const samples = samplesOf(exposition);
  const checked: string[] = [];
  const dead = selectors.filter((s) => s.matchers.length > 0).flatMap((s) => {
    const ofMetric = samples.filter((x) => x.metric === s.metric);
    if (ofMetric.length === 0) return []; // Nothing reported yet (no consumer, no reconciliation run): labels checked above.
    checked.push(`${s.alert}:${s.metric}`);
    return ofMetric.some((x) => s.matchers.every((m) => matches(x.labels, m))) ? [] : [`${s.alert}: ${s.metric}{${s.matchers.map((m) => `${m.label}${m.op}"${m.value}"`).join(',')}}`];
  });
  expect(dead).toEqual([]);
  // The duplicate and review spike rules, and the failing-outbox rule, were among those checked.
  expect(checked).toEqual(expect.arrayContaining([
    'PeopleGraphDuplicateSpike:peoplegraph_ingest_outcomes_total',
    'PeopleGraphReviewSpike:peoplegraph_ingest_outcomes_total',
    'PeopleGraphEventRejected:peoplegraph_outbox_unpublished_events',
  ]));
});

const promtool = spawnSync('promtool', ['--version'], { stdio: 'ignore' }).status === 0;
(promtool ? it : it.skip)('passes promtool: the rules parse and their unit tests hold (ops/prometheus/alerts.test.yml)', () => {
  const check = execFileSync('promtool', ['check', 'rules', RULES_FILE], { encoding: 'utf8' });
  expect(check).toMatch(/SUCCESS: \d+ rules found/);
  const run = spawnSync('promtool', ['test', 'rules', RULE_TESTS], { encoding: 'utf8' });
  expect(`${run.stdout}${run.stderr}`).toMatch(/SUCCESS/);
  expect(run.status).toBe(0);
});
