// Lists and replays the dead-letter stream. A replay republishes the original event on its original
// subject (under a fresh message id, so the server's dedup window does not drop it) and removes the
// dead letter; consumers that already applied the event skip it through their inbox.
import { headers as natsHeaders, type JetStreamManager, type NatsConnection, type StoredMsg } from 'nats';
import { DLQ_HEADERS } from './consumer';
import { DEAD_LETTER_STREAM, ensureStreams } from './streams';

export interface DeadLetter {
  seq: number;
  consumer: string;
  error: string;
  deliveries: number;
  eventId: string | null;
  type: string | null;
  originalSubject: string;
  deadLetteredAt: string;
}

function toDeadLetter(m: StoredMsg): DeadLetter {
  const h = m.header;
  let type: string | null = null;
  try {
    type = (JSON.parse(new TextDecoder().decode(m.data)) as { type?: string }).type ?? null;
  } catch {
    type = null;
  }
  return {
    seq: m.seq,
    consumer: h.get(DLQ_HEADERS.consumer),
    error: h.get(DLQ_HEADERS.error),
    deliveries: Number(h.get(DLQ_HEADERS.deliveries) || 0),
    eventId: h.get(DLQ_HEADERS.eventId) || null,
    type,
    originalSubject: h.get(DLQ_HEADERS.subject),
    deadLetteredAt: m.time.toISOString(),
  };
}

async function storedMessages(jsm: JetStreamManager): Promise<StoredMsg[]> {
  const info = await jsm.streams.info(DEAD_LETTER_STREAM);
  const out: StoredMsg[] = [];
  if (info.state.messages === 0) return out;
  for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
    try {
      out.push(await jsm.streams.getMessage(DEAD_LETTER_STREAM, { seq }));
    } catch {
      // Deleted (already replayed) sequence numbers leave gaps.
    }
  }
  return out;
}

export async function listDeadLetters(nc: NatsConnection, filter: { consumer?: string } = {}): Promise<DeadLetter[]> {
  const jsm = await nc.jetstreamManager();
  await ensureStreams(jsm);
  return (await storedMessages(jsm)).map(toDeadLetter).filter((d) => !filter.consumer || d.consumer === filter.consumer);
}

/** Replays the selected dead letters (all of them when no seq is given); returns the replayed ones. */
export async function replayDeadLetters(nc: NatsConnection, filter: { consumer?: string; seqs?: number[] } = {}): Promise<DeadLetter[]> {
  const jsm = await nc.jetstreamManager();
  await ensureStreams(jsm);
  const js = nc.jetstream();
  const replayed: DeadLetter[] = [];
  for (const m of await storedMessages(jsm)) {
    const d = toDeadLetter(m);
    if (filter.consumer && d.consumer !== filter.consumer) continue;
    if (filter.seqs?.length && !filter.seqs.includes(d.seq)) continue;
    const h = natsHeaders();
    h.set('content-type', 'application/cloudevents+json');
    h.set(DLQ_HEADERS.replayOf, String(d.seq));
    await js.publish(d.originalSubject, m.data, { headers: h, msgID: `replay:${DEAD_LETTER_STREAM}:${d.seq}` });
    await jsm.streams.deleteMessage(DEAD_LETTER_STREAM, d.seq);
    replayed.push(d);
  }
  return replayed;
}
