using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Data;

namespace SoKet.Bot.Tests.Adversarial;

/// <summary>
/// Every row of every table of the bot's store, as text: taken before and after an attack, the two must be equal
/// (<see cref="AssertUnchangedSince"/>). Read through the model, so a table added later is covered without a change here.
/// </summary>
public sealed class StoreSnapshot
{
    /// <summary>
    /// What any handled turn writes in the user's own conversation: the transcript, the processed id, the address,
    /// the conversation state. A refusal inside a turn still writes these; a refusal at the boundary writes none.
    /// </summary>
    public static readonly string[] TurnBookkeeping = ["WebChatActivities", "ProcessedActivities", "ConversationReferences", "ConversationStates"];

    private readonly Dictionary<string, List<string>> _tables;

    private StoreSnapshot(Dictionary<string, List<string>> tables) => _tables = tables;

    public int Rows(string table) => _tables.TryGetValue(table, out var rows) ? rows.Count : 0;

    public static async Task<StoreSnapshot> TakeAsync(SoKetDbContext db)
    {
        var tables = new Dictionary<string, List<string>>();
        foreach (var entity in db.Model.GetEntityTypes().Where(e => !e.IsOwned() && e.GetTableName() is not null))
        {
            var set = (IQueryable<object>)typeof(DbContext).GetMethods().Single(m => m.Name == nameof(DbContext.Set) && m.GetParameters().Length == 0)
                .MakeGenericMethod(entity.ClrType).Invoke(db, null)!;
            var rows = await set.AsNoTracking().ToListAsync();
            var properties = entity.GetProperties().ToList();
            tables[entity.GetTableName()!] = rows.Select(row => Describe(row, properties)).Order(StringComparer.Ordinal).ToList();
        }
        return new StoreSnapshot(tables);
    }

    /// <summary>Fails naming each table whose rows differ from <paramref name="before"/>, except <paramref name="except"/>.</summary>
    public void AssertUnchangedSince(StoreSnapshot before, params string[] except)
    {
        var changed = new List<string>();
        foreach (var table in _tables.Keys.Union(before._tables.Keys).Except(except).Order(StringComparer.Ordinal))
        {
            var now = _tables.GetValueOrDefault(table) ?? [];
            var then = before._tables.GetValueOrDefault(table) ?? [];
            if (!now.SequenceEqual(then))
                changed.Add($"{table}: {then.Count} rows before, {now.Count} after; first difference: {now.Except(then).Concat(then.Except(now)).FirstOrDefault()?[..Math.Min(300, now.Except(then).Concat(then.Except(now)).First().Length)]}");
        }
        Assert.True(changed.Count == 0, "The store changed:\n" + string.Join("\n", changed));
    }

    private static string Describe(object row, IReadOnlyList<Microsoft.EntityFrameworkCore.Metadata.IProperty> properties)
    {
        var text = new StringBuilder();
        foreach (var property in properties)
        {
            var value = property.PropertyInfo?.GetValue(row) ?? property.FieldInfo?.GetValue(row);
            text.Append(property.Name).Append('=').Append(value switch
            {
                null => "∅",
                byte[] bytes => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes)),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            }).Append(';');
        }
        return text.ToString();
    }
}
