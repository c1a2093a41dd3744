namespace SoKet.Bot.Dialogs;

/// <summary>The dialogs registered in DI, by id.</summary>
public sealed class DialogRegistry
{
    private readonly Dictionary<string, IDialog> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, IDialog> _byType = [];

    public DialogRegistry(IEnumerable<IDialog> dialogs)
    {
        foreach (var dialog in dialogs)
        {
            if (!_byId.TryAdd(dialog.Id, dialog))
                throw new InvalidOperationException($"Two dialogs share the id '{dialog.Id}': {_byId[dialog.Id].GetType().Name} and {dialog.GetType().Name}.");
            _byType[dialog.GetType()] = dialog;
        }
    }

    public bool TryGet(string id, out IDialog dialog) => _byId.TryGetValue(id, out dialog!);

    public IDialog Get(string id) =>
        _byId.TryGetValue(id, out var dialog)
            ? dialog
            : throw new InvalidOperationException($"No dialog '{id}' is registered; add it with services.AddDialog<T>().");

    public IDialog Get<TDialog>() where TDialog : IDialog =>
        _byType.TryGetValue(typeof(TDialog), out var dialog)
            ? dialog
            : throw new InvalidOperationException($"{typeof(TDialog).Name} is not registered; add it with services.AddDialog<{typeof(TDialog).Name}>().");
}
