using System.Text.Json.Nodes;
using SoKet.Bot.Protocol;

namespace SoKet.Bot.Tests.Infrastructure;

/// <summary>Activities shaped like the ones Teams delivers (ids with ':' '@' ';', tenant in channelData).</summary>
public static class TeamsActivities
{
    public const string TenantId = "5f0c6e3a-9b1d-4c7e-8a2f-1d3b5c7e9f01";
    public const string UserAadObjectId = "0b2d4f6a-8c1e-4a3b-9d5f-7e9a1c3b5d70";

    public static Activity Message(string serviceUrl, string text, string? conversationId = null, string? botAppId = null, string? tenantId = null) =>
        New(ActivityTypes.Message, serviceUrl, conversationId, botAppId, tenantId, a => a.Text = text);

    public static Activity Invoke(string serviceUrl, string name, JsonNode value, string? conversationId = null, string? botAppId = null) =>
        New(ActivityTypes.Invoke, serviceUrl, conversationId, botAppId, null, a => { a.Name = name; a.Value = value; });

    public static Activity InstallationAdd(string serviceUrl, string? conversationId = null, string? botAppId = null) =>
        New(ActivityTypes.InstallationUpdate, serviceUrl, conversationId, botAppId, null, a => a.Action = "add");

    public static Activity New(string type, string serviceUrl, string? conversationId, string? botAppId, string? tenantId, Action<Activity> configure)
    {
        var tenant = tenantId ?? TenantId;
        var activity = new Activity
        {
            Type = type,
            Id = "1:" + Guid.NewGuid().ToString("N")[..12] + ";messageid=" + DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            Timestamp = DateTimeOffset.UtcNow,
            ChannelId = ChannelIds.Teams,
            ServiceUrl = serviceUrl,
            From = new ChannelAccount { Id = "29:1" + Guid.NewGuid().ToString("N"), Name = "Nguyễn Văn An", AadObjectId = UserAadObjectId },
            Recipient = new ChannelAccount { Id = "28:" + (botAppId ?? "soket-local"), Name = "Trợ lý sơ kết" },
            Conversation = new ConversationAccount
            {
                Id = conversationId ?? "a:1" + Guid.NewGuid().ToString("N") + "@unq.gbl.spaces",
                ConversationType = "personal",
                TenantId = tenant,
            },
            ChannelData = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenant } },
            Locale = "vi-VN",
        };
        configure(activity);
        return activity;
    }
}
