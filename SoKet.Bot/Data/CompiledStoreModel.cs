using Microsoft.EntityFrameworkCore.Metadata;

namespace SoKet.Bot.Data;

/// <summary>
/// A provider's model compiled ahead of time (<c>dotnet ef dbcontext optimize</c>, scripts/compile-models.sh), used
/// instead of building the model from OnModelCreating at every start. It is registered from outside Data/
/// (CompiledModels/), because a compiled model names every feature's entities. The model is built on first use:
/// only the active provider's is ever loaded (the other one would load its provider's assemblies for nothing).
/// </summary>
public sealed class CompiledStoreModel(string provider, Func<IModel> model)
{
    private readonly Lazy<IModel> _model = new(model);

    public string Provider { get; } = provider;

    public IModel Model => _model.Value;
}
