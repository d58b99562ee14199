#!/usr/bin/env bash
# System packages that @gnnjs/backend-webgpu's tests need (Debian 12 images):
# - chromium: the browser test drives it through playwright-core (no browser
#   download), and chromium-common ships SwiftShader's Vulkan ICD
#   (/usr/lib/chromium/vk_swiftshader_icd.json), the software GPU that Dawn
#   uses in Node on machines without a GPU (the tests point VK_ICD_FILENAMES at it);
# - libvulkan1: the Vulkan loader Dawn (the `webgpu` npm package) opens.
# With CI=true the tests fail, rather than skip, when any of this is missing.
set -euo pipefail
SUDO=
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi
$SUDO apt-get update
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium libvulkan1
