#!/usr/bin/env bash
# Writes the models compiled ahead of time (SoKet.Bot/CompiledModels/<provider>) from OnModelCreating, with the
# dotnet-ef pinned in .config/dotnet-tools.json. The running bot uses them instead of building its model at every
# start; CompiledModelTests fail when an entity changed and this was not run. scripts/add-migration.sh runs it too,
# with --no-build (it has just built the app the way this script would).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
# Built without the models it replaces (after an entity changed they may no longer compile), then built whole again.
[ "${1:-}" = --no-build ] || dotnet build SoKet.Bot -nologo -clp:NoSummary -v:quiet -p:SoKetCompiledModels=false
for provider in Sqlite PostgreSql; do
  rm -rf "SoKet.Bot/CompiledModels/$provider"
  dotnet tool run dotnet-ef dbcontext optimize --project SoKet.Bot --no-build \
    --context "${provider}SoKetDbContext" --output-dir "CompiledModels/$provider" --namespace "SoKet.Bot.CompiledModels.$provider"
done
dotnet build SoKet.Bot -nologo -clp:NoSummary -v:quiet
echo "Wrote SoKet.Bot/CompiledModels for SQLite and PostgreSQL; build and run ./test.sh."
