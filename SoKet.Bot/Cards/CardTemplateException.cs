namespace SoKet.Bot.Cards;

/// <summary>
/// A card template that cannot be parsed (it uses something outside SoKet's templating subset) or that
/// fails while binding data, with the template's name and the JSON path of the failing value.
/// </summary>
public sealed class CardTemplateException : Exception
{
    public CardTemplateException(string message)
        : base(message)
    {
    }

    public CardTemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
