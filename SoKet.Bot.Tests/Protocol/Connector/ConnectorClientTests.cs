using System.Text.Json;
using SoKet.Bot.Protocol;
using SoKet.Bot.Protocol.Connector;
using SoKet.Bot.Tests.Infrastructure;
using static SoKet.Bot.Tests.Protocol.Connector.ConnectorTestHost;

namespace SoKet.Bot.Tests.Protocol.Connector;

public sealed class ConnectorClientTests : IAsyncLifetime
{
    // Real Teams id shapes: channel thread with ;messageid=, 1:1 chat, and an id with '/' in it.
    private const string ChannelThread = "19:3a1f9b2c4d@thread.tacv2;messageid=1700000000123";
    private const string PersonalChat = "a:1xlimp68NSUxEqK0ap2rXuwC9ITauHgV2M4RaDPkeRhV8qMaFn-RyilMZ62YiVdqs8pp43yQ";
    private const string SlashedId = "a:abc/def+ghi==";

    private LoopbackConnector connector = null!;
    private Microsoft.Extensions.Hosting.IHost host = null!;

    public async Task InitializeAsync()
    {
        connector = await LoopbackConnector.StartAsync();
        host = await StartAsync(FastRetries());
    }

    public async Task DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
        await connector.DisposeAsync();
    }

    [Fact]
    public async Task Send_posts_the_activity_to_the_conversation_and_returns_its_id()
    {
        var response = await host.Client().SendToConversationAsync(Message(connector.ServiceUrl, PersonalChat, "Xin chào"), default);

        var request = Assert.Single(connector.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal(ConnectorOperation.SendToConversation, request.Operation);
        Assert.Equal($"/v3/conversations/{Uri.EscapeDataString(PersonalChat)}/activities", request.RawTarget);
        Assert.Equal(PersonalChat, request.ConversationId);
        Assert.Equal("Xin chào", request.Activity!.Text);
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(response.Id));
    }

    [Fact]
    public async Task Reply_posts_to_the_replied_activity()
    {
        var activity = Message(connector.ServiceUrl, ChannelThread, "Đã nhận");
        activity.ReplyToId = "1700000000999";

        await host.Client().ReplyToActivityAsync(activity, default);

        var request = Assert.Single(connector.Requests);
        Assert.Equal(ConnectorOperation.ReplyToActivity, request.Operation);
        Assert.Equal("/v3/conversations/19%3A3a1f9b2c4d%40thread.tacv2%3Bmessageid%3D1700000000123/activities/1700000000999", request.RawTarget);
        Assert.Equal(ChannelThread, request.ConversationId);
        Assert.Equal("1700000000999", request.ActivityId);
    }

    [Fact]
    public async Task Update_puts_and_delete_deletes_the_activity()
    {
        var activity = Message(connector.ServiceUrl, PersonalChat, "Bản sửa");
        activity.Id = "1700000000042";

        var updated = await host.Client().UpdateActivityAsync(activity, default);
        await host.Client().DeleteActivityAsync(connector.ServiceUrl, PersonalChat, "1700000000042", default);

        Assert.Collection(connector.Requests,
            put =>
            {
                Assert.Equal("PUT", put.Method);
                Assert.Equal($"/v3/conversations/{Uri.EscapeDataString(PersonalChat)}/activities/1700000000042", put.RawTarget);
                Assert.Equal("Bản sửa", put.Activity!.Text);
            },
            delete =>
            {
                Assert.Equal("DELETE", delete.Method);
                Assert.Equal(ConnectorOperation.DeleteActivity, delete.Operation);
                Assert.Equal($"/v3/conversations/{Uri.EscapeDataString(PersonalChat)}/activities/1700000000042", delete.RawTarget);
                Assert.Equal("", delete.Body);
            });
        Assert.Equal("1700000000042", updated.Id);
    }

    [Fact]
    public async Task Create_posts_conversation_parameters_and_returns_the_same_chat_for_the_same_user()
    {
        var parameters = new ConversationParameters
        {
            Bot = new ChannelAccount { Id = "28:00000000-0000-0000-0000-000000000001" },
            Members = [new ChannelAccount { Id = "29:1abc" }],
            TenantId = "tenant-1",
            ChannelData = new System.Text.Json.Nodes.JsonObject { ["tenant"] = new System.Text.Json.Nodes.JsonObject { ["id"] = "tenant-1" } },
        };

        var first = await host.Client().CreateConversationAsync(connector.ServiceUrl, parameters, default);
        var second = await host.Client().CreateConversationAsync(connector.ServiceUrl, parameters, default);

        var request = connector.Requests[0];
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v3/conversations", request.RawTarget);
        Assert.Equal("29:1abc", request.Parameters!.Members![0].Id);
        Assert.Equal("tenant-1", request.Parameters.ChannelData!["tenant"]!["id"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(first.Id));
        Assert.Equal(first.Id, second.Id);
        Assert.Equal(connector.ServiceUrl, first.ServiceUrl);
    }

    [Theory]
    [InlineData(ChannelThread)]
    [InlineData(SlashedId)]
    [InlineData("29:user@example.com;x=1?y#z")]
    public async Task Ids_with_reserved_characters_reach_the_server_escaped_and_intact(string conversationId)
    {
        await host.Client().DeleteActivityAsync(connector.ServiceUrl, conversationId, "1:2/3", default);

        var request = Assert.Single(connector.Requests);
        // Exactly one escaping, nothing unescaped or double-escaped on the way (e.g. %2F must stay %2F).
        Assert.Equal($"/v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/1%3A2%2F3", request.RawTarget);
        Assert.Equal(conversationId, request.ConversationId);
        Assert.Equal("1:2/3", request.ActivityId);
    }

    [Theory]
    [InlineData("amer")]
    [InlineData("amer/")]
    public async Task The_service_url_path_is_kept_with_or_without_a_trailing_slash(string suffix)
    {
        var serviceUrl = connector.ServiceUrl + suffix;

        await host.Client().SendToConversationAsync(Message(serviceUrl, PersonalChat, "x"), default);
        await host.Client().SendToConversationAsync(Message(serviceUrl.TrimEnd('/'), PersonalChat, "y"), default);

        Assert.All(connector.Requests, r => Assert.Equal($"/amer/v3/conversations/{Uri.EscapeDataString(PersonalChat)}/activities", r.RawTarget));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/v3/relative")]
    [InlineData("ftp://127.0.0.1/")]
    [InlineData("https://smba.trafficmanager.net/teams/?x=1")]
    public async Task An_invalid_service_url_is_refused_before_anything_is_sent(string? serviceUrl)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => host.Client().SendToConversationAsync(Message(serviceUrl!, PersonalChat, "x"), default));
        Assert.Empty(connector.Requests);
    }

    [Fact]
    public async Task Missing_ids_are_refused()
    {
        var noReplyTo = Message(connector.ServiceUrl, PersonalChat, "x");
        var noConversation = Message(connector.ServiceUrl, "", "x");

        Assert.Throws<ArgumentException>(() => { _ = host.Client().ReplyToActivityAsync(noReplyTo, default); });
        Assert.Throws<ArgumentException>(() => { _ = host.Client().SendToConversationAsync(noConversation, default); });
        Assert.Throws<ArgumentException>(() => { _ = host.Client().DeleteActivityAsync(connector.ServiceUrl, "..", "1", default); });
        await Task.Yield();
        Assert.Empty(connector.Requests);
    }

    [Fact]
    public async Task Local_mode_sends_no_authorization_header()
    {
        await host.Client().SendToConversationAsync(Message(connector.ServiceUrl, PersonalChat, "x"), default);

        var request = Assert.Single(connector.Requests);
        Assert.Null(request.Authorization);
    }

    [Fact]
    public async Task The_body_uses_the_wire_json_camel_case_without_nulls()
    {
        await host.Client().SendToConversationAsync(Message(connector.ServiceUrl, PersonalChat, "Báo cáo sơ kết"), default);

        using var body = JsonDocument.Parse(Assert.Single(connector.Requests).Body);
        Assert.Equal("message", body.RootElement.GetProperty("type").GetString());
        Assert.Equal(PersonalChat, body.RootElement.GetProperty("conversation").GetProperty("id").GetString());
        Assert.False(body.RootElement.TryGetProperty("replyToId", out _));
        Assert.Contains("Báo cáo sơ kết", Assert.Single(connector.Requests).Body, StringComparison.Ordinal);
    }
}
