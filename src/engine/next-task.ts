/**
 * Resolves in a task of its own, after the tasks already queued: a MessageChannel hop, which (unlike a 0 ms
 * timer) is never clamped to 4 ms. Used where long work yields so newer messages can run first.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
