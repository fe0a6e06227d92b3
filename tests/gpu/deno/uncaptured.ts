/**
 * Imported first by a Deno entry, for its side effect: every device the engine requests reports validation
 * errors raised outside its error scopes into `uncaptured`, which the entry's report carries.
 */
export const uncaptured: string[] = [];

const requestDevice = GPUAdapter.prototype.requestDevice;
GPUAdapter.prototype.requestDevice = async function (this: GPUAdapter, descriptor?: GPUDeviceDescriptor) {
  const device = await requestDevice.call(this, descriptor);
  device.addEventListener('uncapturederror', (e) => {
    uncaptured.push((e as GPUUncapturedErrorEvent).error.message);
  });
  return device;
};
