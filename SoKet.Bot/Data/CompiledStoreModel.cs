using Microsoft.EntityFrameworkCore.Metadata;

namespace SoKet.Bot.Data;

/// <summary>
/// A provider's model compiled ahead of time (<c>dotnet ef dbcontext optimize</c>, scripts/compile-models.sh), used
/// instead of building the model from OnModelCreating at every start. It is registered from outside Data/
/// (CompiledModels/), because a compiled model names every feature's entities.
/// </summary>
public sealed record CompiledStoreModel(string Provider, IModel Model);
