// Moddable's MQTT client as the simulator has it: the SDK Client's shape (callbacks, QoS 0, `publish` throws once
// closed, payloads arrive as ArrayBuffers) over the in-process bus, in virtual time. It lets a device node's own
// transport (firmware/net/moddable-mqtt.ts) run on the host beside host nodes. The broker can drop a client.
import type { MqttClient, MqttClientClass, MqttClientOptions } from '../firmware/net/moddable-mqtt';
import type { Transport } from '../firmware/net/node';
import { fromUtf8, utf8 } from '../firmware/net/sha256';
import { topicFor } from '../firmware/net/topics';
import type { Clock } from '../hal/types';
import type { InProcessBus } from './bus';

export interface SimBroker {
  /** The client class a device node's transport constructs. */
  readonly Client: MqttClientClass;
  /** Clients connected now, by node. */
  readonly connected: ReadonlySet<string>;
  /** Whether the broker accepts connections (a down broker refuses them, and drops every client). */
  up: boolean;
  /** Drops a node's connection, as a broker restart or a Wi-Fi loss does: the client is told it closed. */
  drop(node: string): void;
}

const PREFIX = 'launchbay-';

export function createSimBroker(bus: InProcessBus, clock: Clock, connectMs = 5): SimBroker {
  const clients = new Map<string, SimClient>();
  const connected = new Set<string>();

  class SimClient implements MqttClient {
    onReady?: () => void;
    onMessage?: (topic: string, body: ArrayBuffer) => void;
    onClose?: () => void;
    private state: 'connecting' | 'open' | 'closed' = 'connecting';
    private link: Transport | undefined;
    private readonly node: string;
    private readonly topics = new Set<string>();

    constructor(options: MqttClientOptions) {
      if (!options.host) throw new Error('parameter host is required');
      this.node = options.id.startsWith(PREFIX) ? options.id.slice(PREFIX.length) : options.id;
      clients.get(this.node)?.fail(); // the broker drops a client whose id connects again
      clients.set(this.node, this);
      clock.set(() => {
        if (this.state !== 'connecting') return;
        if (!broker.up) { this.fail(); return; }
        this.state = 'open';
        connected.add(this.node);
        this.link = bus.attach(this.node);
        this.link.onMessage((text) => {
          // The broker delivers on the topic it was published to, and only to a client subscribed to it.
          let to: unknown;
          try { to = (JSON.parse(text) as { to?: unknown }).to; } catch { to = this.node; }
          const topic = topicFor(to === '*' ? '*' : this.node);
          if (this.state === 'open' && this.topics.has(topic)) this.onMessage?.(topic, utf8(text).buffer as ArrayBuffer);
        });
        this.onReady?.();
      }, connectMs);
    }

    publish(topic: string, data: string | ArrayBuffer): void {
      if (this.state !== 'open' || !this.link) throw new Error('connection closed');
      const text = typeof data === 'string' ? data : fromUtf8(new Uint8Array(data));
      if (topic === topicFor('*')) this.link.send('*', text);
      else if (topic.startsWith(topicFor(''))) this.link.send(topic.slice(topicFor('').length), text);
      // Status topics are for people watching the broker; no node reads them.
    }

    subscribe(topic: string): void {
      if (this.state !== 'open') throw new Error('connection closed');
      this.topics.add(topic);
    }

    close(): void {
      if (this.state === 'closed') return;
      this.state = 'closed';
      if (clients.get(this.node) === this) { clients.delete(this.node); connected.delete(this.node); bus.detach(this.node); }
    }

    /** The connection failed or was dropped: the SDK's client calls onClose, then closes itself. */
    fail(): void {
      if (this.state === 'closed') return;
      this.onClose?.();
      this.close();
    }
  }

  let up = true;
  const broker: SimBroker = {
    Client: SimClient,
    connected,
    get up() { return up; },
    set up(value: boolean) { up = value; if (!value) for (const c of [...clients.values()]) c.fail(); },
    drop(node) { clients.get(node)?.fail(); },
  };
  return broker;
}
