#!/usr/bin/env bash
# Adds a migration named NAME for both store providers, each into its own folder, with the dotnet-ef pinned in
# .config/dotnet-tools.json:  scripts/add-migration.sh NAME
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: scripts/add-migration.sh NAME   (e.g. AddAdminRoles)}"
dotnet tool restore >/dev/null
# Without the compiled models: after an entity changed they may no longer compile (compile-models.sh writes them below).
dotnet build SoKet.Bot -nologo -clp:NoSummary -v:quiet -p:SoKetCompiledModels=false
for provider in Sqlite PostgreSql; do
  dotnet tool run dotnet-ef migrations add "$name" --project SoKet.Bot --no-build \
    --context "${provider}SoKetDbContext" --output-dir "Data/Migrations/$provider" --namespace "SoKet.Bot.Data.Migrations.$provider"
  # The running bot applies the migrations its provider lists (Data/ListedMigrationsAssembly.cs): list this one last.
  list="SoKet.Bot/Data/Migrations/$provider/${provider}Migrations.cs"
  sed -i "s/^    \];\$/        typeof($name),\n    ];/" "$list"
  grep -q "typeof($name)," "$list" || { echo "could not list $name in $list: add it there by hand" >&2; exit 1; }
done
# The running bot's compiled models follow the entities the migration was made for.
"$(dirname "$0")/compile-models.sh" --no-build >/dev/null
echo "Added $name for SQLite and PostgreSQL and wrote their compiled models; review both, then build and run ./test.sh."
