// The bus's MQTT topics, the same on the host (mqtt.js) and on a board (Moddable's client): one per node for what
// is addressed to it, one for everyone, and a retained status per node. Nothing else is retained: a retained
// message or a last will is at most a hint, never evidence.
const PREFIX = 'launchbay';

export const topicFor = (to: string) => (to === '*' ? `${PREFIX}/all` : `${PREFIX}/node/${to}`);
export const statusTopic = (node: string) => `${PREFIX}/status/${node}`;
