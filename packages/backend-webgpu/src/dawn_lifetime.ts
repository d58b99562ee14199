/**
 * Lets a Node process that used WebGPU through Dawn exit by itself.
 *
 * Why it would not: dawn.node settles its promises by polling
 * (`wgpuInstanceProcessEvents`) from a chain of `setImmediate` callbacks that
 * runs while any Dawn promise is pending, and a `GPUDevice`'s `lost` promise
 * is pending for the device's whole life. Once tfjs holds a device, the chain
 * never ends: Node never exits (and a core spins) until the device is
 * destroyed; and a process that exits with a live device crashes in Dawn's
 * teardown (SIGSEGV or abort).
 *
 * What this does: the immediates Dawn schedules keep the event loop alive only
 * while a promise a caller can await is pending (adapter and device requests,
 * `mapAsync`, `onSubmittedWorkDone`, pipeline creation, error scopes,
 * compilation info). When nothing else is left ('beforeExit'), or when the
 * process exits anyway ('exit': `process.exit`, an uncaught error), every
 * device Dawn created is destroyed, which ends the chain and Dawn's threads.
 * Dawn's immediates are told apart from everyone else's by where they are
 * scheduled: inside a call to one of those methods, or inside one of Dawn's
 * own polling callbacks. An immediate scheduled anywhere else is left alone.
 */

/** The promise-returning members of WebGPU (a closed list in the spec), by interface. */
const ASYNC_METHODS: Readonly<Record<string, readonly string[]>> = {
  GPU: ['requestAdapter'],
  GPUAdapter: ['requestDevice', 'requestAdapterInfo'],
  GPUBuffer: ['mapAsync'],
  GPUQueue: ['onSubmittedWorkDone'],
  GPUDevice: ['createComputePipelineAsync', 'createRenderPipelineAsync', 'popErrorScope'],
  GPUShaderModule: ['getCompilationInfo'],
};

type AnyFunction = (this: unknown, ...args: unknown[]) => unknown;

interface DestroyableDevice {
  destroy(): void;
}

let installed = false;
/** > 0 while Dawn code runs on this thread (a wrapped method or a polling callback). */
let insideDawn = 0;
/** Awaitable Dawn promises not yet settled. */
let pending = 0;
/** Dawn's immediates that have not run yet. */
const queued = new Set<NodeJS.Immediate>();
const devices = new Set<DestroyableDevice>();

function applyRefState(): void {
  for (const immediate of queued) {
    if (pending > 0) immediate.ref();
    else immediate.unref();
  }
}

function trackPromise(promise: Promise<unknown>): void {
  pending++;
  applyRefState();
  const settle = (): void => {
    pending--;
    applyRefState();
  };
  promise.then(settle, settle);
}

function destroyDevices(): void {
  for (const device of devices) {
    try {
      device.destroy();
    } catch {
      // already lost or destroyed
    }
  }
  devices.clear();
}

function wrapSetImmediate(): void {
  const native = globalThis.setImmediate;
  const wrapped = function setImmediate(callback: (...args: unknown[]) => void, ...args: unknown[]): NodeJS.Immediate {
    if (insideDawn === 0) return native(callback, ...args);
    const immediate: NodeJS.Immediate = native(() => {
      queued.delete(immediate);
      insideDawn++;
      try {
        callback(...args);
      } finally {
        insideDawn--;
      }
    });
    queued.add(immediate);
    if (pending === 0) immediate.unref();
    return immediate;
  };
  // Keeps `util.promisify(setImmediate)` and friends working.
  Object.defineProperties(wrapped, Object.getOwnPropertyDescriptors(native));
  globalThis.setImmediate = wrapped as typeof globalThis.setImmediate;
}

function wrapAsyncMethods(globals: Record<string, unknown>): void {
  for (const [interfaceName, methods] of Object.entries(ASYNC_METHODS)) {
    const proto = (globals[interfaceName] as { prototype?: Record<string, unknown> } | undefined)?.prototype;
    if (proto === undefined) continue;
    for (const name of methods) {
      const original = proto[name];
      if (typeof original !== 'function') continue;
      const isDeviceRequest = interfaceName === 'GPUAdapter' && name === 'requestDevice';
      proto[name] = function (this: unknown, ...args: unknown[]): unknown {
        insideDawn++;
        let result: unknown;
        try {
          result = (original as AnyFunction).apply(this, args);
        } finally {
          insideDawn--;
        }
        if (!(result instanceof Promise)) return result;
        const tracked = isDeviceRequest
          ? result.then((device: unknown) => {
              devices.add(device as DestroyableDevice);
              return device;
            })
          : result;
        trackPromise(tracked);
        return tracked;
      };
    }
  }
}

/**
 * Installs the lifetime handling for Dawn's `globals` (the `webgpu` package's
 * export), once per process; call it before the first `create()`.
 */
export function manageDawnLifetime(globals: object): void {
  if (installed) return;
  installed = true;
  wrapSetImmediate();
  wrapAsyncMethods(globals as Record<string, unknown>);
  process.on('beforeExit', destroyDevices);
  process.on('exit', destroyDevices);
}
