using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using SoKet.Bot.Protocol;

namespace SoKet.Bot.Channels;

/// <summary>Why an activity was refused at the boundary, in Vietnamese for people and English for tools and logs.</summary>
public sealed record ActivityProblem(string Vietnamese, string English);

/// <summary>
/// The boundary's checks of an inbound activity, run before anything is stored or marked processed: an activity
/// that would fail later (no conversation to reply to, a number where a string is read, an id longer than the
/// store keeps) is refused here with 400, so the channel learns it sent something wrong and nothing half-happens.
/// Lengths follow the store's columns (Data/SoKetDbContext.cs, People/Person.cs).
/// </summary>
public static class ActivityValidation
{
    public const int MaxTypeLength = 64;
    public const int MaxChannelIdLength = 64;
    public const int MaxConversationIdLength = 512;
    public const int MaxActivityIdLength = 512;
    public const int MaxUserIdLength = 256;
    public const int MaxServiceUrlLength = 512;
    public const int MaxNameLength = 256;
    public const int MaxInvokeNameLength = 128;
    public const int MaxClientActivityIdLength = 128;
    public const int MaxEntities = 32;

    /// <summary>An activity posted to /api/messages (Teams through the Bot Connector, the emulator).</summary>
    public static ActivityProblem? CheckChannelActivity(Activity activity)
    {
        if (CheckType(activity.Type) is { } type)
            return type;
        if (CheckText(activity) is { } text)
            return text;
        if (string.IsNullOrWhiteSpace(activity.ChannelId) || activity.ChannelId.Length > MaxChannelIdLength)
            return new("Activity thiếu channelId hoặc channelId quá dài.", "channelId is missing or too long.");
        if (activity.Id is { Length: > MaxActivityIdLength })
            return new("Mã activity (id) quá dài.", "id is too long.");
        if (string.IsNullOrWhiteSpace(activity.Conversation?.Id))
            return new("Activity thiếu conversation.id nên không có nơi để trả lời.", "conversation.id is missing: there is nowhere to reply.");
        if (activity.Conversation.Id.Length > MaxConversationIdLength)
            return new("conversation.id quá dài.", "conversation.id is too long.");
        if (string.IsNullOrWhiteSpace(activity.From?.Id))
            return new("Activity thiếu from.id (người gửi).", "from.id (the sender) is missing.");
        if (activity.From.Id.Length > MaxUserIdLength || activity.From.AadObjectId is { Length: > 64 })
            return new("from.id hoặc from.aadObjectId quá dài.", "from.id or from.aadObjectId is too long.");
        if (CheckServiceUrl(activity) is { } serviceUrl)
            return serviceUrl;
        if (activity.Type == ActivityTypes.Invoke && (string.IsNullOrWhiteSpace(activity.Name) || activity.Name.Length > MaxInvokeNameLength))
            return new("Activity loại invoke thiếu tên (name) hoặc tên quá dài.", "An invoke activity needs a name of at most 128 characters.");
        if (CheckChannelData(activity.ChannelData) is { } channelData)
            return channelData;
        if (activity.Entities is { Count: > MaxEntities })
            return new("Activity có quá nhiều entities.", "Too many entities.");
        return null;
    }

    /// <summary>
    /// Teams and the emulator reply to serviceUrl, so it must be a web address: https, or http to this machine
    /// (the emulator, tests). In authenticated mode the token's serviceurl claim must also equal it.
    /// </summary>
    private static ActivityProblem? CheckServiceUrl(Activity activity)
    {
        var url = activity.ServiceUrl;
        if (string.IsNullOrWhiteSpace(url) || url.Length > MaxServiceUrlLength
            || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && IsLoopbackHost(uri)))
            || uri.UserInfo.Length > 0)
        {
            return new("serviceUrl thiếu hoặc không phải địa chỉ https hợp lệ.", "serviceUrl is missing or is not a valid https URL.");
        }
        return null;
    }

    /// <summary>channelData is an object; Teams' tenant is an object whose id is a string (it is read as one).</summary>
    private static ActivityProblem? CheckChannelData(JsonNode? channelData)
    {
        if (channelData is null)
            return null;
        if (channelData is not JsonObject data)
            return new("channelData phải là một đối tượng JSON.", "channelData must be a JSON object.");
        if (data["tenant"] is { } tenant && (tenant is not JsonObject t || (t["id"] is { } id && !IsString(id))))
            return new("channelData.tenant.id phải là chuỗi.", "channelData.tenant.id must be a string.");
        return null;
    }

    /// <summary>
    /// Every string and property name of the activity is text: no lone UTF-16 surrogate ("\ud800" in the JSON) and no
    /// object naming a property twice, wherever it is (value, channelData, entities, attachments, suggested actions,
    /// the accounts, fields the bot does not model). The strings the activity models as strings (text, from.name, …)
    /// are already refused by the parser; the parts kept as JSON are read lazily, so without this a lone surrogate
    /// would fail later, when a turn reads it or the store serialises the activity (HTTP 500), after the echo or the
    /// processed mark may have been written.
    /// </summary>
    private static ActivityProblem? CheckText(Activity activity)
    {
        foreach (var problem in TextProblems(activity))
        {
            switch (problem)
            {
                case JsonTextProblem.LoneSurrogate:
                    return new("Nội dung gửi lên có ký tự không hợp lệ (một nửa cặp ký tự UTF-16 đứng riêng); tin nhắn không được nhận.",
                        "A string or property name holds a lone UTF-16 surrogate.");
                case JsonTextProblem.DuplicateName:
                    return new("Nội dung gửi lên có một đối tượng JSON lặp lại cùng một tên trường; tin nhắn không được nhận.",
                        "A JSON object names the same property twice.");
            }
        }
        return null;
    }

    private static IEnumerable<JsonTextProblem> TextProblems(Activity activity)
    {
        yield return JsonText.Check(activity.Value);
        yield return JsonText.Check(activity.ChannelData);
        yield return JsonText.Check(activity.Extra);
        foreach (var entity in activity.Entities ?? [])
            yield return JsonText.Check(entity);
        foreach (var attachment in activity.Attachments ?? [])
        {
            yield return JsonText.Check(attachment?.Content);
            yield return JsonText.Check(attachment?.Extra);
        }
        foreach (var action in activity.SuggestedActions?.Actions ?? [])
            yield return JsonText.Check(action?.Value);
        foreach (var account in (IEnumerable<ChannelAccount?>)[activity.From, activity.Recipient, .. activity.MembersAdded ?? [], .. activity.MembersRemoved ?? []])
            yield return JsonText.Check(account?.Extra);
        yield return JsonText.Check(activity.Conversation?.Extra);
    }

    private static ActivityProblem? CheckType(string? type)
    {
        if (string.IsNullOrWhiteSpace(type) || type.Length > MaxTypeLength || !type.All(char.IsAsciiLetter))
            return new("Loại activity (type) thiếu hoặc không hợp lệ.", "type is missing or invalid.");
        return null;
    }

    /// <summary>
    /// What the built-in web chat takes from the browser: a message (Web Chat sends nothing else: no invokes, no
    /// events, so anything else is forged), its text, card data as an object, and a client activity id. The server
    /// decides everything else (who, where, channel).
    /// </summary>
    public static ActivityProblem? CheckWebChatActivity(Activity posted)
    {
        if (posted.Type != ActivityTypes.Message)
            return new("Cửa sổ trò chuyện chỉ gửi tin nhắn; loại activity này không được chấp nhận.", $"The web chat only accepts message activities, not '{Truncate(posted.Type, 64)}'.");
        if (CheckText(posted) is { } text)
            return text;
        if (posted.Value is { } value && value is not JsonObject)
            return new("Dữ liệu thẻ (value) phải là một đối tượng JSON.", "value must be a JSON object.");
        if (posted.ChannelData is { } channelData)
        {
            if (channelData is not JsonObject data)
                return new("channelData phải là một đối tượng JSON.", "channelData must be a JSON object.");
            if (data["clientActivityID"] is { } clientId && (!IsString(clientId) || clientId.GetValue<string>().Length is 0 or > MaxClientActivityIdLength))
                return new("channelData.clientActivityID phải là chuỗi không quá 128 ký tự.", "channelData.clientActivityID must be a string of at most 128 characters.");
        }
        if (posted.From?.Name is { Length: > MaxNameLength })
            return new("Tên người gửi quá dài.", "from.name is too long.");
        if (posted.Entities is { Count: > MaxEntities })
            return new("Activity có quá nhiều entities.", "Too many entities.");
        return null;
    }

    /// <summary>The client activity id of a web chat post (already checked to be a string when present).</summary>
    public static string? ClientActivityId(Activity posted) =>
        posted.ChannelData?["clientActivityID"] is JsonValue v && v.TryGetValue<string>(out var id) ? id : null;

    /// <summary>The locale Web Chat sent, if it looks like a language tag; Vietnamese otherwise.</summary>
    public static string Locale(string? locale) =>
        locale is { Length: >= 2 and <= 16 } && locale.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') ? locale : "vi-VN";

    private static bool IsString(JsonNode node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String;

    private static bool IsLoopbackHost(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));

    private static string Truncate(string? s, int max) => s is null ? "" : s.Length <= max ? s : s[..max];
}
