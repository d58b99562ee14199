#!/usr/bin/env bash
# Sets up everything GNN.js needs on a fresh Debian machine with Node 20:
# the pinned pnpm, the system packages of the WebGPU tests (Chromium's
# SwiftShader Vulkan driver and the Vulkan loader), the workspace's
# dependencies, and a build of every package.
set -euo pipefail
cd "$(dirname "$0")/.."

pnpm_version=$(node -p "require('./package.json').packageManager.split('@')[1]")
if [ "$(pnpm --version 2>/dev/null || true)" != "$pnpm_version" ]; then
  echo "setup: installing pnpm@$pnpm_version"
  npm install -g "pnpm@$pnpm_version" >/dev/null
fi

# WebGPU without a GPU: Dawn (the `webgpu` npm package) and headless Chromium
# both run on SwiftShader, which Debian ships inside its chromium package.
need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
[ -f /usr/lib/chromium/vk_swiftshader_icd.json ] || need_apt+=(chromium)
ldconfig -p 2>/dev/null | grep -q 'libvulkan.so.1' || need_apt+=(libvulkan1)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: apt-get install ${need_apt[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  else
    echo "setup: WebGPU tests need: ${need_apt[*]} (apt-get install as root); they will be skipped without them"
  fi
fi

pnpm install --frozen-lockfile
pnpm build
