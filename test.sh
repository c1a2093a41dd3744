#!/usr/bin/env bash
# Placeholder during scaffolding; replaced below in the same change.
set -euo pipefail
dotnet build SoKet.sln
