using System.Diagnostics.CodeAnalysis;
using SoKet.Bot.Protocol;

namespace SoKet.Bot.People;

/// <summary>
/// The web chat user id of a signed-in person: "p-" and their person id. Only SoKet's own web chat issues it
/// (from the sign-in cookie), so it is believed only on activities that web chat built.
/// </summary>
public static class WebChatPersonIds
{
    public const string Prefix = "p-";

    /// <summary>The serviceUrl SoKet's built-in web chat puts on the activities it hands the turn pipeline (WebChatChannel.ServiceUrl).</summary>
    public const string BuiltInServiceUrl = "urn:soket:webchat";

    public static string For(Guid personId) => Prefix + personId.ToString("N");

    public static bool TryParse(string? userId, out Guid personId)
    {
        personId = Guid.Empty;
        return userId is { Length: 34 } && userId.StartsWith(Prefix, StringComparison.Ordinal)
            && Guid.TryParseExact(userId.AsSpan(Prefix.Length), "N", out personId);
    }

    /// <summary>
    /// True for an activity of the built-in web chat. An activity posted to /api/messages with this serviceUrl would
    /// need a Bot Framework token whose serviceurl claim says so, which no channel issues; only local mode takes
    /// unsigned activities, and there the caller is the machine's own user anyway.
    /// </summary>
    public static bool IsBuiltInWebChat([NotNullWhen(true)] Activity? activity) =>
        activity?.ServiceUrl == BuiltInServiceUrl;
}
