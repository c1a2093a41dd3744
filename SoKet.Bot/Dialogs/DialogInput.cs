using System.Text;
using System.Text.Json.Nodes;
using SoKet.Bot.Protocol;
using SoKet.Bot.Text;

namespace SoKet.Bot.Dialogs;

public enum DialogInputKind { None, Text, Submit }

/// <summary>What the user gave in this turn, however the channel carried it.</summary>
public sealed class DialogInput
{
    private DialogInput(DialogInputKind kind, string text, JsonObject? value, string? stepToken, bool isInvoke)
    {
        Kind = kind;
        Text = text;
        FoldedText = VietnameseText.FoldForMatching(text);
        Value = value;
        StepToken = stepToken;
        IsInvoke = isInvoke;
    }

    public DialogInputKind Kind { get; }

    /// <summary>Typed text in NFC, trimmed, line breaks kept (a drafted section keeps its paragraphs).</summary>
    public string Text { get; }

    /// <summary>Lower case, no diacritics, no punctuation: for matching commands and choices.</summary>
    public string FoldedText { get; }

    /// <summary>A card submit's data merged with its inputs, without the step token.</summary>
    public JsonObject? Value { get; }

    public string? StepToken { get; }

    /// <summary>Action.Execute (an invoke awaiting an invoke response) rather than Action.Submit.</summary>
    public bool IsInvoke { get; }

    public static DialogInput None { get; } = new(DialogInputKind.None, "", null, null, false);

    public static DialogInput From(Activity activity)
    {
        switch (activity.Type)
        {
            case ActivityTypes.Message when activity.Value is JsonObject submitted:
                // Action.Submit: a message whose value is the action's data merged with the card's inputs.
                return Submit(submitted, isInvoke: false);
            case ActivityTypes.Message:
                return new(DialogInputKind.Text, (activity.Text ?? "").Normalize(NormalizationForm.FormC).Trim(), null, null, false);
            case ActivityTypes.Invoke when activity.Name == "adaptiveCard/action":
                // Action.Execute: value = {action:{type,id,verb,data},trigger}; data already holds the inputs.
                return Submit(activity.Value?["action"]?["data"] as JsonObject ?? [], isInvoke: true);
            default:
                return None;
        }
    }

    private static DialogInput Submit(JsonObject data, bool isInvoke)
    {
        var value = data.DeepClone().AsObject();
        string? token = null;
        if (value[DialogCards.StepTokenField] is JsonValue t && t.TryGetValue<string>(out var s) && s.Length > 0)
            token = s;
        value.Remove(DialogCards.StepTokenField);
        return new(DialogInputKind.Submit, "", value, token, isInvoke);
    }
}
